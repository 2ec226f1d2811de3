// Migration 048: rep_available_slices with its talks and spans meeting the slices by quarter-hour
// number instead of by range (two nested-loop joins, calls x slices). Held to migration 046's macro,
// as written there and made again under another name, on the demo center: a week, its whole span
// (four months), ranges cut mid-way through log-ins and calls, under the demo's opening hours and
// then narrower ones with a closed day (reps working on in closed slices), and with no hours at all.
import { describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Database } from './db.ts';
import { macroAsWritten } from './test-support/migration-macro.ts';
import { DEMO_TZ } from '../analytics/test-support/coverage-demo-db.ts';
import { useDemoDatabase } from '../analytics/test-support/use-demo-database.ts';

/** rep_available_slices as migration 046 wrote it, renamed rep_available_slices_before. */
function before(): string {
  const text = macroAsWritten('046-rep-activity-coded-events.sql', 'CREATE OR REPLACE MACRO rep_available_slices(', 'CREATE OR REPLACE TEMP MACRO rep_available_slices_before(');
  expect(text).toContain('c.q >= t.first_q AND c.q <= t.last_q');
  return text;
}

interface Compared {
  /** Rows of one not in the other, both ways (multisets). */
  differ: number;
  rows: number;
  /** Rows zeroed in a closed slice (no activity there). */
  zeroed: number;
}

/** Both macros over local dates, or instants, in one query, on one connection with the old macro. */
function compare(db: Database, args: string): Promise<Compared> {
  return db.withConnection(async (conn: DuckDBConnection) => {
    await conn.run(before());
    const [row] = await db.all<Compared>(
      `WITH now_rows AS MATERIALIZED (SELECT * FROM rep_available_slices(${args})),
            old_rows AS MATERIALIZED (SELECT * FROM rep_available_slices_before(${args}))
       SELECT CAST((SELECT count(*) FROM (FROM now_rows EXCEPT ALL FROM old_rows)) + (SELECT count(*) FROM (FROM old_rows EXCEPT ALL FROM now_rows)) AS INTEGER) AS differ,
              CAST((SELECT count(*) FROM now_rows) AS INTEGER) AS rows,
              CAST((SELECT count(*) FROM now_rows WHERE available_s = 0) AS INTEGER) AS zeroed`,
      {},
      conn
    );
    return row;
  });
}

const days = (tz: string, from: string, to: string) => `local_day_start('${tz}', DATE '${from}'), local_day_end('${tz}', DATE '${to}'), '${tz}'`;

describe('rep_available_slices by quarter-hour number (migration 048), on the demo center', () => {
  let db: Database;
  useDemoDatabase((d) => (db = d));

  it('gives the rows of migration 046 over a week, a month, the whole span and ranges cut mid-shift', async () => {
    // (the demo's data: 2026-02-06 to 2026-06-05)
    for (const [from, to] of [['2026-05-04', '2026-05-10'], ['2026-04-01', '2026-04-30'], ['2026-01-25', '2026-06-10']]) {
      const c = await compare(db, days(DEMO_TZ, from, to));
      expect(c.rows).toBeGreaterThan(1000);
      expect(c.differ).toBe(0);
    }
    // Ranges starting and ending mid-day (on quarter hours, as every caller's local midnight is), in
    // another zone: log-ins, pauses and calls cut at both ends.
    for (const [start, end] of [['2026-05-05 15:00:00+00', '2026-05-07 21:45:00+00'], ['2026-03-02 14:30:00+00', '2026-03-02 19:15:00+00']]) {
      const c = await compare(db, `TIMESTAMPTZ '${start}', TIMESTAMPTZ '${end}', 'Asia/Kolkata'`);
      expect(c.rows).toBeGreaterThan(50);
      expect(c.differ).toBe(0);
    }
  });

  it('gives the rows of migration 046 with narrower hours and a closed day, and with no hours at all', async () => {
    await db.run(`UPDATE queue_opening_hours SET open_minute = open_minute + 90, close_minute = close_minute - 120`);
    await db.run(`INSERT INTO special_days (date, queue, kind, name) VALUES (DATE '2026-05-20', '*', 'closed', 'Closed for the test')`);
    const narrow = await compare(db, days(DEMO_TZ, '2026-05-01', '2026-05-31'));
    expect(narrow.zeroed).toBeGreaterThan(20);
    expect(narrow.differ).toBe(0);
    await db.run(`DELETE FROM queue_opening_hours`);
    const open = await compare(db, days(DEMO_TZ, '2026-05-01', '2026-05-31'));
    expect(open.rows).toBeGreaterThan(1000);
    expect(open.differ).toBe(0);
  });
});
