// The Reps page's daily trend (calls answered per interface and day) read from the rep_call_days
// summary while it answers, instead of computeMetrics grouped by rep and day. Held on the demo center
// to computeMetrics, kept below as the page asked it: the same counts in the zone the summary was
// built in (which it reads) and in another (which counts from the calls), over four weeks, the whole
// data and a range reaching past it.
import { describe, expect, it } from 'vitest';
import type { Database } from '../../sql/db.ts';
import { repCallDaysUsable } from '../../sql/upkeep/rep-call-days.ts';
import { DEMO_TZ } from '../test-support/coverage-demo-db.ts';
import { useDemoDatabase } from '../test-support/use-demo-database.ts';
import { computeMetrics } from '../metrics/metrics.ts';
import { repHandledDays } from './rep-handled-days.ts';

/** The trend as the page asked it before: computeMetrics by rep and day, the calls answered. */
async function handledBefore(db: Database, opts: { from: string; to: string; timeZone: string }) {
  const { rows } = await computeMetrics(db, { ...opts, by: 'day', group: 'rep' });
  return rows.filter((r) => r.rep_interface && r.answered > 0).map((r) => ({ date: r.period_start.slice(0, 10), rep_interface: r.rep_interface!, answered: r.answered }));
}

describe('calls answered per interface and day', () => {
  let db: Database;
  useDemoDatabase((d) => (db = d));

  it('counts from the summary what computeMetrics counts from the calls', async () => {
    expect(await repCallDaysUsable(db, DEMO_TZ)).toBe(true);
    expect(await repCallDaysUsable(db, 'Asia/Kolkata')).toBe(false);
    // (the demo's data: 2026-02-06 to 2026-06-05)
    for (const timeZone of [DEMO_TZ, 'Asia/Kolkata'])
      for (const [from, to] of [['2026-05-09', '2026-06-05'], ['2026-02-01', '2026-06-05'], ['2026-05-20', '2026-06-16']]) {
        const now = await repHandledDays(db, { from, to, timeZone });
        expect(now.length).toBeGreaterThan(100);
        expect(now).toEqual(await handledBefore(db, { from, to, timeZone }));
      }
  });
});
