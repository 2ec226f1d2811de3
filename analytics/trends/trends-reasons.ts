/**
 * Trends per reason group (issue 15.3): calls offered, lost %, AHT and the repeat rate of each reason
 * group per week, month or quarter, beside the share of calls without a reason, so a figure that
 * covers 84 % of the calls says so. The figures are computeMetrics grouped by reason_group (the rows
 * of a period add up to its totals: a code the catalogue lacks is its own row, the calls without a
 * reason another) and the repeat rate per reason group (sql/repeat-callers.sql); a period the data
 * does not cover is a gap (null), never a zero, as on the rest of the Trends page.
 *
 * Groups are the catalogue's as it stands: a code moved to another group moves with all its past,
 * so every period is grouped alike.
 */
import type { Database } from '../../sql/db.ts';
import { define } from '../glossary.ts';
import { readCenterSettings } from '../center-settings.ts';
import { repeatRatesBy, repeatRatesByReasonGroup } from '../callers/repeat-callers.ts';
import { metricRows, type MetricRow } from '../metrics/metrics.ts';
import { definitionsOf, type ReportDefinition } from '../reports/reports-definitions.ts';
import { orderGroups } from '../reasons/reason-groups.ts';

export { orderGroups };
import { dataSpans, periodCoverage, type PeriodCoverage } from './trends-coverage.ts';
import { trendRange, type TrendOptions, type TrendsResult } from './trends.ts';

export interface ReasonGroupFigures {
  /** A catalogue group, 'Not in catalogue', or null: the calls without a reason. */
  reason_group: string | null;
  offered: number | null;
  answered: number | null;
  lost: number | null;
  lost_rate: number | null;
  aht_s: number | null;
  /** Of this group's answered calls, the share whose caller had called within the repeat window. */
  repeat_rate: number | null;
}

export interface ReasonTrendPoint extends PeriodCoverage {
  period: string;
  from: string;
  to: string;
  /** All calls offered in the period (the sum of the groups' rows). */
  offered: number | null;
  /** Calls offered that have a reason. */
  with_reason: number | null;
  /** (offered − with_reason) / offered: what every figure by reason leaves out. */
  share_without_reason: number | null;
  /** Answered calls (from a known number) without a reason over all such (the repeat rates' coverage). */
  answered_share_without_reason: number | null;
  /** One entry per group of the answer's `groups`, in that order. */
  groups: ReasonGroupFigures[];
}

/** The whole range: the calls the figures by reason cover, and the answered calls the repeat rates cover. */
export interface ReasonTrendCoverage {
  offered: number;
  with_reason: number;
  share_without_reason: number | null;
  /** Answered calls from a known number (those the repeat rate judges). */
  answered: number;
  answered_with_reason: number;
  answered_share_without_reason: number | null;
}

export interface ReasonTrends {
  settings: TrendsResult['settings'] & { repeat_window_s: number };
  coverage: ReasonTrendCoverage;
  /** The groups with calls in the range: the catalogue's in its order, then 'Not in catalogue', then null. */
  groups: Array<string | null>;
  series: ReasonTrendPoint[];
  definitions: ReportDefinition[];
}

export const SHARE_WITHOUT_REASON: ReportDefinition = define(
  'share_without_reason',
  'Without a reason',
  'rate',
  "Calls offered that have no reason code (no wrap-up code, CDR field, CSV reason or matched service request) over all calls offered: the part of the calls every figure by reason leaves out.",
  '(offered − offered with a reason) / offered',
  [] as string[]
);

/** The share of `part` left out of `whole`, or null without a whole. */
export const shareWithout = (whole: number, withReason: number): number | null => (whole > 0 ? (whole - withReason) / whole : null);

const NO_FIGURES = (reason_group: string | null): ReasonGroupFigures => ({
  reason_group, offered: null, answered: null, lost: null, lost_rate: null, aht_s: null, repeat_rate: null
});

type GroupRange = { from: string; to: string; timeZone: string; by: 'week' | 'month' | 'quarter'; queue: string | null };

/** Whether any call has a reason (shared while the data is unchanged). */
const anyCallReason = (db: Database) =>
  db.lookups.get('any-call-reason', async () => (await db.one<{ any: boolean }>('SELECT EXISTS (SELECT 1 FROM call_reasons) AS "any"'))!.any);

/**
 * The metrics and repeat rates per period and reason group. When no call has a reason, every call's
 * group is "no reason" and each period's one row is its totals: those are counted from the summaries
 * (call_slices, repeat_days) rather than every call (at 10M calls, seconds instead of a quarter minute).
 */
async function byReasonGroup(db: Database, range: GroupRange, windowS: number) {
  if (await anyCallReason(db)) {
    const [metrics, repeats] = await Promise.all([
      metricRows(db, { ...range, group: 'reason_group' }),
      repeatRatesByReasonGroup(db, { ...range, windowS })
    ]);
    return { metrics, repeats };
  }
  const [metrics, repeats] = await Promise.all([metricRows(db, range), repeatRatesBy(db, { ...range, windowS })]);
  return {
    metrics: metrics.filter((m) => m.offered > 0).map((m) => ({ ...m, reason_group: null })),
    repeats: repeats.map((x) => ({ ...x, reason_group: null }))
  };
}

export async function reasonTrends(db: Database, opts: TrendOptions): Promise<ReasonTrends> {
  const r = trendRange(opts);
  const range = { from: r.from, to: r.to, timeZone: r.timeZone, by: r.by, queue: r.queue };
  const windowS = (await readCenterSettings(db)).repeat_window_s;
  const [{ metrics, repeats }, spans] = await Promise.all([byReasonGroup(db, range, windowS), dataSpans(db, r.timeZone)]);
  const answered = repeats.reduce((n, x) => n + x.answered, 0);
  const answeredWith = answered - repeats.filter((x) => x.reason_group === null).reduce((n, x) => n + x.answered, 0);
  const offered = metrics.reduce((n, m) => n + m.offered, 0);
  const withReason = offered - metrics.filter((m) => m.reason_group == null).reduce((n, m) => n + m.offered, 0);
  const coverage: ReasonTrendCoverage = {
    offered, with_reason: withReason, share_without_reason: shareWithout(offered, withReason),
    answered, answered_with_reason: answeredWith, answered_share_without_reason: shareWithout(answered, answeredWith)
  };
  const groups = orderGroups(metrics.filter((m) => m.offered > 0).map((m) => m.reason_group ?? null));
  const series = r.periods.map((p): ReasonTrendPoint => {
    const coverage = periodCoverage(spans, p);
    const head = { period: p.period, from: p.from, to: p.to, ...coverage };
    if (coverage.covered_days === 0) {
      return { ...head, offered: null, with_reason: null, share_without_reason: null, answered_share_without_reason: null, groups: groups.map(NO_FIGURES) };
    }
    // computeMetrics labels a week by its Monday, a month and a quarter by their first day: p.from each time.
    const rows = metrics.filter((m) => m.period_start === p.from);
    const reps = repeats.filter((x) => x.period_start === p.from);
    const row = (g: string | null): MetricRow | undefined => rows.find((m) => (m.reason_group ?? null) === g);
    const offered = rows.reduce((n, m) => n + m.offered, 0);
    const withReason = offered - (row(null)?.offered ?? 0);
    const answered = reps.reduce((n, x) => n + x.answered, 0);
    const answeredWith = answered - (reps.find((x) => x.reason_group === null)?.answered ?? 0);
    return {
      ...head,
      offered,
      with_reason: withReason,
      share_without_reason: shareWithout(offered, withReason),
      answered_share_without_reason: shareWithout(answered, answeredWith),
      groups: groups.map((g) => {
        const m = row(g);
        return {
          reason_group: g,
          offered: m?.offered ?? 0,
          answered: m?.answered ?? 0,
          lost: m?.lost ?? 0,
          lost_rate: m?.lost_rate ?? null,
          aht_s: m?.aht_s ?? null,
          repeat_rate: reps.find((x) => x.reason_group === g)?.repeat_rate ?? null
        };
      })
    };
  });
  return {
    settings: { by: r.by, from: r.from, to: r.to, queue: r.queue, time_zone: r.timeZone, repeat_window_s: windowS },
    coverage,
    groups,
    series,
    definitions: [...definitionsOf(['reason_group', 'offered', 'answered', 'lost', 'lost_rate', 'aht_s', 'repeat_rate']), SHARE_WITHOUT_REASON]
  };
}
