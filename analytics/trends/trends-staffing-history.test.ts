// The staffing trend reads the history and the reps on the phones of all its months in one query each,
// and every month's patience in one, and gives each month the rows of its own dates or window
// (trends-staffing.ts). Held to the code before, kept below (each month its own history, patience and
// reps-on-phones query),
// on the demo center over its whole span, a part of it and a range running months past its end, in two
// zones: the same answer, interval by interval, and the same patience named in its settings.
import { describe, expect, it } from 'vitest';
import type { Database } from '../../sql/db.ts';
import { DEMO_TZ } from '../test-support/coverage-demo-db.ts';
import { useDemoDatabase } from '../test-support/use-demo-database.ts';
import { callHistory } from '../forecast/history.ts';
import { readShifts } from '../roster/schedule.ts';
import { addDays, periodsBetween } from '../reports/reports-period.ts';
import { pastIntervals } from '../staffing/coverage-past.ts';
import { estimatePatience, estimatePatienceEnding, PATIENCE_WEEKS } from '../staffing/coverage-patience.ts';
import { readTargets, targetFor } from '../staffing/coverage-targets.ts';
import { STAFFING_INTERVAL_MINUTES, staffingIntervals } from './trends-staffing.ts';

/** staffingIntervals' intervals as the code before worked them out: a history query per month. */
async function intervalsBefore(db: Database, opts: { from: string; to: string; timeZone: string }) {
  const im = STAFFING_INTERVAL_MINUTES;
  const [targets, shifts, span] = await Promise.all([readTargets(db), readShifts(db, opts.from, opts.to), db.query<{ first: string | null; last: string | null }>('activity-span', { tz: opts.timeZone }).then((r) => r[0])]);
  const target = targetFor(targets, '*');
  const months = periodsBetween('monthly', opts.from, opts.to);
  const answers = await Promise.all(
    months.map(async (month, i) => {
      const from = month.from < opts.from ? opts.from : month.from;
      const to = month.to > opts.to ? opts.to : month.to;
      const params = { from, to, tz: opts.timeZone, interval_minutes: im };
      const active = span.first !== null && span.last !== null && from <= span.last && to >= span.first;
      const [history, patience, onPhones] = await Promise.all([
        active ? callHistory(db, params) : [],
        active || i === months.length - 1 ? estimatePatience(db, { from: addDays(to, -7 * PATIENCE_WEEKS), to, timeZone: opts.timeZone }) : [],
        active ? db.query<{ period_start: string; staffed_reps: number }>('reps-on-phones', params) : []
      ]);
      const patienceS = patience.find((p) => p.queue === '*')?.patience_s ?? null;
      const staffed = new Map(onPhones.map((r) => [r.period_start, r.staffed_reps]));
      const intervals = pastIntervals({ from, to, intervalMinutes: im, history, target, patienceS, shifts, onPhones: staffed }).map((x) => ({
        period_start: x.period_start, date: x.date, calls: x.calls, required: x.required, scheduled: x.scheduled, on_phones: x.on_phones
      }));
      return { intervals, patienceS };
    })
  );
  return { intervals: answers.map((a) => a.intervals).flat(), patienceS: answers.at(-1)!.patienceS };
}

describe('the staffing trend’s history read once for all its months', () => {
  let db: Database;
  useDemoDatabase((d) => (db = d));

  it('gives every month the intervals and patience the month’s own queries gave', async () => {
    // (the demo's data: 2026-02-06 to 2026-06-05; ranges beginning and ending in and outside it)
    for (const timeZone of [DEMO_TZ, 'Asia/Kolkata'])
      for (const [from, to] of [['2026-01-10', '2026-06-20'], ['2026-03-15', '2026-05-02'], ['2026-04-20', '2026-08-09']]) {
        const now = await staffingIntervals(db, { from, to, timeZone });
        const before = await intervalsBefore(db, { from, to, timeZone });
        expect(now.intervals.length).toBeGreaterThan(500);
        expect(now.intervals.filter((x) => x.calls > 0).length).toBeGreaterThan(500);
        expect(now.intervals.filter((x) => x.on_phones > 0).length).toBeGreaterThan(500);
        expect(now.intervals).toEqual(before.intervals);
        expect(now.settings.patience_s).toBe(before.patienceS);
      }
    // (a range wholly after the data: the last month's patience is still the 8 weeks before its end)
    const late = await staffingIntervals(db, { from: '2026-07-01', to: '2026-07-20', timeZone: DEMO_TZ });
    expect(late.settings.patience_s).toBe((await intervalsBefore(db, { from: '2026-07-01', to: '2026-07-20', timeZone: DEMO_TZ })).patienceS);
    expect(late.settings.patience_s).toBeGreaterThan(0);
  });

  it('reads every window’s patience in one query as each window’s own query reads it', async () => {
    const ends = ['2026-02-28', '2026-03-31', '2026-04-30', '2026-05-31', '2026-06-05', '2026-07-31', '2026-01-31'];
    for (const timeZone of [DEMO_TZ, 'Asia/Kolkata']) {
      const byEnd = await estimatePatienceEnding(db, { ends, timeZone });
      expect([...byEnd.keys()]).toEqual(ends);
      for (const to of ends) expect(byEnd.get(to)).toEqual(await estimatePatience(db, { from: addDays(to, -7 * PATIENCE_WEEKS), to, timeZone }));
      expect(byEnd.get('2026-04-30')!.filter((p) => p.patience_s !== null).length).toBeGreaterThan(2);
    }
  });
});
