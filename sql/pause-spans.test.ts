// Migration 047: rep_pause_spans, the spans the pause shrinkage reads, held to the rows of
// rep_state_spans(..., only_near_pauses := true) as migration 045 wrote it (its text, made again under
// another name next to the new macro) on the demo center loaded through the real ingest path: over
// the plan's four weeks, a week, a day and all of the data, in the center's zone and in zones a
// half hour and three quarters off the hour, and with the calls the new macro reads in parts of their
// own added (connected days before the range and ended in it, never ended), and a rep whose pauses
// are on one interface and whose calls are on another.
import { describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Database } from './db.ts';
import { macroAsWritten } from './test-support/migration-macro.ts';
import { DEMO_TZ } from '../analytics/test-support/coverage-demo-db.ts';
import { useDemoDatabase } from '../analytics/test-support/use-demo-database.ts';

/** rep_state_spans as migration 045 wrote it, renamed rep_state_spans_045. */
const before = () =>
  macroAsWritten('045-rep-state-newest-event.sql', 'CREATE OR REPLACE MACRO rep_state_spans(', 'CREATE OR REPLACE TEMP MACRO rep_state_spans_045(');

describe('the pause shrinkage’s spans read with less work (migration 047)', () => {
  let db: Database;
  useDemoDatabase((d) => (db = d));

  /** Rows of the new macro not in the old one's and of the old one's not in the new (multisets), and how many. */
  const difference = (tz: string, from: string, to: string) =>
    db.withConnection(async (conn: DuckDBConnection) => {
      await conn.run(before());
      const a = `SELECT * FROM rep_pause_spans('${tz}', DATE '${from}', DATE '${to}')`;
      const b = `SELECT * FROM rep_state_spans_045('${tz}', DATE '${from}', DATE '${to}', only_near_pauses := true)`;
      // Each macro read once (materialised), not once per count.
      const rows = await db.all<{ n: number; rows: number; near: number }>(
        `WITH a AS MATERIALIZED (${a}), b AS MATERIALIZED (${b})
         SELECT (SELECT count(*) FROM (FROM a EXCEPT ALL FROM b)) + (SELECT count(*) FROM (FROM b EXCEPT ALL FROM a)) AS n,
                (SELECT count(*) FROM a) AS rows,
                (SELECT count(*) FROM a WHERE kind NOT IN ('logged_in', 'paused')) AS near`,
        {},
        conn
      );
      return { n: Number(rows[0].n), rows: Number(rows[0].rows), near: Number(rows[0].near) };
    });

  const ranges: Array<[string, string]> = [
    ['2026-05-09', '2026-06-05'], // the plan's 28 days before the data's last day
    ['2026-05-25', '2026-05-31'],
    ['2026-06-03', '2026-06-03'],
    ['2026-02-01', '2026-06-06']
  ];

  it('gives the rows of rep_state_spans near pauses, in the center’s zone and two others', async () => {
    for (const tz of [DEMO_TZ, 'Asia/Kolkata', 'Pacific/Chatham']) {
      let near = 0;
      for (const [from, to] of ranges) {
        const d = await difference(tz, from, to);
        expect(d.n, `${tz} ${from}..${to}`).toBe(0);
        near += d.near;
      }
      // (calls, rings and wrap-ups near a pause in each zone's ranges, not only log-ins and pauses)
      expect(near, tz).toBeGreaterThan(20);
    }
  });

  it('still does with long and never-ended calls, and a rep’s pauses and calls on two interfaces', async () => {
    const agents = await db.all<{ agent: string }>(
      `SELECT agent FROM rep_states WHERE state = 'paused' GROUP BY agent ORDER BY count(*) DESC, agent LIMIT 2`
    );
    expect(agents.length).toBe(2);
    const [paused, other] = agents.map((a) => a.agent);
    // One person on two interfaces: the second one's calls now meet the first one's pauses.
    await db.run(`INSERT INTO roster (interface, rep_id, name) VALUES ($a, 'two-phones', 'Two Phones'), ($b, 'two-phones', 'Two Phones')
                  ON CONFLICT (interface) DO UPDATE SET rep_id = excluded.rep_id`, { a: paused, b: other });
    const nextLine = `(SELECT max(line_no) FROM calls)`;
    // Talk from three days before the four weeks into them; talk begun long before and never ended;
    // talk begun long before and ended before the weeks (read by neither).
    for (const [connectBack, end] of [
      ['INTERVAL 30 DAY', `TIMESTAMPTZ '2026-05-11 22:00:00+00'`],
      ['INTERVAL 60 DAY', 'NULL'],
      ['INTERVAL 60 DAY', `TIMESTAMPTZ '2026-05-01 17:00:00+00'`]
    ]) {
      await db.run(`INSERT INTO calls
                    SELECT * REPLACE (${nextLine} + 1 AS line_no,
                                      TIMESTAMPTZ '2026-06-05 12:00:00+00' - ${connectBack} AS enter_ts,
                                      TIMESTAMPTZ '2026-06-05 12:00:00+00' - ${connectBack} AS connect_ts,
                                      CAST(${end} AS TIMESTAMPTZ) AS end_ts,
                                      CASE WHEN ${end} IS NULL THEN NULL ELSE outcome END AS outcome)
                    FROM calls WHERE agent = $a AND outcome = 'answered' ORDER BY enter_ts LIMIT 1`, { a: other });
    }
    for (const tz of [DEMO_TZ, 'Asia/Kolkata']) {
      for (const [from, to] of ranges.slice(0, 2)) {
        const d = await difference(tz, from, to);
        expect(d.near).toBeGreaterThan(0);
        expect(d.n, `${tz} ${from}..${to}`).toBe(0);
      }
    }
    // (the long talk and the never-ended talk are near a pause of the rep, through the other interface)
    const kept = await db.all<{ n: number }>(
      `SELECT count(*) AS n FROM rep_pause_spans('${DEMO_TZ}', DATE '2026-05-09', DATE '2026-06-05')
       WHERE interface = $b AND kind = 'on_call' AND start_s = epoch(local_day_start('${DEMO_TZ}', DATE '2026-05-09'))`,
      { b: other }
    );
    expect(Number(kept[0].n)).toBe(2);
  });
});
