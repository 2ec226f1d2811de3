/**
 * Whether the compiled CLI in dist/cli/ (compile.js) is current: it exists and no source file it
 * was built from has changed (or gone) since the build started. Plain JavaScript: the bin uses it
 * before tsx is loaded, and it only reads a small list and stats those files.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const PROJECT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** Two levels under the project, like app/cli/, so paths the code finds from its own file still work. */
export const BUILD_DIR = join(PROJECT, 'dist', 'cli');
export const SOURCES_FILE = 'sources.json';

/**
 * The URL of the compiled CLI's entry when the build in `dir` is current, else null.
 * @param {string} [dir]
 * @returns {string | null}
 */
export function currentBuild(dir = BUILD_DIR) {
  /** @type {{ built_at: number, inputs: string[] }} */
  let sources;
  try {
    sources = JSON.parse(readFileSync(join(dir, SOURCES_FILE), 'utf8'));
  } catch {
    return null;
  }
  for (const file of sources.inputs) {
    const stat = statSync(join(PROJECT, file), { throwIfNoEntry: false });
    if (!stat || stat.mtimeMs > sources.built_at) return null;
  }
  return pathToFileURL(join(dir, 'main.js')).href;
}
