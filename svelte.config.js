import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
export default {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter({ out: 'build' }),
    // The SvelteKit source lives in app/ next to the CLI and the Hono API (see app/README.md).
    files: { src: 'app' },
    // The API refuses cross-site changes itself (app/api/auth.ts compares Origin with the request's
    // host). Kit's own check compares with adapter-node's guessed https origin and would refuse
    // every upload over plain http; no page posts a form to the server.
    csrf: { trustedOrigins: ['*'] },
    typescript: {
      // Type-check the whole data path, not only app/: `npm test` runs svelte-check over all of it.
      config: (config) => {
        config.include.push('../ingest/**/*.ts', '../analytics/**/*.ts', '../sql/**/*.ts', '../fixtures/**/*.ts');
      }
    }
  }
};
