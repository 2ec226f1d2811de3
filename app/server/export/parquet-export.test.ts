// The data-lake export on a real database loaded through the real ingest path: written with DuckDB's
// COPY, read back with DuckDB's read_parquet (Hive partitions), the same counts as the database; a
// second export writes nothing; a load of new calls writes only their month; numbers masked by default.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../sql/db.ts';
import { ingestFile } from '../../../ingest/load.ts';
import { maskCallerNumber } from '../../../analytics/privacy/caller-number-mask.ts';
import { auditRecords } from '../audit.ts';
import { exportParquet, type ExportSummary } from './parquet-export.ts';
import { EXPORT_TABLES } from './export-tables.ts';

const TZ = 'America/Chicago';
const actor = { id: null, username: 'cli:test' };
const epoch = (iso: string) => Date.parse(iso) / 1000;

/** Two answered calls and one abandoned a day, a rep logged in around them, on each given UTC day. */
function queueLog(days: string[], tag: string, numberBase: number): string {
  const lines: string[] = [];
  days.forEach((day, d) => {
    const t = epoch(`${day}T15:00:00Z`);
    lines.push(`${t}|NONE|billing|PJSIP/7001|ADDMEMBER|`);
    for (let i = 0; i < 3; i++) {
      const id = `${tag}-${d}-${i}`;
      const at = t + 600 + i * 900;
      const caller = `312555${String(numberBase + d * 10 + i).padStart(4, '0')}`;
      lines.push(`${at}|${id}|billing|NONE|ENTERQUEUE||${caller}|1`);
      if (i < 2) {
        lines.push(`${at + 12}|${id}|billing|PJSIP/7001|CONNECT|12|${id}.1|3`, `${at + 200}|${id}|billing|PJSIP/7001|COMPLETECALLER|12|188|1`);
      } else {
        lines.push(`${at + 40}|${id}|billing|NONE|ABANDON|1|1|40`);
      }
    }
    lines.push(`${t + 7200}|NONE|billing|PJSIP/7001|REMOVEMEMBER|`);
  });
  return lines.join('\n') + '\n';
}

let dir: string;
let db: Database;
let out: string;

async function load(name: string, text: string): Promise<void> {
  const file = join(dir, name);
  writeFileSync(file, text);
  const s = await ingestFile(db, file, { timeZone: TZ });
  expect(s.error).toBeUndefined();
  expect(s.calls_added).toBeGreaterThan(0);
}

const exportNow = (withCallerNumbers = false): Promise<ExportSummary> => exportParquet(db, { out, timeZone: TZ, withCallerNumbers, actor });

/** Rows per month of an exported table, read back by DuckDB from the Parquet files. */
async function readBack(table: string): Promise<Record<string, number>> {
  const rows = await db.all<{ month: string; n: number }>(
    `SELECT month, CAST(count(*) AS INTEGER) AS n FROM read_parquet($glob, hive_partitioning = true) GROUP BY month ORDER BY month`,
    { glob: join(out, table, '*', '*.parquet') }
  );
  return Object.fromEntries(rows.map((r) => [r.month, r.n]));
}

async function inDatabase(table: string): Promise<Record<string, number>> {
  const query = EXPORT_TABLES.find((t) => t.name === table)!.query;
  const rows = await db.all<{ month: string; n: number }>(
    `SELECT month, CAST(count(*) AS INTEGER) AS n FROM (${readFileSync(join(import.meta.dirname, '../../../sql', `${query}.sql`), 'utf8')}) GROUP BY month ORDER BY month`,
    { tz: TZ }
  );
  return Object.fromEntries(rows.map((r) => [r.month, r.n]));
}

/** Each partition file's modification time and inode: unchanged when the export did not touch it. */
const fileStamp = (table: string, month: string) => {
  const s = statSync(join(out, table, `month=${month}`, 'data_0.parquet'));
  return `${s.ino}:${s.mtimeMs}`;
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'callboard-export-test-'));
  out = join(dir, 'lake', 'center-a');
  db = await openDatabase(':memory:');
  await load('queue_log', queueLog(['2026-01-15', '2026-01-16', '2026-02-10', '2026-03-05'], 'a', 100));
});

afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('callboard export --format parquet', () => {
  it('writes every table by month, and DuckDB reads back the same counts as the database', async () => {
    const s = await exportNow();
    expect(s.tables.calls.write).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(s.tables.calls.rows).toBe(12);
    for (const table of ['calls', 'rep_states', 'summary_15min']) {
      const back = await readBack(table);
      expect(back, table).toEqual(await inDatabase(table));
      expect(Object.keys(back), table).toEqual(['2026-01', '2026-02', '2026-03']);
    }
    const calls = await db.one<{ n: number }>(`SELECT CAST(count(*) AS INTEGER) AS n FROM calls`);
    const back = await db.one<{ n: number; offered: number }>(
      `SELECT CAST(count(*) AS INTEGER) AS n FROM read_parquet($glob, hive_partitioning = true)`,
      { glob: join(out, 'calls', '*', '*.parquet') }
    );
    expect(back!.n).toBe(calls!.n);
    const offered = await db.all<{ a: number; b: number }>(
      `SELECT (SELECT CAST(sum(offered) AS INTEGER) FROM call_slices) AS a,
              (SELECT CAST(sum(offered) AS INTEGER) FROM read_parquet($glob, hive_partitioning = true)) AS b`,
      { glob: join(out, 'summary_15min', '*', '*.parquet') }
    );
    expect(offered[0].b).toBe(offered[0].a);
  });

  it("masks callers' numbers by the product's rule unless asked, and audits each export", async () => {
    const pairs = await db.all<{ caller: string; exported: string }>(
      `SELECT c.caller, p.caller AS exported FROM calls c
       JOIN read_parquet($glob, hive_partitioning = true) p ON p.call_id = CAST(c.file_id AS VARCHAR) || '-' || CAST(c.line_no AS VARCHAR)`,
      { glob: join(out, 'calls', '*', '*.parquet') }
    );
    expect(pairs).toHaveLength(12);
    for (const p of pairs) expect(p.exported).toBe(maskCallerNumber(p.caller));
    expect(pairs[0].exported).toMatch(/^•••-•••-\d{4}$/);
    const bytes = readFileSync(join(out, 'calls', 'month=2026-01', 'data_0.parquet')).toString('latin1');
    for (const p of pairs) expect(bytes.includes(p.caller), p.caller).toBe(false);
    const [record] = await auditRecords(db, { entity: 'export' });
    expect(record).toMatchObject({ username: 'cli:test', action: 'export', entity_id: out, after: { format: 'parquet', caller_numbers: 'masked' } });
  });

  it('writes a schema file describing every column of every table, and a manifest of the months', async () => {
    const schema = JSON.parse(readFileSync(join(out, 'schema.json'), 'utf8'));
    expect(schema.tables.map((t: { name: string }) => t.name)).toEqual(['calls', 'rep_states', 'summary_15min']);
    for (const t of schema.tables) {
      for (const c of t.columns) expect(c.description, `${t.name}.${c.name}`).not.toBe('');
      // The columns the files hold are the columns the schema names.
      const inFile = await db.all<{ column_name: string }>(`DESCRIBE SELECT * FROM read_parquet($glob, hive_partitioning = true)`, {
        glob: join(out, t.name, '*', '*.parquet')
      });
      expect(inFile.map((c) => c.column_name).sort(), t.name).toEqual(t.columns.map((c: { name: string }) => c.name).sort());
    }
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ format: 'callboard-parquet-export', time_zone: TZ, caller_numbers: 'masked' });
    expect(manifest.tables.calls['2026-01'].rows).toBe(6);
  });

  it('writes nothing again when nothing changed', async () => {
    const before = ['2026-01', '2026-02', '2026-03'].map((m) => fileStamp('calls', m));
    const s = await exportNow();
    for (const table of Object.values(s.tables)) {
      expect(table.write).toEqual([]);
      expect(table.remove).toEqual([]);
    }
    expect(s.tables.calls.unchanged).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(['2026-01', '2026-02', '2026-03'].map((m) => fileStamp('calls', m))).toEqual(before);
  });

  it('after a load of new calls, writes only their month', async () => {
    const before = { jan: fileStamp('calls', '2026-01'), mar: fileStamp('calls', '2026-03'), feb: fileStamp('calls', '2026-02') };
    await load('queue_log.feb', queueLog(['2026-02-20'], 'b', 500));
    const s = await exportNow();
    expect(s.tables.calls.write).toEqual(['2026-02']);
    expect(s.tables.summary_15min.write).toEqual(['2026-02']);
    expect(s.tables.rep_states.write).toEqual(['2026-02']);
    expect(fileStamp('calls', '2026-01')).toBe(before.jan);
    expect(fileStamp('calls', '2026-03')).toBe(before.mar);
    expect(fileStamp('calls', '2026-02')).not.toBe(before.feb);
    expect(await readBack('calls')).toEqual({ '2026-01': 6, '2026-02': 6, '2026-03': 3 });
    expect(await readBack('summary_15min')).toEqual(await inDatabase('summary_15min'));
  });

  it('a deleted month folder is written again', async () => {
    rmSync(join(out, 'calls', 'month=2026-03'), { recursive: true });
    const s = await exportNow();
    expect(s.tables.calls.write).toEqual(['2026-03']);
    expect(await readBack('calls')).toEqual(await inDatabase('calls'));
  });

  it('--with-caller-numbers writes every month of calls again with the numbers, audited as such', async () => {
    const s = await exportNow(true);
    expect(s.tables.calls.write).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(s.tables.summary_15min.write).toEqual([]);
    const full = await db.all<{ caller: string }>(`SELECT caller FROM read_parquet($glob, hive_partitioning = true)`, {
      glob: join(out, 'calls', '*', '*.parquet')
    });
    expect(full.every((r) => /^312555\d{4}$/.test(r.caller))).toBe(true);
    const [record] = await auditRecords(db, { entity: 'export' });
    expect(record.after).toMatchObject({ caller_numbers: 'full', months_written: { calls: ['2026-01', '2026-02', '2026-03'] } });
    // And back to masked: every month again, no full number left on disk.
    await exportNow();
    const masked = await db.all<{ caller: string }>(`SELECT caller FROM read_parquet($glob, hive_partitioning = true)`, {
      glob: join(out, 'calls', '*', '*.parquet')
    });
    expect(masked.every((r) => r.caller.startsWith('•••'))).toBe(true);
  });

  it('brings a summary older than the calls up to date before writing it', async () => {
    // A call written straight into the table (not through the loader) leaves call_slices stale.
    await db.run(`INSERT INTO calls (source, file_id, line_no, callid, queue, caller, enter_ts, connect_ts, end_ts, outcome, agent, wait_s, talk_s)
                  VALUES ('csv', 99, 1, 'manual-1', 'billing', '3125559999', TIMESTAMPTZ '2026-04-02 15:00:00+00', TIMESTAMPTZ '2026-04-02 15:00:05+00',
                          TIMESTAMPTZ '2026-04-02 15:03:00+00', 'answered', 'PJSIP/7001', 5, 175)`);
    const s = await exportNow();
    expect(s.tables.calls.write).toEqual(['2026-04']);
    expect(s.tables.summary_15min.write).toEqual(['2026-04']);
    expect(await readBack('summary_15min')).toEqual(await inDatabase('summary_15min'));
    const offered = await db.one<{ n: number }>(`SELECT CAST(sum(offered) AS INTEGER) AS n FROM read_parquet($glob, hive_partitioning = true)`, {
      glob: join(out, 'summary_15min', '*', '*.parquet')
    });
    expect(offered!.n).toBe((await db.one<{ n: number }>(`SELECT CAST(count(*) AS INTEGER) AS n FROM calls WHERE outcome IS NOT NULL`))!.n);
  });

  it("reads many centers' exports as one table, as the README shows", async () => {
    await exportParquet(db, { out: join(dir, 'lake', 'center-b'), timeZone: TZ, withCallerNumbers: false, actor });
    const rows = await db.all<{ center: string; month: string; calls: number }>(
      `SELECT split_part(filename, '/', -4) AS center, month, CAST(count(*) AS INTEGER) AS calls
       FROM read_parquet($glob, hive_partitioning = true, filename = true) GROUP BY ALL ORDER BY center, month`,
      { glob: join(dir, 'lake', '*', 'calls', '*', '*.parquet') }
    );
    const perCenter = { '2026-01': 6, '2026-02': 6, '2026-03': 3, '2026-04': 1 };
    expect(rows).toEqual(['center-a', 'center-b'].flatMap((center) => Object.entries(perCenter).map(([month, calls]) => ({ center, month, calls }))));
  });
});
