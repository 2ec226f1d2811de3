// Migration 048: rep_available_spans merges each rep's log-ins from distinct rows, so a rep logged in
// to two queues at the same instants (two identical rows) no longer ties in the order its two windows
// read them in. Before, the tie could fall either way, and which way moved with the range asked: a
// log-in ran on into the next day's when a whole month was asked and not when its days were. On the
// demo center (every rep logs in to two queues at once): the rep quarter hours of a month asked whole
// are those of its days asked one at a time, and Hannah Lindqvist, who logged off at 20:33 UTC on
// 2026-04-15 and back in at 11:54 the next morning, is on the phones in neither range after 20:33.
import { describe, expect, it } from 'vitest';
import type { Database } from './db.ts';
import { DEMO_TZ } from '../analytics/test-support/coverage-demo-db.ts';
import { useDemoDatabase } from '../analytics/test-support/use-demo-database.ts';
import { addDays } from '../analytics/reports/reports-period.ts';

type Slice = { rep_key: string; t: string; available_s: number };

const slices = (db: Database, from: string, to: string) =>
  db.all<Slice>(
    `SELECT rep_key, strftime(slice_ts, '%Y-%m-%dT%H:%M') AS t, available_s
     FROM rep_available_slices(local_day_start($tz, $from), local_day_end($tz, $to), $tz)`,
    { tz: DEMO_TZ, from, to }
  );

describe('rep_available_spans with identical log-ins (migration 048), on the demo center', () => {
  let db: Database;
  useDemoDatabase((d) => (db = d));

  it('has the reps logged in to two queues at the same instants', async () => {
    const [row] = await db.all<{ rows: number; distinct_rows: number }>(
      `SELECT CAST(count(*) AS INTEGER) AS rows, CAST(count(DISTINCT (agent, state, start_ts, end_ts)) AS INTEGER) AS distinct_rows FROM rep_states`
    );
    expect(row.rows - row.distinct_rows).toBeGreaterThan(500);
  });

  it('gives a month asked whole the rep quarter hours of its days asked one at a time', async () => {
    for (const [from, to] of [['2026-03-01', '2026-03-31'], ['2026-04-01', '2026-04-30'], ['2026-05-01', '2026-05-31']]) {
      const key = (s: Slice) => `${s.rep_key} ${s.t}`;
      const whole = new Map((await slices(db, from, to)).map((s) => [key(s), s.available_s]));
      const days = new Map<string, number>();
      for (let d = from; d <= to; d = addDays(d, 1)) for (const s of await slices(db, d, d)) days.set(key(s), s.available_s);
      expect(whole.size).toBeGreaterThan(10_000);
      const differ = [...new Set([...whole.keys(), ...days.keys()])].filter((k) => (whole.get(k) ?? 0) !== (days.get(k) ?? 0));
      expect(differ, `${from}..${to}`).toEqual([]);
    }
  });

  it('ends a log-in at its log-off whatever the range', async () => {
    for (const [from, to] of [['2026-04-01', '2026-04-30'], ['2026-04-15', '2026-04-15'], ['2026-03-20', '2026-05-10']]) {
      const hannah = (await slices(db, from, to)).filter((s) => s.rep_key === 'hannah-lindqvist' && s.t >= '2026-04-15T20:45' && s.t < '2026-04-16T11:45');
      expect(hannah, `${from}..${to}`).toEqual([]);
    }
  });
});
