import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/**
 * adapter-node bundles the server with rollup, which prints about 30 "Circular dependency" warnings
 * from inside dependencies (svelte's own runtime) on every build: noise nobody here can act on, and
 * it buried the URL and sign-ins `npm start` prints. Only warnings whose whole cycle lies in
 * node_modules/ are dropped; a cycle through our own code still shows.
 * @param {import('@sveltejs/kit').Adapter} inner
 * @returns {import('@sveltejs/kit').Adapter}
 */
export function withoutDependencyCycles(inner) {
  const dependencyCycle = (/** @type {unknown} */ line) =>
    typeof line === 'string' &&
    line.startsWith('Circular dependency: ') &&
    line
      .slice('Circular dependency: '.length)
      .split(' -> ')
      .every((file) => file.trim().startsWith('node_modules/'));
  return {
    ...inner,
    async adapt(builder) {
      const warn = console.warn;
      console.warn = (...args) => {
        if (!dependencyCycle(args[0])) warn(...args);
      };
      try {
        await inner.adapt(builder);
      } finally {
        console.warn = warn;
      }
    }
  };
}

/** @type {import('@sveltejs/kit').Config} */
export default {
  preprocess: vitePreprocess(),
  kit: {
    adapter: withoutDependencyCycles(adapter({ out: 'build' })),
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
