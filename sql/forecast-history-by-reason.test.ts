// sql/forecast-history-by-reason.sql sums each quarter hour's calls per reason code before it gives
// them their interval and group (issue 16: a year of 10M calls). Held on the demo center, whose calls
// have reasons from three sources, to the per-call definition it replaced (below, as it was written):
// the same rows for the whole center and for one queue, at 15, 30 and 60 minutes.
import { describe, expect, it } from 'vitest';
import type { Database } from './db.ts';
import { DEMO_TZ } from '../analytics/test-support/coverage-demo-db.ts';
import { useDemoDatabase } from '../analytics/test-support/use-demo-database.ts';

/** The query before: each call joined to its slice, reason and group, then grouped. */
const PER_CALL = `
WITH slices AS (
  SELECT slice_ts, time_bucket(to_minutes(CAST($interval_minutes AS INTEGER)), timezone($tz, slice_ts)) AS bucket
  FROM (SELECT unnest(generate_series(local_day_start($tz, $from),
                                      local_day_end($tz, $to) - INTERVAL 15 MINUTE,
                                      INTERVAL 15 MINUTE)) AS slice_ts)
),
visits AS (
  SELECT CASE WHEN cr.code IS NULL THEN 'No reason' ELSE COALESCE(k.reason_group, 'Not in catalogue') END AS reason_group,
         c.outcome, c.talk_s, c.wrap_s, s.bucket
  FROM calls c
  JOIN slices s ON s.slice_ts = time_bucket(INTERVAL 15 MINUTE, c.enter_ts)
  LEFT JOIN call_reasons cr ON cr.file_id = c.file_id AND cr.line_no = c.line_no
  LEFT JOIN reason_catalogue k ON k.code = cr.code
  WHERE c.direction = 'inbound' AND c.outcome IS NOT NULL
    AND (CAST($queue AS VARCHAR) IS NULL OR c.queue = CAST($queue AS VARCHAR))
    AND c.enter_ts >= local_day_start($tz, $from)
    AND c.enter_ts < local_day_end($tz, $to)
)
SELECT reason_group AS queue,
       strftime(bucket, '%Y-%m-%d') AS date,
       CAST(hour(bucket) * 60 + minute(bucket) AS INTEGER) AS minute,
       CAST(count(*) AS INTEGER) AS offered,
       CAST(count(*) FILTER (outcome = 'answered') AS INTEGER) AS answered,
       COALESCE(sum(CASE WHEN talk_s BETWEEN 0 AND 86400 THEN talk_s ELSE 0 END
                    + CASE WHEN wrap_s BETWEEN 0 AND 86400 THEN wrap_s ELSE 0 END) FILTER (outcome = 'answered'), 0) AS handle_s
FROM visits
GROUP BY ALL
ORDER BY queue, date, minute
`;

describe('the forecast history per reason group', () => {
  let db: Database;
  useDemoDatabase((d) => (db = d));

  it('gives the rows of the per-call definition', async () => {
    const reasons = await db.one<{ n: number }>('SELECT CAST(count(*) AS INTEGER) AS n FROM call_reasons');
    expect(reasons!.n).toBeGreaterThan(1000);
    for (const queue of [null, 'billing'])
      for (const interval_minutes of [15, 30, 60]) {
        const params = { from: '2026-01-05', to: '2026-06-07', tz: DEMO_TZ, interval_minutes, queue };
        const now = await db.query('forecast-history-by-reason', params);
        expect(now.length).toBeGreaterThan(100);
        expect(now).toEqual(await db.all(PER_CALL, params));
      }
  });
});
