// The plan forecast's accuracy moves with the data alone and the Coverage and Plan pages both show it:
// readers share one answer until the next write (db.answers). Held on the demo center: the shared
// answer is the one computed afresh, it is computed once while nothing is written, again after a
// write, and per zone.
import { describe, expect, it } from 'vitest';
import type { Database } from '../../sql/db.ts';
import { DEMO_TZ } from '../test-support/coverage-demo-db.ts';
import { useDemoDatabase } from '../test-support/use-demo-database.ts';
import { planForecastAccuracy } from './plan-accuracy.ts';

describe('the plan forecast’s accuracy, shared until a write', () => {
  let db: Database;
  useDemoDatabase((d) => (db = d));

  it('is computed once while nothing is written, and is what a fresh computation gives', async () => {
    const first = await planForecastAccuracy(db, DEMO_TZ);
    expect(first).not.toBeNull();
    expect(await planForecastAccuracy(db, DEMO_TZ)).toBe(first);
    const other = await planForecastAccuracy(db, 'Asia/Kolkata');
    expect(other).not.toBe(first);
    db.changed(); // (after a write: computed afresh, the same figures)
    const after = await planForecastAccuracy(db, DEMO_TZ);
    expect(after).not.toBe(first);
    expect(after).toEqual(first);
  });
});
