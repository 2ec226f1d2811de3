/**
 * vitest globalSetup for both projects: compiles the CLI (app/cli/compile.js) when dist/cli is not
 * current, before any test file starts. Without it, the first edit after `npm install` makes every
 * `callboard` the tests spawn (the browser files' servers, the CLI and kill tests) run from the
 * sources through tsx, about half a second more of start-up each. Nothing changed: a stat of the
 * build's sources, no compile. Under a lock, so the two projects' setups compile once. Its teardown
 * removes the test databases' copies the run's workers left (sql/memory-template.ts).
 */
import { currentBuild } from '../cli/current-build.js';
import { compileCli } from '../cli/compile.js';
import { withFileLock } from './build-app.ts';
import { sweepLeftCopies } from '../../sql/memory-template.ts';

export async function setup(): Promise<void> {
  if (currentBuild()) return;
  await withFileLock('cli-build.lock', async () => {
    if (!currentBuild()) await compileCli();
  });
}

/**
 * After the run: the in-memory test databases' copies its workers left (sql/memory-template.ts;
 * vitest ends them with a signal, before their own clean-up runs).
 */
export function teardown(): void {
  sweepLeftCopies();
}
