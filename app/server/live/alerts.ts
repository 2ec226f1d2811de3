/**
 * Alerts (issue 14): the admin's rules (read by leads, managers and schedulers too; saved as one
 * whole set, audited with before and after), the alert log of a day (analytics/live/alert-log.ts) and
 * the alerts firing now, which the live snapshot carries as `alerts`.
 */
import type { Database } from '../../../sql/db.ts';
import { InputError } from '../../../sql/errors.ts';
import { DEFAULT_RULES, duplicateRule, ruleProblem, type AlertKind, type AlertRule } from '../../../analytics/live/alert-rules.ts';
import { alertDay, alertLog, readAlertRules, type AlertLogEntry, type AlertLogOptions } from '../../../analytics/live/alert-log.ts';
import { audit, type Actor } from '../audit.ts';
import { localNow } from '../../lib/shell/dates.ts';

export interface AlertRulesView {
  rules: AlertRule[];
  /** What the form offers while no rule is saved. */
  defaults: readonly AlertRule[];
}

export async function readRules(db: Database): Promise<AlertRulesView> {
  return { rules: await readAlertRules(db), defaults: DEFAULT_RULES };
}

/** Replaces every rule with `rules` (an empty list: no alerts), in one transaction with its audit record. */
export async function saveRules(db: Database, user: Actor, rules: AlertRule[]): Promise<AlertRulesView> {
  for (const r of rules) {
    const problem = ruleProblem(r);
    if (problem) throw new InputError(problem);
  }
  const twice = duplicateRule(rules);
  if (twice) throw new InputError(`${twice.queue === '*' ? 'every queue' : twice.queue} has two "${twice.kind}" rules: keep one`);
  await db.transaction(async (conn) => {
    const before = await db.all<AlertRule>('SELECT queue, kind, threshold FROM alert_rules ORDER BY queue, kind', {}, conn);
    await db.run('DELETE FROM alert_rules', {}, conn);
    for (const r of rules) {
      await db.run('INSERT INTO alert_rules (queue, kind, threshold) VALUES ($queue, $kind, $threshold)', { queue: r.queue, kind: r.kind, threshold: r.threshold }, conn);
    }
    const after = await db.all<AlertRule>('SELECT queue, kind, threshold FROM alert_rules ORDER BY queue, kind', {}, conn);
    await audit(db, conn, { user, action: before.length ? 'update' : 'create', entity: 'alert_rules', entityId: 'all', before, after });
  });
  return readRules(db);
}

/** An alert firing now, as the live snapshot carries it. */
export interface LiveAlert {
  queue: string;
  label: string;
  kind: AlertKind;
  threshold: number;
  /** Since when (ISO instant). */
  since: string;
  /** The worst value so far (seconds, callers, or a service-level fraction, by kind). */
  peak: number;
  /** "Longest wait over 2 min since 10:42" */
  text: string;
}

/**
 * The alert log of a local day (today: up to `asOf`, with the ones still firing marked). `maxWaitS`:
 * the live floor's limit on a wait (live-snapshot.ts MAX_LIVE_WAIT_S; passed in, as the snapshot reads
 * this module).
 */
export function dayAlerts(db: Database, opts: { date: string; timeZone: string; maxWaitS: number; asOf?: Date }): Promise<AlertLogEntry[]> {
  return alertLog(db, { date: opts.date, timeZone: opts.timeZone, asOf: opts.asOf ?? new Date(), maxWaitS: opts.maxWaitS });
}

/** How far ahead the live floor looks for an alert the clock alone will start (its refresh without data is 15 s). */
const LOOKAHEAD_S = 20;
/** Per database: when the next alert starts if no data arrives first (epoch ms), as of the last snapshot. */
const due = new WeakMap<Database, number | null>();

/** The alerts firing at `asOf`: today's episodes still open then. */
export async function firingAlerts(db: Database, opts: { timeZone: string; asOf: Date; maxWaitS: number; spans?: AlertLogOptions['spans'] }): Promise<LiveAlert[]> {
  const date = localNow(opts.timeZone, opts.asOf).date;
  const { entries, next_at } = await alertDay(db, { ...opts, date, lookaheadS: LOOKAHEAD_S });
  due.set(db, next_at === null ? null : Date.parse(next_at));
  return entries
    .filter((e) => e.to === null)
    .map((e) => ({ queue: e.queue, label: e.label, kind: e.kind, threshold: e.threshold, since: e.from, peak: e.peak, text: e.firing_text! }));
}

/**
 * When (epoch ms) an alert will start with the clock alone (a caller's wait crossing a rule's N), as
 * the last snapshot of this database saw it; null: none soon. The live feed sends a snapshot then,
 * so the wallboard shows it at once rather than at the next 15-second refresh.
 */
export function alertDueAt(db: Database): number | null {
  return due.get(db) ?? null;
}
