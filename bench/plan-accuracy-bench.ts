/**
 * The staffing plan's forecast accuracy (analytics/plan/forecast-accuracy.ts): WAPE over the open-hours
 * 30-minute intervals of 8 held-out weeks (each forecast from the data before it), per interval and per
 * day, against the same interval last week and the Poisson floor, on the demo center (17 weeks: no
 * yearly season to learn) and on a generated three-year center with a yearly season, bills-mailed
 * weeks, moving holidays and a trend (analytics/test-support/seasonal-center.ts).
 *
 * `npx tsx bench/plan-accuracy-bench.ts` prints it alone; `npm run bench` runs it as a step.
 */
import { pathToFileURL } from 'node:url';
import { demoDatabase, DEMO_TZ } from '../analytics/test-support/coverage-demo-db.ts';
import { seasonalCenterHistory, SEASONAL_CLOSE, SEASONAL_OPEN } from '../analytics/test-support/seasonal-center.ts';
import { forecastAccuracy, type ForecastAccuracy } from '../analytics/plan/forecast-accuracy.ts';
import { addDays } from '../analytics/roster/schedule-model.ts';
import { planForecastAccuracy } from '../analytics/plan/plan-accuracy.ts';

export interface PlanAccuracyBench {
  demo: ForecastAccuracy;
  generated: ForecastAccuracy;
}

const heldOut = (lastMonday: string) => Array.from({ length: 8 }, (_, i) => addDays(lastMonday, -7 * (7 - i)));

export async function planAccuracyBench(): Promise<PlanAccuracyBench> {
  const days = 3 * 364 + 7 * 10;
  const { rows, specials } = seasonalCenterHistory({ from: '2024-01-01', days });
  const generated = forecastAccuracy(rows, {
    weeks: heldOut(addDays('2024-01-01', days - 7)), specials, isOpen: (_d, m) => m >= SEASONAL_OPEN && m < SEASONAL_CLOSE
  });
  const { db, dispose } = await demoDatabase();
  try {
    return { demo: (await planForecastAccuracy(db, DEMO_TZ))!, generated };
  } finally {
    dispose();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const r = await planAccuracyBench();
  const pct = (x: number | null) => (x === null ? '-' : `${(x * 100).toFixed(1)}%`);
  for (const [name, a] of Object.entries(r)) {
    console.log(`${name}: ${a.days_scored} days, ${a.intervals_scored} intervals (weeks ${a.weeks[0]} to ${a.weeks.at(-1)})`);
    console.log(`  per interval: forecast ${pct(a.model.interval)}, last week ${pct(a.last_week.interval)}, floor ${pct(a.floor.interval)} (${a.ratio_to_floor.interval?.toFixed(2)}x the floor)`);
    console.log(`  per day:      forecast ${pct(a.model.day)}, last week ${pct(a.last_week.day)}, floor ${pct(a.floor.day)} (${a.ratio_to_floor.day?.toFixed(2)}x the floor)`);
    console.log(`  better than last week: ${a.better_than_last_week}; within 1.2x the floor: ${a.within_floor_goal}`);
  }
}
