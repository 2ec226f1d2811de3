import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

// The test runner's settings are in vitest.config.ts (it extends this file).
export default defineConfig({
  plugins: [sveltekit()],
  ssr: { external: ['@duckdb/node-api'] },
  // No per-plugin timing report after each build (rolldown prints it as a warning): `npm start` ends
  // with the URL and the sign-ins, not a profile.
  build: { rolldownOptions: { checks: { bundlerTimings: false } } }
});
