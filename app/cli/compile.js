#!/usr/bin/env node
/**
 * Compiles the CLI ahead of time: bundles app/cli/main.ts and everything it imports from the project
 * into dist/cli/ with esbuild (packages in node_modules stay imports). Each command's module is a
 * dynamic import() in commands/index.ts, so it becomes a chunk of its own that loads only when that
 * command runs. `npm install` / `npm ci` run this (the `prepare` script); `npm run build:cli` by hand.
 *
 * dist/cli/sources.json lists the files the build was made from and when it started: the bin
 * (callboard.js, via current-build.js) runs the build only while none of them has changed since.
 * Plain JavaScript, so it runs before anything else is set up.
 */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BUILD_DIR, PROJECT, SOURCES_FILE } from './current-build.js';

/**
 * Builds into `outdir` (by default dist/cli), replacing what was there; answers the number of
 * project source files in the build.
 * @param {string} [outdir]
 * @returns {Promise<number>}
 */
export async function compileCli(outdir = BUILD_DIR) {
  const { build } = await import('esbuild');
  const startedAt = Date.now();
  const temp = `${outdir}.tmp-${process.pid}`;
  rmSync(temp, { recursive: true, force: true });
  try {
    const result = await build({
      absWorkingDir: PROJECT,
      entryPoints: { main: join(PROJECT, 'app/cli/main.ts') },
      outdir: temp,
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      packages: 'external',
      chunkNames: 'chunks/[name]-[hash]',
      sourcemap: 'linked',
      metafile: true,
      logLevel: 'error'
    });
    const inputs = Object.keys(result.metafile.inputs).filter((f) => !f.startsWith('node_modules/')).sort();
    writeFileSync(join(temp, SOURCES_FILE), JSON.stringify({ built_at: startedAt, inputs }, null, 1) + '\n');
    rmSync(outdir, { recursive: true, force: true });
    renameSync(temp, outdir);
    return inputs.length;
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  const t0 = performance.now();
  try {
    const n = await compileCli();
    console.log(`callboard: compiled the CLI (${n} source files) into ${relative(process.cwd(), BUILD_DIR) || '.'} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  } catch (e) {
    // An install must not fail for this: without a build the bin runs the sources through tsx.
    console.warn(`callboard: could not compile the CLI (it will run from the sources, slower to start): ${e instanceof Error ? e.message : String(e)}`);
  }
}
