import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
export default {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter({ out: 'build' }),
    // The SvelteKit source lives in app/ next to the CLI and the Hono API (see app/README.md).
    files: { src: 'app' },
    typescript: {
      // Type-check the whole data path, not only app/: `npm test` runs svelte-check over all of it.
      config: (config) => {
        config.include.push('../ingest/**/*.ts', '../analytics/**/*.ts', '../sql/**/*.ts', '../fixtures/**/*.ts');
      }
    }
  }
};
