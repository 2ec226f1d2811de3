/**
 * The alert log of one local day, from the loaded data (sql/alert-visits.sql, sql/rep-state-spans.sql)
 * and the admin's rules (sql/alert-rules.sql): every episode of every rule on every queue, worked out
 * by the pure sweep (alert-sweep.ts). For today the day runs to `asOf`, and the episodes still true
 * then are the ones firing: the live floor's `alerts`. Nothing is stored, so the log is the same for a
 * day followed live and for the same day imported a month later.
 */
import type { Database } from '../../sql/db.ts';
import { DEFAULT_SHORT_ABANDON_S, DEFAULT_SL_FORMULA, DEFAULT_SL_THRESHOLD_S } from '../metrics/metric-query.ts';
import { queueLabels } from '../center-settings.ts';
import { readTargets, targetFor } from '../staffing/coverage-targets.ts';
import { availableByQueue, type RepSpan } from './alert-availability.ts';
import { rulesFor, type AlertKind, type AlertRule } from './alert-rules.ts';
import { alertEpisodes, type SlCall, type SweepWindow, type WaitVisit } from './alert-sweep.ts';
import { firingWords, logWords } from './alert-words.ts';

export interface AlertLogEntry {
  queue: string;
  /** The queue's display name (settings), else its name. */
  label: string;
  kind: AlertKind;
  threshold: number;
  /** ISO instants; `to` null while firing. */
  from: string;
  to: string | null;
  peak: number;
  /** "10:42–10:58 longest wait over 2 min, peak 3 min 10 s" */
  text: string;
  /** While firing: "Longest wait over 2 min since 10:42"; else null. */
  firing_text: string | null;
}

export interface AlertLogOptions {
  date: string;
  timeZone: string;
  asOf: Date;
  /** A caller with no leave waits at most this long (the live floor's limit: longer is a lost end). */
  maxWaitS: number;
  /** Also look this far past an open window's end for the next alert the clock alone would start. */
  lookaheadS?: number;
  /**
   * The rep-state spans (sql/rep-state-spans.sql) if the caller has read them already for a range
   * holding the day (the live snapshot reads yesterday and today): clipped to the day here, not read again.
   */
  spans?: Promise<RepSpan[]>;
}

interface VisitRow extends WaitVisit {
  queue: string;
  closed_s: number | null;
  within: number;
  counted: number;
}

const iso = (s: number) => new Date(s * 1000).toISOString();

export async function readAlertRules(db: Database): Promise<AlertRule[]> {
  return db.query<AlertRule>('alert-rules');
}

export interface AlertDay {
  entries: AlertLogEntry[];
  /** Today: when the next alert starts if no new data arrives before (within `lookaheadS`), else null. */
  next_at: string | null;
}

export async function alertDay(db: Database, opts: AlertLogOptions): Promise<AlertDay> {
  const none = { entries: [], next_at: null };
  const rules = await readAlertRules(db);
  if (rules.length === 0) return none;
  const [day] = await db.query<{ start_s: number; end_s: number }>('local-day-bounds', { from: opts.date, to: opts.date, tz: opts.timeZone });
  const now = opts.asOf.getTime() / 1000;
  if (!day || now <= day.start_s) return none;
  const window = { start_s: day.start_s, end_s: Math.min(now, day.end_s), open: now < day.end_s, max_wait_s: opts.maxWaitS };

  const [visits, read, targets, labels] = await Promise.all([
    db.query<VisitRow>('alert-visits', {
      date: opts.date,
      tz: opts.timeZone,
      max_wait_s: opts.maxWaitS,
      default_sl_threshold_s: DEFAULT_SL_THRESHOLD_S,
      default_short_abandon_s: DEFAULT_SHORT_ABANDON_S,
      default_sl_formula: DEFAULT_SL_FORMULA
    }),
    opts.spans ?? db.query<RepSpan>('rep-state-spans', { from: opts.date, to: opts.date, tz: opts.timeZone }),
    readTargets(db),
    queueLabels(db)
  ]);
  // As the query clips them to the day (a span running in from yesterday starts at the day's start).
  const spans = read
    .filter((s) => s.start_s < day.end_s && (s.end_s > day.start_s || s.open))
    .map((s) => ({ ...s, start_s: Math.max(s.start_s, day.start_s), end_s: Math.min(s.end_s, day.end_s) }));
  // Only what had happened by the window's end: a visit counts from its close, a leave after it is still a wait.
  const seen = visits
    .filter((v) => v.enter_s < window.end_s)
    .map((v) => ({ ...v, leave_s: v.leave_s !== null && v.leave_s <= window.end_s ? v.leave_s : null }));
  const queuesOf = (available: Map<string, unknown>) =>
    [...new Set([...seen.map((v) => v.queue), ...available.keys(), ...rules.map((r) => r.queue).filter((q) => q !== '*')])].sort();
  const labelOf = (queue: string) => labels.find((l) => l.queue === queue)?.label ?? queue;
  /** Every queue's episodes in a window over the data seen (open spans and waits run on to its end). */
  const episodesIn = (w: SweepWindow) => {
    const available = availableByQueue(spans.filter((s) => s.start_s < window.end_s), w.end_s);
    const queues = queuesOf(available);
    const applied = rulesFor(rules, queues, (q) => targetFor(targets, q));
    return queues.flatMap((queue) => {
      const mine = seen.filter((v) => v.queue === queue);
      const sl: SlCall[] = mine.filter((v) => v.closed_s !== null && v.closed_s <= window.end_s).map((v) => ({ closed_s: v.closed_s!, within: v.within, counted: v.counted }));
      return alertEpisodes({ queue, visits: mine, available: available.get(queue) ?? [], sl }, applied, w);
    });
  };

  const entries: AlertLogEntry[] = episodesIn(window).map((e) => ({
    queue: e.queue,
    label: labelOf(e.queue),
    kind: e.kind,
    threshold: e.threshold,
    from: iso(e.from_s),
    to: e.to_s === null ? null : iso(e.to_s),
    peak: e.peak,
    text: logWords(e, opts.timeZone),
    firing_text: e.to_s === null ? firingWords(e, opts.timeZone) : null
  }));
  // If nothing new arrives: the first alert the clock alone would start (a wait crossing N) within the lookahead.
  let next: number | null = null;
  if (window.open && opts.lookaheadS) {
    const ahead = { ...window, end_s: Math.min(window.end_s + opts.lookaheadS, day.end_s) };
    const starts = episodesIn(ahead).map((e) => e.from_s).filter((s) => s > window.end_s);
    next = starts.length ? Math.min(...starts) : null;
  }
  entries.sort((a, b) => a.from.localeCompare(b.from) || a.label.localeCompare(b.label));
  return { entries, next_at: next === null ? null : iso(next) };
}

export async function alertLog(db: Database, opts: AlertLogOptions): Promise<AlertLogEntry[]> {
  return (await alertDay(db, opts)).entries;
}
