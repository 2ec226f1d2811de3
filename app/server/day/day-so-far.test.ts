// Today's tiles compare with the same weekday of the four weeks before, up to the same time of day.
// Those four days are asked as one question by quarter hour (day-review.ts baselineSoFar); the code
// before asked one per day. Held on the demo center, kept below: the same counts per day, for
// weekdays, a Monday, a Sunday (closed), dates inside and at the edge of the data, times through the
// day, in two zones.
import { describe, expect, it } from 'vitest';
import type { Database } from '../../../sql/db.ts';
import { computeMetrics } from '../../../analytics/metrics/metrics.ts';
import { DEMO_TZ } from '../../../analytics/test-support/coverage-demo-db.ts';
import { useDemoDatabase } from '../../../analytics/test-support/use-demo-database.ts';
import { baselineDates } from '../../lib/day/tiles.ts';
import { baselineSoFar } from './day-review.ts';

/** The baseline days so far as the code before counted them: a quarter-hour question per day. */
async function soFarBefore(db: Database, dates: string[], time: string, timeZone: string) {
  const rows = (await Promise.all(dates.map((d) => computeMetrics(db, { timeZone, from: d, to: d, by: 'interval', intervalMinutes: 15 })))).flatMap((m) => m.rows);
  return new Map(
    dates.map((d) => {
      const before = rows.filter((r) => r.period_start.slice(0, 10) === d && r.period_start.slice(11, 16) < time);
      const sum = (k: 'offered' | 'answered' | 'lost') => before.reduce((n, r) => n + r[k], 0);
      return [d, { offered: sum('offered'), answered: sum('answered'), lost: sum('lost') }];
    })
  );
}

describe('the baseline days so far asked at once', () => {
  let db: Database;
  useDemoDatabase((d) => (db = d));

  it('counts each day what its own question counted', async () => {
    // (the demo's data: 2026-02-06 to 2026-06-05)
    let calls = 0;
    for (const timeZone of [DEMO_TZ, 'Asia/Kolkata'])
      for (const date of ['2026-05-13', '2026-06-01', '2026-05-17', '2026-03-06', '2026-06-12'])
        for (const time of ['08:07', '11:30', '23:59']) {
          const dates = baselineDates(date);
          const now = await baselineSoFar(db, { dates, time, timeZone });
          expect(now).toEqual(await soFarBefore(db, dates, time, timeZone));
          calls += [...now.values()].reduce((n, d) => n + d.offered, 0);
        }
    expect(calls).toBeGreaterThan(10_000);
  });
});
