/**
 * The seven sections of a periodic report, each built from analytics answers that reports-build.ts
 * fetched (pure functions: the same inputs always give the same section). Figures keep the keys and
 * values of the answers they come from, unrounded, so a report can be checked against `callboard
 * metrics` figure by figure.
 */
import type { FollowUpSummary } from '../callers/follow-up.ts';
import type { MetricRow, MetricsSettings } from '../metrics/metrics.ts';
import type { QualityScoreRow } from '../quality/quality-score.ts';
import type { RepActivityRow } from '../reps/rep-activity.ts';
import type { RepeatCallerResult, RepeatFigures } from '../callers/repeat-callers.ts';
import type { Annotation } from '../trends/trends-annotations.ts';
import { staffingHours, type StaffingHours, type StaffingInterval } from '../trends/trends-staffing.ts';
import { column, columns, reportFigure } from './reports-definitions.ts';
import type { Cell, ReportSection, ReportTable } from './reports-document.ts';
import { addDays, isoWeekday, type ReportPeriod } from './reports-period.ts';

export type SubPeriod = 'day' | 'week';

export interface FeedbackRow {
  rep_id: string;
  rep: string;
  team: string | null;
  notes: number;
  coaching: number;
  praise: number;
  procedure: number;
  acknowledged: number;
  open: number;
  evaluations_done: number;
}

export interface CoverageInput {
  intervals: StaffingInterval[];
  interval_minutes: number;
  /** Whether any schedule (a shift) exists in the period. */
  scheduled: boolean;
}

export interface ReportInputs {
  period: ReportPeriod;
  previous: ReportPeriod;
  sub: SubPeriod;
  total: MetricRow | null;
  previousTotal: MetricRow | null;
  bySub: MetricRow[];
  byDay: MetricRow[];
  byQueue: MetricRow[];
  metricSettings: MetricsSettings;
  followUp: FollowUpSummary;
  previousFollowUp: FollowUpSummary;
  repeat: RepeatCallerResult;
  previousRepeat: RepeatFigures;
  reps: RepActivityRow[];
  teams: Map<string, string | null>;
  quality: QualityScoreRow[];
  coverage: CoverageInput;
  feedback: FeedbackRow[];
  annotations: Annotation[];
}

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
export const weekdayName = (date: string) => WEEKDAYS[isoWeekday(date) - 1];

const value = (row: MetricRow | null, key: string): number | null => {
  const v = row ? (row as unknown as Record<string, unknown>)[key] : null;
  return typeof v === 'number' ? v : null;
};

function metricTable(key: string, title: string, head: string[], rows: MetricRow[], keys: string[], label?: Record<string, string>): ReportTable {
  return {
    key,
    title,
    columns: [...head, ...keys].map((k) => column(k, label?.[k])),
    rows: rows.map((r) => Object.fromEntries([...head, ...keys].map((k) => [k, ((r as unknown as Record<string, Cell>)[k] ?? null) as Cell])))
  };
}

const subLabel = (sub: SubPeriod) => ({ period_start: sub === 'day' ? 'Day' : 'Week of' });
const subTitle = (sub: SubPeriod) => (sub === 'day' ? 'By day' : 'By week (ISO weeks, Monday first)');

const VOLUME_KEYS = ['offered', 'answered', 'abandoned', 'short_abandoned', 'timed_out', 'blocked', 'lost', 'lost_rate'];
const SL_KEYS = ['service_level', 'answered_within_sl', 'asa_s', 'aht_s', 'avg_abandon_wait_s', 'max_wait_s'];

export function volumeSection(i: ReportInputs): ReportSection {
  const notes: string[] = [];
  if (!value(i.total, 'offered')) notes.push('No calls were offered in this period.');
  notes.push(
    `Compared with ${i.previous.period} (${i.previous.from} to ${i.previous.to}). Lost calls leave out short abandons (under each queue's short-abandon threshold).`
  );
  return {
    key: 'volume',
    title: 'Volume and lost calls',
    notes,
    figures: [
      ...VOLUME_KEYS.map((k) => reportFigure(k, value(i.total, k), value(i.previousTotal, k))),
      ...(['lost_callers', 'recovered', 'recovery_rate', 'median_recovery_s'] as const).map((k) => reportFigure(k, i.followUp[k], i.previousFollowUp[k])),
      reportFigure('repeat_rate', i.repeat.total.repeat_rate, i.previousRepeat.repeat_rate)
    ],
    tables: [
      metricTable(`by_${i.sub}`, subTitle(i.sub), ['period_start'], i.bySub, VOLUME_KEYS, subLabel(i.sub)),
      metricTable('by_queue', 'By queue', ['queue'], i.byQueue, VOLUME_KEYS)
    ]
  };
}

export function serviceLevelSection(i: ReportInputs): ReportSection {
  const queues = new Map(i.metricSettings.queues.map((q) => [q.queue, q]));
  const byQueue = metricTable('by_queue', 'By queue, with the settings each was judged by', ['queue'], i.byQueue, SL_KEYS);
  byQueue.columns.splice(1, 0, column('sl_threshold_s'), column('sl_formula'));
  for (const row of byQueue.rows) {
    const q = queues.get(String(row.queue));
    row.sl_threshold_s = q?.sl_threshold_s ?? null;
    row.sl_formula = q?.sl_formula ?? null;
  }
  return {
    key: 'service_level',
    title: 'Service level and waits',
    notes: i.metricSettings.queues.map(
      (q) =>
        `${q.label ?? q.queue}: answered within ${q.sl_threshold_s} s (${q.source.sl_threshold_s}), short abandons under ${q.short_abandon_s} s (${q.source.short_abandon_s}), formula ${q.sl_formula} (${q.source.sl_formula}).`
    ),
    figures: SL_KEYS.map((k) => reportFigure(k, value(i.total, k), value(i.previousTotal, k))),
    tables: [metricTable(`by_${i.sub}`, subTitle(i.sub), ['period_start'], i.bySub, SL_KEYS, subLabel(i.sub)), byQueue]
  };
}

const hours = (s: number | null) => (s === null ? null : s / 3600);

export function staffSection(i: ReportInputs): ReportSection {
  const repeat = new Map(i.repeat.by_rep.map((r) => [r.rep_id, r.repeat_rate]));
  const quality = new Map(i.quality.map((q) => [q.rep_id, q.quality_score]));
  const keys = ['rep', 'team', 'handled', 'aht_s', 'talk_h', 'ring_no_answer', 'transferred', 'logged_in_h', 'paused_h', 'occupancy', 'repeat_rate', 'quality_score'];
  const rows = [...i.reps]
    .sort((a, b) => b.handled - a.handled || a.rep.localeCompare(b.rep))
    .map((r) => ({
      rep: r.rep,
      team: i.teams.get(r.rep_id) ?? null,
      handled: r.handled,
      aht_s: r.aht_s,
      talk_h: hours(r.talk_s),
      ring_no_answer: r.ring_no_answer,
      transferred: r.transferred,
      logged_in_h: hours(r.logged_in_s),
      paused_h: hours(r.paused_s),
      occupancy: r.occupancy,
      repeat_rate: repeat.get(r.rep_id) ?? null,
      quality_score: quality.get(r.rep_id) ?? null
    }));
  return {
    key: 'staff',
    title: 'Staff performance',
    notes: rows.length ? ['A row per rep who answered a call or logged in during the period, busiest first.'] : ['No rep answered a call or logged in during the period.'],
    figures: [reportFigure('reps_active', i.reps.filter((r) => r.handled > 0).length), reportFigure('answered', value(i.total, 'answered')), reportFigure('aht_s', value(i.total, 'aht_s'))],
    tables: [{ key: 'by_rep', title: 'By rep', columns: columns(...keys), rows }]
  };
}

/** Team quality score: the reps' scores weighted by the calls each handled. */
export function teamQualityScore(rows: readonly QualityScoreRow[]): number | null {
  const scored = rows.filter((r) => r.quality_score !== null && r.handled > 0);
  const weight = scored.reduce((n, r) => n + r.handled, 0);
  return weight ? scored.reduce((n, r) => n + r.quality_score! * r.handled, 0) / weight : null;
}

export function qualitySection(i: ReportInputs): ReportSection {
  const evaluations = i.quality.reduce((n, r) => n + r.evaluations, 0);
  const evalSum = i.quality.reduce((n, r) => n + (r.evaluation_score ?? 0) * r.evaluations, 0);
  const answered = value(i.total, 'answered');
  const rna = value(i.total, 'ring_no_answer');
  const notes: string[] = [];
  if (evaluations === 0) notes.push('No quality evaluations were recorded for calls in this period: quality scores rest on the operational measures alone.');
  const keys = ['rep', 'handled', 'evaluations', 'evaluation_score', 'ring_no_answer_rate', 'transfer_rate', 'quality_score'];
  return {
    key: 'quality',
    title: 'Quality',
    notes,
    figures: [
      reportFigure('quality_score', teamQualityScore(i.quality)),
      reportFigure('evaluations', evaluations),
      reportFigure('evaluation_score', evaluations ? evalSum / evaluations : null),
      reportFigure('repeat_rate', i.repeat.total.repeat_rate),
      reportFigure('transfer_rate', answered ? (value(i.total, 'transferred') ?? 0) / answered : null),
      reportFigure('ring_no_answer_rate', answered !== null && rna !== null && answered + rna > 0 ? rna / (answered + rna) : null)
    ],
    tables: [
      {
        key: 'by_rep',
        title: 'By rep',
        columns: columns(...keys),
        rows: [...i.quality]
          .sort((a, b) => (b.quality_score ?? -1) - (a.quality_score ?? -1) || a.rep.localeCompare(b.rep))
          .map((r) => Object.fromEntries(keys.map((k) => [k, (r as unknown as Record<string, Cell>)[k] ?? null])))
      }
    ]
  };
}

export function coverageSection(i: ReportInputs): ReportSection {
  const c = i.coverage;
  const total = staffingHours(c.intervals, c.scheduled, c.interval_minutes);
  const bucket = (date: string) => (i.sub === 'day' ? date : addDays(date, 1 - isoWeekday(date)));
  const groups = new Map<string, StaffingInterval[]>();
  for (const r of i.bySub) groups.set(r.period_start, []);
  for (const x of c.intervals) {
    const key = bucket(x.date);
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(x);
  }
  const keys = ['period_start', 'required_h', 'scheduled_h', 'on_phones_h', 'under_scheduled_h', 'short_h'] as const;
  const rows = [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([start, xs]) => ({ period_start: start, ...staffingHours(xs, c.scheduled, c.interval_minutes) }));
  const notes = [
    `Required reps per ${c.interval_minutes}-minute interval come from the calls that actually came and their handle time, with the scheduler's staffing target and model (as on the Coverage page).`
  ];
  if (!c.scheduled) notes.unshift('No schedule exists for this period: there are no scheduled hours to set against the plan; the reps actually on the phones are shown instead.');
  return {
    key: 'coverage',
    title: 'Coverage against plan',
    notes,
    figures: (Object.keys(total) as (keyof StaffingHours)[]).map((k) => reportFigure(k, total[k])),
    tables: [{ key: `by_${i.sub}`, title: subTitle(i.sub), columns: keys.map((k) => column(k, k === 'period_start' ? subLabel(i.sub).period_start : undefined)), rows }]
  };
}

/** The days worth a look: the busiest, the lowest service level, the highest lost rate, the longest wait, and annotated days. */
export function notableDays(days: readonly MetricRow[], annotations: readonly Annotation[]): Array<{ date: string; reasons: string[] }> {
  const withCalls = days.filter((d) => d.offered > 0);
  const reasons = new Map<string, string[]>();
  const add = (date: string | undefined, why: string) => {
    if (!date) return;
    reasons.set(date, [...(reasons.get(date) ?? []), why]);
  };
  const extreme = (key: 'offered' | 'service_level' | 'lost_rate' | 'max_wait_s', want: 'max' | 'min') => {
    let best: MetricRow | undefined;
    for (const d of withCalls) {
      const v = d[key];
      if (v === null) continue;
      const b = best?.[key];
      if (best === undefined || b === null || b === undefined || (want === 'max' ? v > b : v < b)) best = d;
    }
    return best?.period_start;
  };
  add(extreme('offered', 'max'), 'busiest day');
  add(extreme('service_level', 'min'), 'lowest service level');
  add(extreme('lost_rate', 'max'), 'highest lost rate');
  add(extreme('max_wait_s', 'max'), 'longest wait');
  for (const a of annotations) if (!reasons.get(a.date)?.includes('annotated')) add(a.date, 'annotated');
  return [...reasons.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([date, why]) => ({ date, reasons: why }));
}

export function notableDaysSection(i: ReportInputs): ReportSection {
  const byDate = new Map(i.byDay.map((d) => [d.period_start, d]));
  const keys = ['date', 'weekday', 'offered', 'lost_rate', 'service_level', 'asa_s', 'max_wait_s', 'reasons', 'annotation'];
  const rows = notableDays(i.byDay, i.annotations).map(({ date, reasons }) => {
    const d = byDate.get(date) ?? null;
    return {
      date,
      weekday: weekdayName(date),
      offered: value(d, 'offered') ?? 0,
      lost_rate: value(d, 'lost_rate'),
      service_level: value(d, 'service_level'),
      asa_s: value(d, 'asa_s'),
      max_wait_s: value(d, 'max_wait_s'),
      reasons: reasons.join('; '),
      annotation: i.annotations.filter((a) => a.date === date).map((a) => a.text).join('; ') || null
    };
  });
  return {
    key: 'notable_days',
    title: 'Notable days',
    notes: rows.length ? [] : ['No calls and no annotations in this period.'],
    figures: [],
    tables: [{ key: 'days', title: 'Days worth a look', columns: columns(...keys), rows }]
  };
}

export function feedbackSection(i: ReportInputs): ReportSection {
  const sum = (k: keyof FeedbackRow) => i.feedback.reduce((n, r) => n + (r[k] as number), 0);
  const keys = ['rep', 'team', 'notes', 'coaching', 'praise', 'procedure', 'acknowledged', 'open', 'evaluations_done'] as const;
  const notes = sum('notes') + sum('evaluations_done') === 0 ? ['No feedback notes or quality evaluations were written in this period.'] : [];
  return {
    key: 'feedback',
    title: 'Feedback and coaching activity',
    notes,
    figures: [
      ...(['notes', 'coaching', 'praise', 'procedure', 'acknowledged', 'open'] as const).map((k) => reportFigure(k, sum(k))),
      reportFigure('reps_noted', i.feedback.filter((r) => r.notes > 0).length),
      reportFigure('evaluations_done', sum('evaluations_done')),
      reportFigure('reps_evaluated', i.feedback.filter((r) => r.evaluations_done > 0).length)
    ],
    tables: [
      {
        key: 'by_rep',
        title: 'By rep',
        columns: columns(...keys),
        rows: i.feedback.map((r) => Object.fromEntries(keys.map((k) => [k, r[k]])))
      }
    ]
  };
}

export const SECTION_BUILDERS = [volumeSection, serviceLevelSection, staffSection, qualitySection, coverageSection, notableDaysSection, feedbackSection];
