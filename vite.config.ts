import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [sveltekit()],
  ssr: { external: ['@duckdb/node-api'] },
  // No per-plugin timing report after each build (rolldown prints it as a warning): `npm start` ends
  // with the URL and the sign-ins, not a profile.
  build: { rolldownOptions: { checks: { bundlerTimings: false } } },
  test: {
    include: ['{app,ingest,analytics,sql,fixtures}/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 180_000,
    env: { TZ: 'America/Chicago' }
  }
});
