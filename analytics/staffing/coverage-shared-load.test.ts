// The coverage page asks the week's planned load once and hands it to the coverage and to the reason
// groups' forecast (issue 16: each asked it, reading the same history twice). Held on the demo center:
// each answer with the shared load is the answer it gives alone, for the center and for one queue.
import { describe, expect, it } from 'vitest';
import type { Database } from '../../sql/db.ts';
import { DEMO_NEXT_MONDAY, DEMO_TZ } from '../test-support/coverage-demo-db.ts';
import { useDemoDatabase } from '../test-support/use-demo-database.ts';
import { plannedLoad, weekCoverage } from './coverage.ts';
import { reasonForecast } from '../forecast/forecast-by-reason.ts';

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
});
