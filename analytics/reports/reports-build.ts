/**
 * Builds a periodic report: asks every analytics question for the period (and the one before it, for
 * comparisons) with the center's current settings, and freezes the answers, the settings and the
 * definitions into one document (reports-document.ts). Call metrics come from computeMetrics itself,
 * so a report's figures are `callboard metrics` for the same period and settings.
 */
import type { Database } from '../../sql/db.ts';
import { lostCallFollowUp } from '../callers/follow-up.ts';
import { computeMetrics } from '../metrics/metrics.ts';
import { purgedBefore } from '../retention/purged.ts';
import { markPurgedDetail } from './reports-purged.ts';
import { qualityScores } from '../quality/quality-score.ts';
import { repActivity } from '../reps/rep-activity.ts';
import { repeatCallers } from '../callers/repeat-callers.ts';
import { definitionsOf } from './reports-definitions.ts';
import type { ReportDocument, ReportSettings } from './reports-document.ts';
import { parsePeriod, periodTitle, previousPeriod, type ReportKind, type ReportPeriod } from './reports-period.ts';
import { SECTION_BUILDERS, type FeedbackRow, type ReportInputs } from './reports-sections.ts';
import { listAnnotations } from '../trends/trends-annotations.ts';
import { staffingIntervals } from '../trends/trends-staffing.ts';

export interface BuildOptions {
  kind: ReportKind | string;
  period: string;
  timeZone: string;
  /** `schedule`, `cli`, or a username. */
  builtBy: string;
  /** The build's clock (default: now). */
  now?: Date;
}

/** Rows of each sub-period: a week and a month by day, a quarter by ISO week. */
const SUB = { weekly: 'day', monthly: 'day', quarterly: 'week' } as const;

export async function gatherInputs(db: Database, period: ReportPeriod, timeZone: string): Promise<{ inputs: ReportInputs; settings: ReportSettings }> {
  const previous = previousPeriod(period);
  const range = { from: period.from, to: period.to, timeZone };
  const prevRange = { from: previous.from, to: previous.to, timeZone };
  const sub = SUB[period.kind];
  const [total, previousTotal, bySub, byDay, byQueue, followUp, previousFollowUp, repeat, previousRepeat, activity, quality, feedback, teams, annotations, staffing] =
    await Promise.all([
      computeMetrics(db, { ...range, by: 'total' }),
      computeMetrics(db, { ...prevRange, by: 'total' }),
      computeMetrics(db, { ...range, by: sub }),
      sub === 'day' ? null : computeMetrics(db, { ...range, by: 'day' }),
      computeMetrics(db, { ...range, by: 'total', group: 'queue' }),
      lostCallFollowUp(db, range),
      lostCallFollowUp(db, prevRange),
      repeatCallers(db, range),
      repeatCallers(db, prevRange),
      repActivity(db, range),
      qualityScores(db, { ...range, by: 'total' }),
      db.query<FeedbackRow>('report-feedback-activity', { from: period.from, to: period.to, tz: timeZone }),
      db.query<{ rep_id: string; team: string | null }>('report-roster-teams'),
      listAnnotations(db, period.from, period.to),
      staffingIntervals(db, range)
    ]);
  const inputs: ReportInputs = {
    period,
    previous,
    sub,
    total: total.rows[0] ?? null,
    previousTotal: previousTotal.rows[0] ?? null,
    bySub: bySub.rows,
    byDay: (byDay ?? bySub).rows,
    byQueue: byQueue.rows,
    metricSettings: byQueue.settings,
    followUp: followUp.summary,
    previousFollowUp: previousFollowUp.summary,
    repeat,
    previousRepeat: previousRepeat.total,
    reps: activity.reps,
    teams: new Map(teams.map((t) => [t.rep_id, t.team])),
    quality: quality.rows,
    coverage: { intervals: staffing.intervals, interval_minutes: staffing.settings.interval_minutes, scheduled: staffing.scheduled },
    feedback,
    annotations
  };
  const settings: ReportSettings = {
    time_zone: timeZone,
    queues: byQueue.settings.queues.map((q) => ({
      queue: q.queue,
      label: q.label,
      sl_threshold_s: q.sl_threshold_s,
      short_abandon_s: q.short_abandon_s,
      sl_formula: q.sl_formula,
      source: { ...q.source }
    })),
    follow_up_window_s: followUp.settings.follow_up_window_s,
    repeat_window_s: repeat.settings.repeat_window_s,
    staffing: staffing.settings,
    quality: { weights: { ...quality.settings.weights }, limits: { ...quality.settings.limits } }
  };
  return { inputs, settings };
}

/** Builds (does not store) the report of a period. */
export async function buildReport(db: Database, opts: BuildOptions): Promise<ReportDocument> {
  const period = parsePeriod(opts.kind, opts.period);
  const builtAt = (opts.now ?? new Date()).toISOString();
  const { inputs, settings } = await gatherInputs(db, period, opts.timeZone);
  const sections = SECTION_BUILDERS.map((build) => build(inputs));
  markPurgedDetail(sections, period, inputs.previous, await purgedBefore(db));
  const keys = sections.flatMap((s) => [...s.figures.map((f) => f.key), ...s.tables.flatMap((t) => t.columns.map((c) => c.key))]);
  return {
    kind: period.kind,
    period: period.period,
    from: period.from,
    to: period.to,
    previous_period: { period: inputs.previous.period, from: inputs.previous.from, to: inputs.previous.to },
    title: `${{ weekly: 'Weekly', monthly: 'Monthly', quarterly: 'Quarterly' }[period.kind]} report: ${periodTitle(period)}`,
    built_at: builtAt,
    built_by: opts.builtBy,
    settings,
    definitions: definitionsOf(keys),
    sections
  };
}
