// Migration 046: rep_available_slices with the agents' event quarter hours read from the coded rows
// (queue_event_rows) and only for closed slices, instead of every event of the range through the view
// queue_events. Held to migration 039's macro, as written there and made again under another name,
// on the demo center (its opening hours, then narrower hours and a closed day) and on a generated
// center with reps logged in around closed hours, each in one query.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import { openDatabase, type Database } from './db.ts';
import { macroAsWritten } from './test-support/migration-macro.ts';
import { ingestFile } from '../ingest/load.ts';
import { writeScaleQueueLog } from '../fixtures/scale/generate-queue-log.ts';
import { DEMO_TZ } from '../analytics/test-support/coverage-demo-db.ts';
import { useDemoDatabase } from '../analytics/test-support/use-demo-database.ts';

/** rep_available_slices as migration 039 wrote it, renamed rep_available_slices_before. */
function before(): string {
  const text = macroAsWritten('039-rep-activity-slices.sql', 'CREATE OR REPLACE MACRO rep_available_slices(', 'CREATE OR REPLACE TEMP MACRO rep_available_slices_before(');
  expect(text).toContain('FROM queue_events');
  return text;
}

interface Compared {
  /** Rows of one not in the other, both ways (multisets). */
  differ: number;
  rows: number;
  /** Rows in a closed slice kept (activity) and zeroed (none). */
  closed_kept: number;
  closed_zeroed: number;
}

/** Both macros over the local dates from..to in one query, on one connection with the old macro. */
function compare(db: Database, tz: string, from: string, to: string): Promise<Compared> {
  const args = `local_day_start('${tz}', DATE '${from}'), local_day_end('${tz}', DATE '${to}'), '${tz}'`;
  const now = `SELECT * FROM rep_available_slices(${args})`;
  const old = `SELECT * FROM rep_available_slices_before(${args})`;
  return db.withConnection(async (conn: DuckDBConnection) => {
    await conn.run(before());
    const rows = await db.all<Compared>(
      // Each macro read once (materialised), not once per count.
      `WITH now_rows AS MATERIALIZED (${now}), old_rows AS MATERIALIZED (${old}), closed AS (
         SELECT n.* FROM now_rows n
         WHERE NOT EXISTS (SELECT 1 FROM queue_opening_hours h
                           WHERE h.weekday = isodow(timezone('${tz}', n.slice_ts))
                             AND h.open_minute <= hour(timezone('${tz}', n.slice_ts)) * 60 + minute(timezone('${tz}', n.slice_ts))
                             AND hour(timezone('${tz}', n.slice_ts)) * 60 + minute(timezone('${tz}', n.slice_ts)) < h.close_minute
                             AND NOT EXISTS (SELECT 1 FROM special_days d WHERE d.kind = 'closed'
                                               AND d.date = CAST(timezone('${tz}', n.slice_ts) AS DATE) AND d.queue IN ('*', h.queue)))
       )
       SELECT CAST((SELECT count(*) FROM (FROM now_rows EXCEPT ALL FROM old_rows)) + (SELECT count(*) FROM (FROM old_rows EXCEPT ALL FROM now_rows)) AS INTEGER) AS differ,
              CAST((SELECT count(*) FROM now_rows) AS INTEGER) AS rows,
              CAST((SELECT count(*) FROM closed WHERE available_s > 0) AS INTEGER) AS closed_kept,
              CAST((SELECT count(*) FROM closed WHERE available_s = 0) AS INTEGER) AS closed_zeroed`,
      {},
      conn
    );
    return rows[0];
  });
}

describe('rep_available_slices from the coded events (migration 046), on the demo center', () => {
  let db: Database;
  useDemoDatabase((d) => (db = d));

  it('gives the rows of migration 039 under the demo’s opening hours', async () => {
    expect((await db.one<{ n: number }>(`SELECT CAST(count(*) AS INTEGER) AS n FROM queue_opening_hours`))!.n).toBeGreaterThan(0);
    for (const [from, to] of [['2026-05-04', '2026-05-10'], ['2026-05-01', '2026-06-05']]) {
      const c = await compare(db, DEMO_TZ, from, to);
      expect(c.rows).toBeGreaterThan(1000);
      expect(c.closed_kept + c.closed_zeroed).toBeGreaterThan(0);
      expect(c.differ).toBe(0);
    }
  });

  it('gives the rows of migration 039 with narrower hours and a closed day, where reps work on in closed slices', async () => {
    await db.run(`UPDATE queue_opening_hours SET open_minute = open_minute + 90, close_minute = close_minute - 120`);
    await db.run(`INSERT INTO special_days (date, queue, kind, name) VALUES (DATE '2026-05-20', '*', 'closed', 'Closed for the test')`);
    const c = await compare(db, DEMO_TZ, '2026-05-11', '2026-05-24');
    expect(c.closed_kept).toBeGreaterThan(50);
    expect(c.closed_zeroed).toBeGreaterThan(20);
    expect(c.differ).toBe(0);
    // And with no opening hours at all (nothing closed): the same rows, none zeroed.
    await db.run(`DELETE FROM queue_opening_hours`);
    const open = await compare(db, DEMO_TZ, '2026-05-11', '2026-05-24');
    expect(open.rows).toBeGreaterThan(1000);
    expect(open.differ).toBe(0);
  });
});

describe('rep_available_slices from the coded events (migration 046), on a generated center', () => {
  const tz = 'America/Chicago';
  let db: Database;
  let dir: string;
  beforeAll(async () => {
    db = await openDatabase(':memory:');
    dir = mkdtempSync(join(tmpdir(), 'callboard-coded-slices-'));
    const file = join(dir, 'queue_log');
    // Two weeks of calls around the clock (the generator's), and 30 reps logged in every day 06:00-20:00
    // local (11:00-01:00 UTC in February) with a pause at noon: their calls before opening and after
    // closing keep them on the phones in closed slices; the others' time there is zeroed.
    const start = Date.UTC(2026, 1, 2, 6) / 1000;
    await writeScaleQueueLog(file, { calls: 13_000, spacingS: 90, startEpoch: start, agents: 30 });
    const members: string[] = [];
    for (let day = 0; day < 15; day++) {
      const login = Date.UTC(2026, 1, 2 + day, 12) / 1000;
      for (let a = 0; a < 30; a++) {
        const agent = `PJSIP/${7000 + a}`;
        members.push(`${login + a * 7}|NONE|billing|${agent}|ADDMEMBER|`);
        members.push(`${login + 6 * 3600 + a * 11}|NONE|NONE|${agent}|PAUSE|Lunch`);
        members.push(`${login + 6 * 3600 + 1800 + a * 11}|NONE|NONE|${agent}|UNPAUSE|Lunch`);
        members.push(`${login + 14 * 3600 - a * 13}|NONE|billing|${agent}|REMOVEMEMBER|`);
      }
    }
    const lines = [...readFileSync(file, 'utf8').split('\n').filter((l) => l !== ''), ...members];
    lines.sort((x, y) => Number(x.slice(0, x.indexOf('|'))) - Number(y.slice(0, y.indexOf('|'))));
    writeFileSync(file, lines.join('\n') + '\n');
    await ingestFile(db, file, { timeZone: tz });
    // billing and water open weekdays 08:00-17:00, special Saturdays 09:00-12:00; Tuesday 10th closed for all.
    for (const [queue, days, open, close] of [['billing', [1, 2, 3, 4, 5], 480, 1020], ['water', [1, 2, 3, 4, 5], 480, 1020], ['special', [6], 540, 720]] as const) {
      for (const weekday of days) await db.run(`INSERT INTO queue_opening_hours VALUES ($queue, $weekday, $open, $close)`, { queue, weekday, open, close });
    }
    await db.run(`INSERT INTO special_days (date, queue, kind, name) VALUES (DATE '2026-02-10', '*', 'closed', 'Closed for the test')`);
  }, 120_000);
  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives the rows of migration 039 over a week, a day and the whole span', async () => {
    for (const [from, to, rows] of [['2026-02-02', '2026-02-15', 5000], ['2026-02-09', '2026-02-15', 2000], ['2026-02-10', '2026-02-10', 500]] as const) {
      const c = await compare(db, tz, from, to);
      expect(c.rows).toBeGreaterThan(rows);
      expect(c.closed_kept).toBeGreaterThan(10);
      expect(c.closed_zeroed).toBeGreaterThan(10);
      expect(c.differ).toBe(0);
    }
  });

  it('answers reps-on-phones and the coverage slices as before', async () => {
    // (the named queries read the new macro; their sums over the old one's rows are the same)
    const params = { from: '2026-02-09', to: '2026-02-15', tz, interval_minutes: 30 };
    const onPhones = await db.query<{ reps_on_phones: number }>('reps-on-phones', params);
    expect(onPhones.some((r) => r.reps_on_phones > 0)).toBe(true);
    const oldText = (name: string) => readFileSync(join(import.meta.dirname, `${name}.sql`), 'utf8').replaceAll('rep_available_slices(', 'rep_available_slices_before(');
    for (const name of ['reps-on-phones', 'coverage-rep-slices']) {
      const both = await db.withConnection(async (conn: DuckDBConnection) => {
        await conn.run(before());
        return [await db.all(readFileSync(join(import.meta.dirname, `${name}.sql`), 'utf8'), params, conn), await db.all(oldText(name), params, conn)];
      });
      expect(both[0].length).toBeGreaterThan(100);
      expect(both[0]).toEqual(both[1]);
    }
  });
});
