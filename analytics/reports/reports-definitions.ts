/**
 * What every figure and column of a report means. Call metrics, follow-up, repeat-caller and per-rep
 * keys keep their glossary entries (analytics/glossary.ts, the one source); the figures only reports
 * have (hours of coverage, feedback counts, quality blends) are defined here in the same form. A report
 * stores the definitions it used, so an old report still explains itself after a definition changes.
 */
import {
  CALL_METRIC_DEFINITIONS,
  FOLLOW_UP_DEFINITIONS,
  REPEAT_CALLER_DEFINITIONS,
  REP_ACTIVITY_DEFINITIONS,
  define,
  type Definition
} from '../glossary.ts';
import type { ReportColumn, ReportFigure, ReportUnit } from './reports-document.ts';

export interface ReportDefinition extends Omit<Definition, 'unit' | 'settings'> {
  unit: ReportUnit;
  settings: string[];
}

export const REPORT_DEFINITIONS: readonly ReportDefinition[] = [
  define(
    'period_start',
    'Period',
    'date',
    "The row's local day, or the Monday of its ISO week (a report's first and last weeks may reach outside the period: only the period's own days are counted).",
    'bucket(local ENTERQUEUE time)',
    ['time_zone']
  ),
  define('date', 'Date', 'date', "A local date in the center's time zone.", 'local date'),
  define('weekday', 'Weekday', 'text', 'The day of the week of the date.', 'weekday(date)'),
  define('sl_threshold_s', 'SL threshold (s)', 'seconds', "The queue's service-level threshold the figures used: answered within this many seconds.", 'queue setting, else 20', ['sl_threshold_s']),
  define('sl_formula', 'SL formula', 'text', "The queue's service-level formula the figures used (offered, icmi or answered; see service_level).", 'queue setting, else offered', ['sl_formula']),
  define('reps_active', 'Reps who answered', 'count', 'Reps who answered at least one call in the period.', 'count(reps with handled > 0)'),
  define('team', 'Team', 'text', "The rep's team on the roster.", 'roster.team', ['roster']),
  define('talk_h', 'Talk (h)', 'hours', 'Total talk time of the handled calls, in hours.', 'talk_s / 3600'),
  define('logged_in_h', 'Logged in (h)', 'hours', 'Time logged in to at least one queue, in hours (see logged_in_s).', 'logged_in_s / 3600', ['time_zone']),
  define('paused_h', 'Paused (h)', 'hours', 'Logged-in time spent paused, in hours.', 'paused_s / 3600', ['time_zone']),
  define(
    'transfer_rate',
    'Transfer rate',
    'rate',
    'Share of answered calls that the rep ended with a transfer; null with no answered calls.',
    'transferred / answered'
  ),
  define(
    'ring_no_answer_rate',
    'Ring-no-answer rate',
    'rate',
    "Share of the offers to reps that rang out: ring-no-answers over answered calls plus ring-no-answers.",
    'ring_no_answer / (answered + ring_no_answer)'
  ),
  define(
    'quality_score',
    'Quality score',
    'score',
    "The per-rep quality score (0-100) blending quality evaluations with ring-no-answers, transfers and handle time against the team (analytics/quality-score.ts); for the team, the reps' scores weighted by the calls each handled.",
    'Σ(score × handled) / Σ handled over reps with a score',
    ['quality_weights', 'quality_limits']
  ),
  define('evaluations', 'Evaluations', 'count', 'Quality evaluations of calls that entered the queue in the period (deleted ones left out).', 'count(evaluations)'),
  define('evaluation_score', 'Evaluation score', 'score', 'Mean score (0-100) of those evaluations; null with none.', 'mean(evaluation score)'),
  define(
    'required_h',
    'Required (h)',
    'hours',
    "Rep-hours the calls that actually came needed to meet the staffing target: per interval, the reps Erlang requires for the calls offered and their handle time (the scheduler's model, target and shrinkage), times the interval's length.",
    'Σ required reps × interval hours',
    ['interval_minutes', 'staffing_target']
  ),
  define(
    'scheduled_h',
    'Scheduled (h)',
    'hours',
    'Rep-hours the schedule (draft or published) put on the phones, breaks taken out; null when no schedule exists for the period.',
    'Σ scheduled reps × interval hours'
  ),
  define(
    'on_phones_h',
    'On the phones (h)',
    'hours',
    'Rep-hours reps were actually logged in and not paused.',
    'Σ available rep-seconds / 3600'
  ),
  define(
    'short_h',
    'Short of required (h)',
    'hours',
    'Rep-hours by which the reps actually on the phones fell short of those required, interval by interval (surpluses in other intervals do not make up for it).',
    'Σ max(0, required − on the phones) × interval hours',
    ['interval_minutes']
  ),
  define(
    'under_scheduled_h',
    'Under-scheduled (h)',
    'hours',
    'Rep-hours by which the schedule fell short of those required, interval by interval; null without a schedule.',
    'Σ max(0, required − scheduled) × interval hours',
    ['interval_minutes']
  ),
  define('reasons', 'Why notable', 'text', "Why a day is listed: the period's busiest day, its lowest service level, highest lost rate or longest wait, or a day someone annotated.", 'max / min over the days of the period'),
  define('annotation', 'Annotation', 'text', 'What managers noted on the day (e.g. "storm week").', 'annotations.text'),
  define('notes', 'Feedback notes', 'count', 'Feedback notes written in the period (by the date they were written; deleted notes left out).', 'count(notes)'),
  define('coaching', 'Coaching', 'count', 'Of those, notes in the category coaching.', "count(category = 'coaching')"),
  define('praise', 'Praise', 'count', 'Of those, notes in the category praise.', "count(category = 'praise')"),
  define('procedure', 'Procedure', 'count', 'Of those, notes in the category procedure.', "count(category = 'procedure')"),
  define('acknowledged', 'Acknowledged', 'count', 'Of those, notes the rep has acknowledged.', "count(state = 'acknowledged')"),
  define('open', 'Still open', 'count', 'Of those, notes still open (not done, not acknowledged).', "count(state = 'open')"),
  define('reps_noted', 'Reps given feedback', 'count', 'Reps who received at least one feedback note in the period.', 'count(distinct rep)'),
  define('evaluations_done', 'Evaluations done', 'count', 'Quality evaluations written in the period (by the date they were written).', 'count(evaluations written)'),
  define('reps_evaluated', 'Reps evaluated', 'count', 'Reps with at least one evaluation written in the period.', 'count(distinct evaluated rep)')
];

// Reports' own entries first: in a report a period is always a date (the glossary's may be a date-time).
const SOURCES: ReadonlyArray<readonly (Definition | ReportDefinition)[]> = [
  REPORT_DEFINITIONS,
  CALL_METRIC_DEFINITIONS,
  FOLLOW_UP_DEFINITIONS,
  REPEAT_CALLER_DEFINITIONS.filter((d) => d.key !== 'answered'), // the metrics' `answered` is the one reports show
  REP_ACTIVITY_DEFINITIONS
];

/** The definition of a key (the first source that has it). */
export function reportDefinition(key: string): ReportDefinition {
  for (const source of SOURCES) {
    const found = source.find((d) => d.key === key);
    if (found) return { ...found, settings: [...found.settings] };
  }
  throw new Error(`No definition for report key "${key}"`);
}

export const column = (key: string, label?: string): ReportColumn => {
  const d = reportDefinition(key);
  return { key, label: label ?? d.label, unit: d.unit };
};

export const columns = (...keys: string[]): ReportColumn[] => keys.map((k) => column(k));

export function reportFigure(key: string, value: number | null | undefined, previous?: number | null): ReportFigure {
  const d = reportDefinition(key);
  return { key, label: d.label, unit: d.unit, value: value ?? null, previous: previous ?? null };
}

/** Every definition the keys of a report use, once each, in first-use order. */
export function definitionsOf(keys: Iterable<string>): ReportDefinition[] {
  const seen = new Set<string>();
  const out: ReportDefinition[] = [];
  for (const k of keys) {
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(reportDefinition(k));
  }
  return out;
}
