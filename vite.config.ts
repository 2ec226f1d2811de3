import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [sveltekit()],
  ssr: { external: ['@duckdb/node-api'] },
  test: {
    include: ['{app,ingest,analytics,sql,fixtures}/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 180_000,
    env: { TZ: 'America/Chicago' }
  }
});
