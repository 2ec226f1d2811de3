#!/usr/bin/env node
// `npm test`: the type-check (svelte-check, as `npm run check`) and the vitest suite at the same time
// rather than one after the other; fails when either fails. Arguments go to vitest
// (`npm test -- ingest/` runs that folder's files; the type-check always covers everything).
// svelte-check's report is printed after vitest's, so the two do not interleave; --incremental keeps
// its work in .svelte-kit/ so a second run checks only what changed.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** @param {string} pkg @param {string} file */
const bin = (pkg, file) => join(root, 'node_modules', pkg, file);

// Kit's generated types first (both halves read them), so the two do not write them at once.
const sync = spawnSync(process.execPath, [bin('@sveltejs/kit', 'svelte-kit.js'), 'sync'], { cwd: root, stdio: 'inherit' });
if (sync.status !== 0) process.exit(sync.status ?? 1);

/**
 * Runs node with `args`; its output passes through, or is kept and returned when `buffered`.
 * @param {string[]} args
 * @param {boolean} buffered
 * @returns {Promise<{ code: number, output: string }>}
 */
function run(args, buffered) {
  const child = spawn(process.execPath, args, { cwd: root, stdio: buffered ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
  let output = '';
  child.stdout?.on('data', (b) => (output += b));
  child.stderr?.on('data', (b) => (output += b));
  return new Promise((done) => child.on('exit', (code, signal) => done({ code: code ?? (signal ? 1 : 0), output })));
}

const started = Date.now();
const check = run([bin('svelte-check', 'bin/svelte-check'), '--tsconfig', './tsconfig.json', '--threshold', 'error', '--incremental'], true).then((r) => ({
  ...r,
  seconds: Math.round((Date.now() - started) / 1000)
}));
const tests = run([bin('vitest', 'vitest.mjs'), 'run', ...process.argv.slice(2)], false).then((r) => r.code);

const [checked, testCode] = await Promise.all([check, tests]);
const checkCode = checked.code;
process.stdout.write(`\n── type-check (svelte-check, ${checked.seconds} s, beside the tests) ──\n${checked.output.trim()}\n`);
if (checkCode !== 0) console.error('npm test: the type-check failed (svelte-check above).');
if (testCode !== 0) console.error('npm test: tests failed (vitest above).');
process.exit(checkCode !== 0 ? checkCode : testCode);
