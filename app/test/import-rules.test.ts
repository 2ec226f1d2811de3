// The house's import rules, as each folder's README states them, checked over the real import graph:
// imports run one way (app → analytics → sql, app → ingest → sql), nothing imports app/, and shipped
// code never imports fixtures/ (test data). Tests and test helpers may reach fixtures and the loader.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const TOP = ['app', 'analytics', 'ingest', 'sql', 'fixtures', 'bench'] as const;
type Top = (typeof TOP)[number];

/** What shipped code in each top folder may import (besides itself and packages). */
const MAY_IMPORT: Record<Top, Top[]> = {
  sql: [],
  ingest: ['sql'],
  analytics: ['sql'],
  app: ['analytics', 'ingest', 'sql'],
  fixtures: ['app', 'analytics', 'ingest', 'sql'],
  bench: ['app', 'analytics', 'ingest', 'sql', 'fixtures']
};

const isTestCode = (path: string) => /\.test\.ts$/.test(path) || /(^|\/)test-support\//.test(path) || /^app\/test\//.test(path) || /(^|\/)test-(db|support)\.ts$/.test(path);

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sources(path, out);
    else if (/\.(ts|svelte|js|mjs)$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

const IMPORT = /(?:from\s+|import\s*\(\s*|import\s+)['"](\.{1,2}\/[^'"]+)['"]/g;

/** Every relative import of every source file, as [importer, imported] paths relative to the root. */
function edges(): [string, string][] {
  const all: [string, string][] = [];
  for (const top of TOP) {
    for (const file of sources(join(ROOT, top))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(IMPORT)) all.push([relative(ROOT, file), relative(ROOT, resolve(dirname(file), m[1]))]);
    }
  }
  return all;
}

const topOf = (path: string) => path.split('/')[0] as Top;

describe('imports run one way', () => {
  const graph = edges();

  it('finds the import graph', () => {
    expect(graph.length).toBeGreaterThan(300);
  });

  it('shipped code imports only the folders below it on the data path', () => {
    // e.g. ingest/ may not import analytics/: what a load keeps up to date lives in sql/upkeep/.
    const broken = graph.filter(([from, to]) => {
      if (isTestCode(from)) return false;
      const a = topOf(from);
      const b = topOf(to);
      return a !== b && TOP.includes(b) && !MAY_IMPORT[a].includes(b);
    });
    expect(broken.map(([from, to]) => `${from} → ${to}`)).toEqual([]);
  });

  it('nothing imports app/ but app itself, the benchmarks and test code (fixtures/ is test data)', () => {
    const broken = graph.filter(([from, to]) => topOf(to) === 'app' && !['app', 'bench', 'fixtures'].includes(topOf(from)) && !isTestCode(from));
    expect(broken.map(([from, to]) => `${from} → ${to}`)).toEqual([]);
  });
});

describe("DuckDB's client", () => {
  it('shipped code takes its values from sql/duckdb-api.ts (required), only types from the package', () => {
    // An ES import of the package's values costs every CLI and server start ~160 ms of CPU (sql/duckdb-api.ts).
    const valueImport = /^import\s+(?!type\b)[^;]*?from\s+['"]@duckdb\/node-api['"]|import\(\s*['"]@duckdb\/node-api['"]\s*\)(?!\s*\.)/m;
    const offenders = TOP.filter((top) => top !== 'bench' && top !== 'fixtures')
      .flatMap((top) => sources(join(ROOT, top)))
      .map((file) => relative(ROOT, file))
      .filter((file) => !isTestCode(file) && file !== 'sql/duckdb-api.ts')
      .filter((file) => valueImport.test(readFileSync(join(ROOT, file), 'utf8').replace(/typeof import\([^)]*\)/g, '')));
    expect(offenders).toEqual([]);
  });
});
