import { availableParallelism } from 'node:os';
import { defineConfig, mergeConfig } from 'vitest/config';
import viteConfig from './vite.config.ts';
import BrowserLastSequencer from './app/test/sequencer.ts';

const ROOTS = '{app,ingest,analytics,sql,fixtures}';
const BROWSER = `${ROOTS}/**/*.browser.test.ts`;

export default mergeConfig(
  viteConfig,
  defineConfig({
    test: {
      environment: 'node',
      testTimeout: 60_000,
      // A file may wait in beforeAll for another to finish a shared database (the demo centers): minutes on a busy machine.
      hookTimeout: 300_000,
      // A page's reload after a change can take seconds on a loaded 2-core CI machine (the whole suite
      // runs side by side): polls wait for it instead of failing at vitest's default 1 s.
      expect: { poll: { timeout: 15_000 } },
      // One DuckDB thread per database (sql/db.ts reads it): test files run side by side, about one per core.
      env: { TZ: 'America/Chicago', CALLBOARD_DUCKDB_THREADS: '1' },
      // Cheap password hashes for the users tests create (app/server/password-cost.ts).
      setupFiles: ['app/test/unit-setup.ts'],
      // Files in parallel, one more than the cores: a file often waits (on its server, Chromium, a spawned
      // command, a followed file's next load), and a third file fills that time on 2 cores (npm test
      // 590 s with two, 488 s with three on a clean clone; vitest's own default leaves a core idle).
      maxWorkers: Math.max(2, availableParallelism()) + 1,
      sequence: { sequencer: BrowserLastSequencer },
      projects: [
        // Spawned `callboard`s run the compiled CLI: compiled first when a source changed (app/test/compile-cli.ts).
        // The unit files share their worker's modules (isolate: false): each file once imported hono, zod,
        // DuckDB's client and the app afresh, over a second each, 170 times a run. Module state that
        // outlives a file is keyed by its database; tests that change process.env put it back.
        { extends: true, test: { name: 'unit', include: [`${ROOTS}/**/*.test.ts`], exclude: [BROWSER], isolate: false, globalSetup: ['app/test/compile-cli.ts'] } },
        // The browser files start the app build and the demo seed as the run starts (app/test/warm-up.ts),
        // and share one Chromium, each file in contexts of its own (app/test/shared-browser.ts). They share
        // their worker's modules too (playwright, DuckDB's client: about a second of CPU a file); each
        // still starts its own server.
        { extends: true, test: { name: 'browser', include: [BROWSER], isolate: false, globalSetup: ['app/test/compile-cli.ts', 'app/test/warm-up.ts', 'app/test/shared-browser.ts'] } }
      ]
    }
  })
);
