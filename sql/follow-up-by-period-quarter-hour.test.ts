// sql/lost-call-follow-up-by-period.sql (the trends' lost-call follow-up per period) joins each lost call
// to its period's slices by quarter_hour (045) instead of a zone-aware time_bucket of every call, and,
// counting from the facts, gives the per-call branch a range that reads no contacts either. Held to the
// query as it was (kept below) on the demo center and a generated one, per week, month, quarter and total, a queue and all,
// from the facts and from the calls, in two zones.
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, sqlText, type Database } from './db.ts';
import { ingestFile } from '../ingest/load.ts';
import { writeCenterInTwoParts } from '../fixtures/scale/generate-queue-log.ts';
import { demoDatabase } from '../analytics/test-support/coverage-demo-db.ts';
import { callFactsUsable, catchUpCallFacts } from '../analytics/callers/call-facts.ts';

/** The query before the change, as it was written. */
const BEFORE = `-- Lost-call follow-up per period: for each week (ISO, Monday), month or quarter ($by; total: the
-- whole range, labelled $from) of the local dates $from..$to ($tz, $to inclusive), what
-- lost-call-follow-up.sql's list for that period's dates sums to (analytics/follow-up.ts,
-- summarizeFollowUp): lost calls with a caller number, those recovered within $window_s, and the
-- median time to recovery (the middle value, or the mean of the two middle ones). A lost call
-- belongs to the period it entered the queue in; periods without lost calls have no row.
-- Parameters as in lost-call-follow-up.sql; the matching is the macro lost_calls_followed.
-- $from_facts: take each lost call's recovery from lost_call_facts instead (the same rows), while
-- call_facts is current, no call is odd and $window_s is within what it answers for
-- (analytics/call-facts.ts); the other branch then reads an empty range.
WITH lost_from_facts AS (
  -- chosen as lost_calls_followed (010) chooses lost calls; those without a number have no facts
  SELECT c.enter_ts, f.number_key, f.first_contact_at,
         COALESCE(c.end_ts, c.enter_ts + to_seconds(COALESCE(c.wait_s, 0))) AS lost_at
  FROM calls c
  LEFT JOIN lost_call_facts f
    ON f.file_id = c.file_id AND f.line_no = c.line_no
   AND f.enter_ts >= local_day_start($tz, $from)
   AND f.enter_ts < local_day_end($tz, $to)
  LEFT JOIN queue_settings s ON s.queue = c.queue
  WHERE c.direction = 'inbound'
    AND c.enter_ts >= local_day_start($tz, $from)
    AND c.enter_ts < CASE WHEN CAST($from_facts AS BOOLEAN) THEN local_day_end($tz, $to)
                          ELSE local_day_start($tz, $from) END
    AND (CAST($queue AS VARCHAR) IS NULL OR c.queue = CAST($queue AS VARCHAR))
    AND (c.outcome IN ('timed_out', 'blocked')
         OR (c.outcome = 'abandoned'
             AND NOT COALESCE(c.wait_s < COALESCE(CAST($short_abandon_s AS DOUBLE), s.short_abandon_s,
                                                  CAST($default_short_abandon_s AS DOUBLE)), false)))
),
followed AS (
  SELECT p.period, l.number_key, l.recovery_s
  FROM (SELECT enter_ts, number_key, epoch(least(got_through_at, called_back_at)) - epoch(lost_at) AS recovery_s
        FROM lost_calls_followed(local_day_start($tz, $from),
                                 CASE WHEN CAST($from_facts AS BOOLEAN) THEN local_day_start($tz, $from)
                                      ELSE local_day_end($tz, $to) END,
                                 $queue, $window_s, $short_abandon_s, $default_short_abandon_s)
        UNION ALL
        SELECT enter_ts, number_key,
               CASE WHEN first_contact_at <= lost_at + to_seconds(CAST($window_s AS DOUBLE))
                    THEN epoch(first_contact_at) - epoch(lost_at) END
        FROM lost_from_facts) l
  JOIN period_slices($from, $to, $by, $tz) p ON p.slice_ts = time_bucket(INTERVAL 15 MINUTE, l.enter_ts)
),
summed AS (
  SELECT period,
         count(*) FILTER (WHERE number_key IS NOT NULL) AS lost_callers,
         list_sort(list(recovery_s) FILTER (WHERE number_key IS NOT NULL AND recovery_s IS NOT NULL)) AS recoveries
  FROM followed
  GROUP BY period
)
SELECT strftime(period, '%Y-%m-%d') AS period_start,
       CAST(lost_callers AS INTEGER) AS lost_callers,
       CAST(len(recoveries) AS INTEGER) AS recovered,
       CASE WHEN len(recoveries) = 0 THEN NULL
            WHEN len(recoveries) % 2 = 1 THEN recoveries[len(recoveries) // 2 + 1]
            ELSE (recoveries[len(recoveries) // 2] + recoveries[len(recoveries) // 2 + 1]) / 2
       END AS median_recovery_s
FROM summed
ORDER BY period;`;

/** Both queries for every period cut, zone, queue and source; how many periods they gave. */
async function expectSame(db: Database, from: string, to: string, queue: string): Promise<number> {
  expect((await callFactsUsable(db)).followUp).toBe(true);
  let periods = 0;
  for (const tz of ['America/Chicago', 'Asia/Kolkata'])
    for (const by of ['week', 'month', 'quarter', 'total'])
      for (const q of [null, queue])
        for (const from_facts of [true, false]) {
          const p = { from, to, tz, by, queue: q, window_s: 86_400, short_abandon_s: null, default_short_abandon_s: 5, from_facts };
          const now = await db.query<{ lost_callers: number }>('lost-call-follow-up-by-period', p);
          expect(now).toEqual(await db.all(BEFORE, p));
          expect(now.some((r) => r.lost_callers > 0)).toBe(true);
          periods += now.length;
        }
  return periods;
}

describe('lost-call follow-up per period joined by quarter hour', () => {
  it('no longer buckets every call by time_bucket', () => {
    expect(sqlText('lost-call-follow-up-by-period')).not.toContain('time_bucket(INTERVAL 15 MINUTE, l.enter_ts)');
  });

  describe('on the demo center', () => {
    let db: Database;
    let dispose: () => void;
    beforeAll(async () => {
      ({ db, dispose } = await demoDatabase());
      await catchUpCallFacts(db);
    }, 300_000);
    afterAll(() => dispose?.());

    it('gives the rows of the query before, from the facts and from the calls', async () => {
      // Ten weeks from Monday 2 March (not all seventeen): three months, two quarters, and lost calls
      // on both sides of the range that it must leave out.
      expect(await expectSame(db, '2026-03-02', '2026-05-10', 'billing')).toBeGreaterThan(100);
    });
  });

  // Calls around the clock (the demo's come in opening hours only), so lost calls near the periods'
  // local midnights, across the spring-forward Sunday.
  describe('on a generated center', () => {
    let db: Database;
    let dir: string;
    beforeAll(async () => {
      db = await openDatabase(':memory:');
      dir = mkdtempSync(join(tmpdir(), 'callboard-follow-up-q-'));
      const file = join(dir, 'queue_log');
      // 12,000 calls over the six weeks (not 40,000): lost calls and callbacks around every local
      // midnight still, at a third of the comparisons' cost (generate-queue-log.ts scales the callers).
      const rest = (await writeCenterInTwoParts(file, { calls: 12_000 })).rest;
      appendFileSync(file, rest);
      await ingestFile(db, file, { timeZone: 'America/Chicago' });
      await catchUpCallFacts(db);
    }, 120_000);
    afterAll(() => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('gives the rows of the query before, from the facts and from the calls', async () => {
      expect(await expectSame(db, '2026-02-02', '2026-03-15', 'billing')).toBeGreaterThan(50);
    });
  });
});
