/**
 * The build stays quiet (issue 13.13): the server bundle's circular-dependency warnings from inside
 * dependencies are dropped, a cycle through our own code still shows, and so does any other warning.
 */
import { afterEach, expect, it, vi } from 'vitest';
import type { Adapter, Builder } from '@sveltejs/kit';
import { withoutDependencyCycles } from '../../svelte.config.js';

afterEach(() => vi.restoreAllMocks());

it("drops only dependencies' own circular-dependency warnings", async () => {
  const shown = vi.spyOn(console, 'warn').mockImplementation(() => {});
  const noisy: Adapter = {
    name: 'noisy',
    async adapt() {
      console.warn('Circular dependency: node_modules/svelte/src/internal/client/runtime.js -> node_modules/svelte/src/internal/client/reactivity/effects.js -> node_modules/svelte/src/internal/client/runtime.js');
      console.warn('Circular dependency: app/lib/a.ts -> node_modules/x/index.js -> app/lib/a.ts');
      console.warn('"default" is not exported by "node_modules/y/index.js"');
    }
  };
  const before = console.warn;
  await withoutDependencyCycles(noisy).adapt({} as Builder);
  expect(shown.mock.calls.map((c) => c[0])).toEqual(['Circular dependency: app/lib/a.ts -> node_modules/x/index.js -> app/lib/a.ts', '"default" is not exported by "node_modules/y/index.js"']);
  expect(console.warn).toBe(before);
});
