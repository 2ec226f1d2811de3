// The coverage page asks the week's planned load once and hands it to the coverage and to the reason
// groups' forecast (issue 16: each asked it, reading the same history twice). Held on the demo center:
// each answer with the shared load is the answer it gives alone, for the center and for one queue.
import { describe, expect, it } from 'vitest';
import type { Database } from '../../sql/db.ts';
import { DEMO_NEXT_MONDAY, DEMO_TZ } from '../test-support/coverage-demo-db.ts';
import { useDemoDatabase } from '../test-support/use-demo-database.ts';
import { plannedLoad, weekCoverage } from './coverage.ts';
import { reasonForecast } from '../forecast/forecast-by-reason.ts';
import { forecast } from '../forecast/forecast.ts';
import { addDays } from '../roster/schedule-model.ts';

describe('one planned load for the coverage and the reason groups', () => {
  let db: Database;
  useDemoDatabase((d) => (db = d));

  it('gives each answer it gives alone', async () => {
    for (const queue of ['*', 'billing']) {
      const opts = { week: DEMO_NEXT_MONDAY, queue, intervalMinutes: 30, timeZone: DEMO_TZ };
      const load = plannedLoad(db, opts);
      const [coverage, reasons] = await Promise.all([weekCoverage(db, { ...opts, load }), reasonForecast(db, { ...opts, load })]);
      expect(coverage.intervals.length).toBeGreaterThan(0);
      expect(reasons.groups.length).toBeGreaterThan(1);
      expect(coverage).toEqual(await weekCoverage(db, opts));
      expect(reasons).toEqual(await reasonForecast(db, opts));
    }
  });

  // The page also shows the week's forecast with its backtest, and plans from it: the load planned
  // from that forecast is the load plannedLoad forecasts itself (without a backtest), for weeks ahead,
  // inside and before the data, every interval size, the center and a queue.
  it('plans the same load from the forecast the page shows', async () => {
    for (const week of [DEMO_NEXT_MONDAY, addDays(DEMO_NEXT_MONDAY, 14), addDays(DEMO_NEXT_MONDAY, -21)])
      for (const queue of ['*', 'billing'])
        for (const intervalMinutes of [15, 30, 60]) {
          const opts = { week, queue, intervalMinutes, timeZone: DEMO_TZ };
          const shown = forecast(db, { from: week, weeks: 1, queue, intervalMinutes, timeZone: DEMO_TZ });
          const planned = await plannedLoad(db, { ...opts, forecast: shown });
          expect((await shown).backtest.length).toBeGreaterThan(0);
          expect(planned.required.filter((r) => (r.required ?? 0) > 0).length).toBeGreaterThan(10);
          expect(planned).toEqual(await plannedLoad(db, opts));
        }
  });

  it('forecasts the week itself when the forecast given is of another week, scope or interval', async () => {
    const opts = { week: DEMO_NEXT_MONDAY, queue: '*', intervalMinutes: 30, timeZone: DEMO_TZ };
    const alone = await plannedLoad(db, opts);
    for (const other of [{ from: addDays(DEMO_NEXT_MONDAY, 7) }, { queue: 'billing' }, { intervalMinutes: 60 }, { weeks: 2 }, { trainingWeeks: 8 }]) {
      const given = forecast(db, { from: DEMO_NEXT_MONDAY, weeks: 1, queue: '*', intervalMinutes: 30, timeZone: DEMO_TZ, ...other });
      expect(await plannedLoad(db, { ...opts, forecast: given })).toEqual(alone);
    }
  });
});
