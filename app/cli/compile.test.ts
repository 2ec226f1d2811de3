// The compiled CLI (compile.js): built into a folder of its own here, it answers like the sources; the
// bin runs a build only while it is current; and `--help`, `--version` and `staffing` never load DuckDB,
// compiled or not (module hooks in the child refuse @duckdb/* outright, imported or required, so loading it fails the run).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileCli } from './compile.js';
import { BUILD_DIR, PROJECT, SOURCES_FILE, currentBuild } from './current-build.js';

const BIN = join(PROJECT, 'app/cli/callboard.js');
const dir = `${BUILD_DIR}-test-${process.pid}`;
const hooks = mkdtempSync(join(tmpdir(), 'callboard-compile-'));
const refuseDuckdb = join(hooks, 'refuse-duckdb.mjs');
const STAFFING = ['staffing', '--calls', '100', '--period-s', '1800', '--aht-s', '240', '--json'];

/** Runs `node [--import refuse-duckdb] entry args` from the project folder. */
function run(entry: string, args: string[], { refuse = false, source = false } = {}) {
  const env: NodeJS.ProcessEnv = { ...process.env, FORCE_COLOR: '0', CALLBOARD_CLI: source ? 'source' : '' };
  delete env.CALLBOARD_DB;
  const flags = refuse ? ['--import', pathToFileURL(refuseDuckdb).href] : [];
  return spawnSync(process.execPath, [...flags, entry, ...args], { encoding: 'utf8', cwd: PROJECT, env });
}

beforeAll(async () => {
  writeFileSync(
    refuseDuckdb,
    // An ES import goes through the registered hook; require() (sql/duckdb-api.ts loads the client
    // so) through the CommonJS resolver, which the hook does not see: both refuse.
    `import { createRequire, register } from 'node:module';
register('data:text/javascript,' + encodeURIComponent(
  'export async function resolve(s, c, next) { if (s.startsWith("@duckdb/")) throw new Error("refused to load " + s); return next(s, c); }'
));
const Module = createRequire(import.meta.url)('node:module');
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (request.startsWith('@duckdb/')) throw new Error('refused to load ' + request);
  return resolveFilename.call(this, request, ...rest);
};
`
  );
  await compileCli(dir);
}, 120_000);
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(hooks, { recursive: true, force: true });
});

describe('the compiled CLI', () => {
  const main = () => fileURLToPath(currentBuild(dir)!);

  it('is current right after the build, and answers as the sources do', () => {
    expect(currentBuild(dir)).toBe(pathToFileURL(join(dir, 'main.js')).href);
    const version = JSON.parse(readFileSync(join(PROJECT, 'package.json'), 'utf8')).version;
    expect(run(main(), ['--version']).stdout.trim()).toBe(version);
    const help = run(main(), ['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toBe(run(BIN, ['--help'], { source: true }).stdout);
    const staffing = run(main(), STAFFING);
    expect(staffing.status).toBe(0);
    expect(JSON.parse(staffing.stdout)).toEqual(JSON.parse(run(BIN, STAFFING, { source: true }).stdout));
    const mistake = run(main(), ['staffing', '--calls', 'many', '--period-s', '1800', '--aht-s', '240']);
    expect([mistake.status, mistake.stderr]).toEqual([2, 'callboard: --calls: "many" must be a number of calls >= 0\n']);
  }, 60_000);

  it('is not current once a source it was built from is newer than the build, or gone', () => {
    const sourcesPath = join(dir, SOURCES_FILE);
    const sources = JSON.parse(readFileSync(sourcesPath, 'utf8')) as { built_at: number; inputs: string[] };
    expect(sources.inputs).toContain('app/cli/commands/staffing.ts');
    try {
      const edited = statSync(join(PROJECT, 'app/cli/commands/staffing.ts')).mtimeMs;
      writeFileSync(sourcesPath, JSON.stringify({ ...sources, built_at: edited - 1 }));
      expect(currentBuild(dir)).toBeNull();
      writeFileSync(sourcesPath, JSON.stringify({ ...sources, inputs: [...sources.inputs, 'app/cli/commands/gone.ts'] }));
      expect(currentBuild(dir)).toBeNull();
      rmSync(sourcesPath);
      expect(currentBuild(dir)).toBeNull();
    } finally {
      writeFileSync(sourcesPath, JSON.stringify(sources));
    }
    expect(currentBuild(dir)).not.toBeNull();
  });
});

describe('commands that need no database never load DuckDB', () => {
  const cases: Array<[string, string[]]> = [['--help', ['--help']], ['--version', ['--version']], ['staffing', STAFFING]];

  it.each(cases)('%s, compiled and from the sources', (_name, args) => {
    for (const [entry, source] of [[fileURLToPath(currentBuild(dir)!), false], [BIN, true]] as const) {
      const r = run(entry, args, { refuse: true, source });
      expect(r.stderr, `${entry} ${args.join(' ')}`).toBe('');
      expect(r.status).toBe(0);
    }
  }, 60_000);

  it('while a command that reads the database does load it (the hook works)', () => {
    const r = run(fileURLToPath(currentBuild(dir)!), ['metrics', '--from', '2026-03-02', '--to', '2026-03-02', '--db', ':memory:'], { refuse: true });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('refused to load @duckdb/node-api');
  }, 60_000);
});
