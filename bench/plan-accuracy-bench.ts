/**
 * The staffing plan's forecast accuracy (analytics/plan/forecast-accuracy.ts): WAPE over the open-hours
 * 30-minute intervals of 8 held-out weeks (each forecast from the data before it), per interval and per
 * day, against the same interval last week and the Poisson floor, on the demo center (17 weeks: no
 * yearly season to learn) and on a generated three-year center with a yearly season, bills-mailed
 * weeks, moving holidays and a trend: the demo generator's own arrivals with its long-range volume
 * (analytics/test-support/seasonal-demo.ts). Both also print the floor with the generator's day swing.
 *
 * `npx tsx bench/plan-accuracy-bench.ts` prints it alone; `npm run bench` runs it as a step.
 */
import { pathToFileURL } from 'node:url';
import { demoDatabase, DEMO_TZ } from '../analytics/test-support/coverage-demo-db.ts';
import { seasonalDemo } from '../analytics/test-support/seasonal-demo.ts';
import { DEMO_PLANTED } from '../app/server/demo/center.ts';
import { forecastAccuracy, type ForecastAccuracy } from '../analytics/plan/forecast-accuracy.ts';
import { planForecastAccuracy } from '../analytics/plan/plan-accuracy.ts';
import { addDays } from '../analytics/roster/schedule-model.ts';

export interface PlanAccuracyBench {
  demo: ForecastAccuracy;
  generated: ForecastAccuracy;
  /** The generated center's true day means as the forecast, per day: what no forecast can beat. */
  generated_true_means: { day: number; floor: number };
}

/** WAPE per day of the generator's own expected calls over the scored days, and the Poisson floor there. */
function trueMeans(center: ReturnType<typeof seasonalDemo>, a: ForecastAccuracy): { day: number; floor: number } {
  const actual = new Map<string, number>();
  for (const r of center.rows) actual.set(r.date, (actual.get(r.date) ?? 0) + r.offered);
  const closed = new Set(center.specials.filter((s) => s.kind === 'closed').map((s) => s.date));
  let abs = 0, sum = 0, floor = 0;
  for (const monday of a.weeks) {
    for (let i = 0; i < 7; i++) {
      const date = addDays(monday, i);
      const n = actual.get(date) ?? 0;
      const m = center.expected.get(date);
      if (!n || m === undefined || closed.has(date)) continue;
      abs += Math.abs(m - n);
      sum += n;
      floor += Math.sqrt((2 * m) / Math.PI);
    }
  }
  return { day: abs / sum, floor: floor / sum };
}

export async function planAccuracyBench(): Promise<PlanAccuracyBench> {
  const center = seasonalDemo();
  const generated = forecastAccuracy(center.rows, { weeks: center.heldOut, specials: center.specials, isOpen: center.isOpen, dayNoiseSigma: center.dayNoiseSigma });
  const { db, dispose } = await demoDatabase();
  try {
    return { demo: (await planForecastAccuracy(db, DEMO_TZ, DEMO_PLANTED.dailyNoiseSigma))!, generated, generated_true_means: trueMeans(center, generated) };
  } finally {
    dispose();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const r = await planAccuracyBench();
  const pct = (x: number | null) => (x === null ? '-' : `${(x * 100).toFixed(1)}%`);
  for (const [name, a] of [['demo', r.demo], ['generated', r.generated]] as const) {
    console.log(`${name}: ${a.days_scored} days, ${a.intervals_scored} intervals (weeks ${a.weeks[0]} to ${a.weeks.at(-1)})`);
    console.log(`  per interval: forecast ${pct(a.model.interval)}, last week ${pct(a.last_week.interval)}, floor ${pct(a.floor.interval)} (${a.ratio_to_floor.interval?.toFixed(2)}x the floor)`);
    console.log(`  per day:      forecast ${pct(a.model.day)}, last week ${pct(a.last_week.day)}, floor ${pct(a.floor.day)} (${a.ratio_to_floor.day?.toFixed(2)}x the floor)`);
    const n = a.floor_with_day_noise;
    if (n) console.log(`  floor with the generator's day swing (sigma ${DEMO_PLANTED.dailyNoiseSigma}): per interval ${pct(n.interval)}, per day ${pct(n.day)} (forecast ${((a.model.day ?? 0) / (n.day ?? 1)).toFixed(2)}x it per day)`);
    console.log(`  better than last week: ${a.better_than_last_week}; within 1.2x the floor: ${a.within_floor_goal}`);
  }
  const t = r.generated_true_means;
  console.log(`generated, the generator's true day means as the forecast: per day ${pct(t.day)}, Poisson floor ${pct(t.floor)} (${(t.day / t.floor).toFixed(2)}x): the day swing no forecast can know`);
}
