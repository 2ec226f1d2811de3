// The tests' in-memory databases copy a migrated template file (sql/memory-template.ts) instead of
// migrating: the copy must be what a database file every migration ran on is when opened again (as
// production opens its file at every start), catalog and rows.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { Database, migrate, openDatabase } from './db.ts';
import { sweepLeftCopies, templateWanted } from './memory-template.ts';

const CATALOG = `
  SELECT 'table' AS kind, table_name AS name, sql AS definition FROM duckdb_tables() WHERE database_name = current_database()
  UNION ALL SELECT 'macro', function_name || '(' || array_to_string(parameters, ', ') || ')', macro_definition
    FROM duckdb_functions() WHERE database_name = current_database() AND NOT internal
  UNION ALL SELECT 'sequence', sequence_name, start_value || ' ' || increment_by || ' ' || COALESCE(CAST(last_value AS VARCHAR), '-')
    FROM duckdb_sequences() WHERE database_name = current_database()
  UNION ALL SELECT 'constraint', table_name || ' ' || constraint_type, constraint_text FROM duckdb_constraints() WHERE database_name = current_database()
  UNION ALL SELECT 'index', index_name, sql FROM duckdb_indexes() WHERE database_name = current_database()
  UNION ALL SELECT 'view', view_name, sql FROM duckdb_views() WHERE database_name = current_database() AND NOT internal
  UNION ALL SELECT 'type', type_name, logical_type FROM duckdb_types() WHERE database_name = current_database() AND NOT internal
  ORDER BY ALL`;

/** Columns that hold when a migration ran or a summary was built, not what it holds. */
const WHEN = ['applied_at', 'refreshed_at'];

/** The catalog, and every table's rows as a count and a hash (the WHEN columns aside). */
async function contents(db: Database): Promise<unknown[]> {
  const catalog = await db.all(CATALOG);
  const tables = await db.all<{ name: string; columns: string[] }>(
    `SELECT table_name AS name, list(column_name ORDER BY column_index) FILTER (WHERE column_name NOT IN (${WHEN.map((w) => `'${w}'`).join(', ')})) AS columns
     FROM duckdb_columns() WHERE database_name = current_database()
       AND table_name IN (SELECT table_name FROM duckdb_tables() WHERE database_name = current_database())
     GROUP BY table_name ORDER BY 1`
  );
  const rows = [];
  for (const { name, columns } of tables) {
    const list = columns.map((c) => `"${c}"`).join(', ');
    rows.push({ name, ...(await db.one(`SELECT count(*) AS n, COALESCE(sum(hash(${list})), 0) AS h FROM "${name}"`)) });
  }
  return [catalog, rows];
}

const opened: Database[] = [];
const dir = mkdtempSync(join(tmpdir(), 'callboard-template-'));
afterAll(() => {
  opened.forEach((db) => db.close());
  rmSync(dir, { recursive: true, force: true });
});

it('is on in the tests (app/test/unit-setup.ts)', () => {
  expect(templateWanted()).toBe(true);
});

it('gives an in-memory database equal to a migrated database file opened again: tables, macros, sequences, constraints and rows', async () => {
  const file = join(dir, 'migrated.duckdb');
  const first = await openDatabase(file);
  expect((await first.one<{ n: number }>('SELECT count(*) AS n FROM schema_migrations'))!.n).toBeGreaterThan(20);
  first.close();
  const [copied, migrated] = [await openDatabase(':memory:'), await openDatabase(file)];
  opened.push(copied, migrated);
  expect(await migrate(copied)).toBe(0);
  const [mine, theirs] = [await contents(copied), await contents(migrated)];
  expect((mine[0] as unknown[]).length).toBeGreaterThan(100);
  expect(mine).toEqual(theirs);
});

it('gives each database its own rows', async () => {
  const [a, b] = [await openDatabase(':memory:'), await openDatabase(':memory:')];
  opened.push(a, b);
  await a.run(`INSERT INTO roster (interface, rep_id, name) VALUES ('PJSIP/7001', 'ana', 'Ana')`);
  expect(await b.one(`SELECT count(*) AS n FROM roster`)).toEqual({ n: 0 });
});

it('removes its copy when the database closes', async () => {
  const copies = () => readdirSync('/dev/shm').filter((f) => f.startsWith(`callboard-migrated-${process.pid}-`)).length;
  const before = copies();
  const db = await openDatabase(':memory:');
  expect(copies()).toBe(before + 1);
  db.close();
  expect(copies()).toBe(before);
});

it("removes what processes that are gone left (vitest ends its workers with a signal: no 'exit' handler runs)", () => {
  const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  const left = [`callboard-migrated-${gone.stdout}-1.duckdb`, `callboard-migrated-${gone.stdout}-1-2.duckdb`, `callboard-migrated-${gone.stdout}-1-2.duckdb.wal`];
  const mine = `callboard-migrated-${process.pid}-1.duckdb`;
  const folder = mkdtempSync(join(dir, 'shm-'));
  for (const name of [...left, mine, 'other.duckdb']) writeFileSync(join(folder, name), '');
  expect(sweepLeftCopies(folder)).toBe(3);
  expect(readdirSync(folder).sort()).toEqual([mine, 'other.duckdb'].sort());
});

it('copies a database as it is now (analytics/test-support/fork-database.ts): the same contents, then rows of its own', async () => {
  const { forkDatabase } = await import('../analytics/test-support/fork-database.ts');
  const db = await openDatabase(':memory:');
  opened.push(db);
  await db.run(`INSERT INTO roster (interface, rep_id, name) VALUES ('PJSIP/7001', 'ana', 'Ana')`);
  await db.run(`INSERT INTO calls (source, file_id, line_no, callid, queue, enter_ts, outcome, wait_s)
                SELECT 'queue_log', 1, i, 'c' || i, 'billing', TIMESTAMPTZ '2026-03-02 15:00:00+00' + to_minutes(i), 'abandoned', 5 FROM range(1, 2001) t(i)`);
  await db.run(`DELETE FROM calls WHERE line_no % 7 = 0`);
  const copy = await forkDatabase(db);
  opened.push(copy);
  expect(await contents(copy)).toEqual(await contents(db));
  await copy.run(`INSERT INTO roster (interface, rep_id, name) VALUES ('PJSIP/7002', 'ben', 'Ben')`);
  await db.run(`DELETE FROM roster`);
  expect(await copy.all(`SELECT rep_id FROM roster ORDER BY 1`)).toEqual([{ rep_id: 'ana' }, { rep_id: 'ben' }]);
  expect(await db.one(`SELECT count(*) AS n FROM roster`)).toEqual({ n: 0 });
  const twice = await forkDatabase(copy); // a copy of a copy
  opened.push(twice);
  expect(await contents(twice)).toEqual(await contents(copy));
});
