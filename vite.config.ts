import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

// The test runner's settings are in vitest.config.ts (it extends this file).
export default defineConfig({
  plugins: [sveltekit()],
  ssr: { external: ['@duckdb/node-api'] }
});
