/**
 * Intraday re-planning (analytics/forecast/intraday.ts, analytics/staffing/intraday-outlook.ts):
 * - accuracy: cut at 10:00 local on every weekday scored, WAPE per interval over the rest of the day
 *   of the day-ahead forecast and of the re-projection, on the demo center (17 weeks; weekdays from
 *   its fifth week, each forecast from the days before it) and on a generated center (20 weeks,
 *   day-to-day swings of ~8 %, "bills mailed" +40 % all day every third Wednesday; weekdays from its
 *   ninth week); and how much the choice of K (pseudo-calls) matters;
 * - cost: computing the live snapshot's outlook once (it is made at most once a minute), and a live
 *   snapshot while the minute's outlook is shared.
 *
 * `npx tsx bench/intraday-bench.ts` prints it alone; `npm run bench` runs it as a step.
 */
import { pathToFileURL } from 'node:url';
import { demoDatabase, DEMO_TZ } from '../analytics/test-support/coverage-demo-db.ts';
import { intradayCenterHistory } from '../analytics/test-support/intraday-center.ts';
import { intradayAccuracy, type IntradayAccuracy } from '../analytics/forecast/intraday-accuracy.ts';
import { readSpecialDays } from '../analytics/forecast/forecast.ts';
import type { HistoryRow } from '../analytics/forecast/forecast-model.ts';
import { REPROJECTION_PSEUDO_CALLS } from '../analytics/forecast/intraday.ts';
import { intradayOutlook } from '../analytics/staffing/intraday-outlook.ts';
import { addDays, isoWeekday } from '../analytics/roster/schedule-model.ts';
import { liveSnapshot } from '../app/server/live/live-snapshot.ts';

const CUT = 10 * 60;
const IM = 30;
const K_CHOICES = [40, 100, 150];

export interface AccuracyFigures {
  days_scored: number;
  wape_day_ahead: number | null;
  wape_reprojected: number | null;
  /** Re-projected over day-ahead: under 1 is better. */
  ratio: number | null;
  /** WAPE of the re-projection with other choices of K. */
  k_sensitivity: Record<string, number | null>;
}

export interface IntradayBench {
  cut_off: string;
  demo: AccuracyFigures;
  generated: AccuracyFigures;
  /** The generated center's bills-mailed days alone. */
  generated_shock_days: AccuracyFigures;
  /** Median of 5 computations of the outlook on the demo (Friday 10:00). */
  outlook_ms: number;
  /** Median of 20 live snapshots within one minute (the outlook shared). */
  snapshot_ms: number;
  /** The first snapshot of a day, which waits for that day's first outlook. */
  first_snapshot_ms: number;
}

const weekdays = (from: string, to: string) => {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) if (isoWeekday(d) <= 5) out.push(d);
  return out;
};
const r4 = (x: number | null) => (x === null ? null : Number(x.toFixed(4)));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function figures(score: (k: number) => IntradayAccuracy): AccuracyFigures {
  const main = score(REPROJECTION_PSEUDO_CALLS);
  return {
    days_scored: main.days_scored, wape_day_ahead: r4(main.wape_day_ahead), wape_reprojected: r4(main.wape_reprojected), ratio: r4(main.ratio),
    k_sensitivity: Object.fromEntries(K_CHOICES.map((k) => [String(k), r4(score(k).wape_reprojected)]))
  };
}

export async function intradayBench(): Promise<IntradayBench> {
  const opts = { cutMinute: CUT, intervalMinutes: IM, trainingWeeks: 12, halfLifeWeeks: 4 };
  const shocks: Record<string, number> = {};
  for (let w = 8; w < 20; w += 3) shocks[addDays('2026-01-05', 7 * w + 2)] = 1.4;
  const generatedRows = intradayCenterHistory({ from: '2026-01-05', days: 7 * 20, shocks });
  const generated = figures((k) => intradayAccuracy(generatedRows, { ...opts, pseudoCalls: k, dates: weekdays(addDays('2026-01-05', 56), addDays('2026-01-05', 7 * 20 - 1)) }));
  const shocked = figures((k) => intradayAccuracy(generatedRows, { ...opts, pseudoCalls: k, dates: Object.keys(shocks) }));

  const { db, dispose } = await demoDatabase();
  try {
    const spans = await db.query<{ first_date: string; last_date: string }>('forecast-data-span', { tz: DEMO_TZ });
    const from = spans.map((s) => s.first_date).sort()[0];
    const to = addDays(spans.map((s) => s.last_date).sort().at(-1)!, -1);
    const rows = await db.query<HistoryRow>('forecast-history', { from, to, tz: DEMO_TZ, interval_minutes: IM });
    const specials = await readSpecialDays(db, from, to);
    const demo = figures((k) => intradayAccuracy(rows, { ...opts, pseudoCalls: k, specials, dates: weekdays(addDays(from, 28), to) }));

    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      await intradayOutlook(db, { date: '2026-06-05', nowMinute: CUT, timeZone: DEMO_TZ });
      times.push(performance.now() - t0);
    }
    const asOf = new Date('2026-06-05T15:00:10Z'); // 10:00 in Chicago
    await liveSnapshot(db, { timeZone: DEMO_TZ, asOf: new Date('2026-06-03T15:00:10Z') }); // warm the queries
    const t1 = performance.now();
    await liveSnapshot(db, { timeZone: DEMO_TZ, asOf }); // a new day: waits for the minute's outlook
    const first = performance.now() - t1;
    const snaps: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t0 = performance.now();
      await liveSnapshot(db, { timeZone: DEMO_TZ, asOf: new Date(asOf.getTime() + i * 1000) });
      snaps.push(performance.now() - t0);
    }
    return { cut_off: '10:00', demo, generated, generated_shock_days: shocked, outlook_ms: Math.round(median(times)), snapshot_ms: Math.round(median(snaps)), first_snapshot_ms: Math.round(first) };
  } finally {
    dispose();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const r = await intradayBench();
  console.log(JSON.stringify(r, null, 2));
}
