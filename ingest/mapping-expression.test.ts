// The mapping expression guard, judged on DuckDB's own parse: hostile expressions are refused with one
// line naming the field, and nothing they try reaches the calls; the worked mapping still loads.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../sql/errors.ts';
import { approvedExpression } from './mapping-expression.ts';
import { ingestFile } from './load.ts';
import { freshDb } from './test-db.ts';
import type { Mapping } from './csv-mapping.ts';

const HEADER = ['call_id', 'type', 'date', 'q_start', 'q_time', 'outcome', 'vru+line'];

/** Each hostile expression, and a word the refusal must name (what was refused). */
const HOSTILE: Array<[string, string]> = [
  [`x) , (SELECT password_hash FROM users`, 'does not parse'],
  [`"type") , (SELECT password_hash FROM users) AS queue, ("type"`, 'does not parse'],
  [`"type" , (SELECT password_hash FROM users)`, 'one expression'],
  [`(SELECT password_hash FROM users LIMIT 1)`, 'subquery'],
  [`(SELECT 1)`, 'subquery'],
  [`EXISTS (SELECT 1)`, 'subquery'],
  [`"type" IN (SELECT name FROM users)`, 'subquery'],
  [`read_csv('/etc/passwd')`, 'read_csv'],
  [`read_csv_auto('/etc/passwd')`, 'read_csv_auto'],
  [`read_text('/etc/passwd')`, 'read_text'],
  [`read_blob('/etc/passwd')`, 'read_blob'],
  [`glob('/etc/*')`, 'glob'],
  [`duckdb_settings()`, 'duckdb_settings'],
  [`getenv('HOME')`, 'getenv'],
  [`current_setting('home_directory')`, 'current_setting'],
  [`query('SELECT password_hash FROM users')`, 'query'],
  [`query_table('users')`, 'query_table'],
  [`sql_auto_complete('SEL')`, 'sql_auto_complete'],
  [`list_transform(['a'], x -> getenv('HOME'))`, 'list_transform'],
  [`lower(list_transform(['a'], x -> x))`, 'list_transform'],
  [`"type" -- comment ) , (SELECT 1`, 'comment'],
  [`1 /* ) , (SELECT password_hash FROM users */ ) , (SELECT 2`, 'comment'],
  [`"type" /* a comment */`, 'comment'],
  [`"type"; SELECT password_hash FROM users`, 'more than one statement'],
  [`"type"; DROP TABLE calls`, 'more than one statement'],
  [`"type" FROM users`, 'FROM'],
  [`"type" WHERE 1 = 1`, 'may not'],
  [`*`, '*'],
  [`users.password_hash`, 'qualified name'],
  [`password_hash`, 'not a column'],
  [`count(*)`, 'count'],
  [`sum(CAST("q_time" AS INTEGER))`, 'sum'],
  [`row_number() OVER ()`, 'window'],
  [`$1`, 'parameter'],
  [`?`, 'parameter'],
  [`"type" AS queue`, 'alias'],
  [`pg_catalog.lower("type")`, 'pg_catalog.lower'],
  [`system.main.lower("type")`, 'system.main.lower'],
  [`‘x’) , (SELECT password_hash FROM users`, 'does not parse'],
  [`“type”`, 'may not'],
  [`CAST("type" AS VARCHAR[])`, 'cast'],
  [`struct_pack(a := 1)`, 'struct_pack'],
  [`"type"[1]`, 'array_extract'],
  [`[1, 2]`, 'list_value'],
  [`map_from_entries([('a', 1)])`, 'map_from_entries'],
  [`printf('%s', (SELECT 1))`, 'printf'],
  [`coalesce("type", (SELECT password_hash FROM users))`, 'subquery'],
  [`CASE WHEN "type" = 'x' THEN (SELECT 1) END`, 'subquery'],
  [`"type" IN ("outcome", (SELECT 1))`, 'IN with anything but a list of constants'],
  [`load_extension('x')`, 'load_extension'],
  [`current_user`, 'current_user'],
  [`nextval('load_run_ids')`, 'nextval'],
  [``, 'expression']
];

describe('mapping expression guard', () => {
  const judge = (expr: string) => approvedExpression(expr, 'queue', HEADER);

  it(`refuses ${HOSTILE.length} hostile expressions with one line naming the field and what was refused`, async () => {
    expect(HOSTILE.length).toBeGreaterThanOrEqual(30);
    const wrong: string[] = [];
    for (const [expr, named] of HOSTILE) {
      const err = await judge(expr).then(() => null, (e: unknown) => e);
      const message = err instanceof InputError ? err.message : `not refused: ${String(err)}`;
      const ok = /^mapping field "queue": the expression /.test(message) && message.includes(named) && !message.includes('\n');
      if (!ok) wrong.push(`${expr} => ${message}`);
    }
    expect(wrong).toEqual([]);
  });

  it('passes column references, constants, operators, CASE/CAST and allowed functions, as DuckDB renders them', async () => {
    const fine = [
      `"type"`,
      `'PS'`,
      `CAST("q_time" AS INTEGER) * 60 + 1`,
      `CASE WHEN "outcome" = 'AGENT' THEN CAST("q_time" AS DOUBLE) ELSE NULL END`,
      `strptime("date" || ' ' || "q_start", '%y%m%d %H:%M:%S')`,
      `coalesce(nullif(trim("type"), ''), 'default')`,
      `"outcome" IN ('HANG', 'PHANTOM') AND NOT "q_time" BETWEEN '1' AND '5'`,
      `regexp_replace(upper("vru+line"), '[^A-Z]', '', 'g')`,
      `"q_time" IS NULL OR "type" LIKE 'P%'`,
      `make_timestamp(1999, 2, 1, 7, 0, 0) + INTERVAL 5 MINUTE`,
      `try(CAST("q_time" AS INTEGER))`,
      `CAST("q_time" AS DECIMAL(10, 2)) + CAST("type" AS VARCHAR(8))::DOUBLE`,
      `'a -- not a comment' || "TYPE" || '/* nor this */'`
    ];
    for (const expr of fine) {
      const sql = await judge(expr);
      expect(sql, expr).toMatch(/^\(.*\)$/s);
    }
  });
});

describe('a hostile mapping through the loader', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'callboard-mapping-guard-'));
    writeFileSync(join(dir, 'calls.csv'), 'id,start,result,team\n1,2026-03-02 09:00:00,answered,=HYPERLINK("x")\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const mapping = (queue: string): Mapping => ({
    timezone: 'UTC',
    fields: { callid: { column: 'id' }, enter_ts: { column: 'start' }, outcome: { column: 'result' }, queue: { sql: queue } }
  });

  it('refuses the wrapper-closing expression that used to land password hashes in calls.queue, and loads nothing', async () => {
    const db = await freshDb();
    await db.run(`INSERT INTO users (username, role, password_hash) VALUES ('admin', 'admin', '$argon2id$secret')`);
    // Closes the generated try(CAST((...) AS VARCHAR)), adds its own "queue" and comments out the rest of the line.
    const hostile = `'x') AS VARCHAR)) AS dummy, (SELECT max(username) || ':' || max(password_hash) FROM users) AS queue, --`;
    await expect(ingestFile(db, join(dir, 'calls.csv'), { timeZone: 'UTC', mapping: mapping(hostile) }))
      .rejects.toThrow(/^mapping field "queue": the expression may not hold a comment/);
    await expect(ingestFile(db, join(dir, 'calls.csv'), { timeZone: 'UTC', mapping: mapping(hostile.replace(', --', '')) }))
      .rejects.toThrow(/^mapping field "queue": the expression does not parse/);
    expect(await db.all(`SELECT queue FROM calls WHERE queue LIKE '%argon2id%'`)).toEqual([]);
    expect(await db.one('SELECT count(*) AS n FROM calls')).toEqual({ n: 0 });
    db.close();
  });

  it('a skip condition goes through the same guard', async () => {
    const db = await freshDb();
    const m: Mapping = { ...mapping(`"team"`), skip: [{ when: `getenv('HOME') IS NOT NULL`, reason: 'x' }] };
    await expect(ingestFile(db, join(dir, 'calls.csv'), { timeZone: 'UTC', mapping: m }))
      .rejects.toThrow(/^mapping field "skip\[0\]\.when": the expression may not use getenv/);
    db.close();
  });

  it('an approved expression loads its rows', async () => {
    const db = await freshDb();
    const s = await ingestFile(db, join(dir, 'calls.csv'), { timeZone: 'UTC', mapping: mapping(`upper("team")`) });
    expect(s).toMatchObject({ rows_loaded: 1, rows_quarantined: 0 });
    expect(await db.one('SELECT queue FROM calls')).toEqual({ queue: '=HYPERLINK("X")' });
    db.close();
  });
});
