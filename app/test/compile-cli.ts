/**
 * vitest globalSetup for both projects: compiles the CLI (app/cli/compile.js) when dist/cli is not
 * current, before any test file starts. Without it, the first edit after `npm install` makes every
 * `callboard` the tests spawn (the browser files' servers, the CLI and kill tests) run from the
 * sources through tsx, about half a second more of start-up each. Nothing changed: a stat of the
 * build's sources, no compile. Under a lock, so the two projects' setups compile once.
 */
import { currentBuild } from '../cli/current-build.js';
import { compileCli } from '../cli/compile.js';
import { withFileLock } from './build-app.ts';

export async function setup(): Promise<void> {
  if (currentBuild()) return;
  await withFileLock('cli-build.lock', async () => {
    if (!currentBuild()) await compileCli();
  });
}
