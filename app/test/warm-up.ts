/**
 * vitest globalSetup for the browser test files (only runs when some are in the run): starts
 * prepare-app.ts in a child process and returns at once, so the app builds and the demo seeds
 * while the other files' tests run. Its failures are not reported here: a browser file that then
 * needs the build makes it itself and fails with the real error.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './build-app.ts';

let child: ChildProcess | undefined;

export function setup(): void {
  child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'app/test/prepare-app.ts')], { cwd: ROOT, stdio: 'ignore' });
  child.on('error', () => undefined); // e.g. node gone; the browser files will say what is wrong
}

export async function teardown(): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child!.once('exit', done));
  child.kill('SIGTERM'); // the run ended (or was stopped) before the warm-up finished
  await exited;
}
