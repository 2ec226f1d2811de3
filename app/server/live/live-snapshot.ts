/**
 * The live floor now (GET /api/live, the /live wallboard): per queue, callers waiting and the
 * longest wait, reps available / on a call / paused, and today's offered, answered, lost and service
 * level (the same metric rows as GET /api/metrics, so the wallboard and the day view agree); per rep,
 * their state, pause reason and since when (analytics/reps/live-rep-state.ts over today's spans).
 * Everything is read from the loaded events: it is as live as the last load (`serve --follow`).
 */
import type { Database } from '../../../sql/db.ts';
import { computeMetrics } from '../../../analytics/metrics/metrics.ts';
import { knownQueues, queueLabels } from '../../../analytics/center-settings.ts';
import { listReps } from '../rep-directory.ts';
import { repStateAt, type LiveSpan, type LiveState } from '../../../analytics/reps/live-rep-state.ts';
import { localNow } from '../../lib/shell/dates.ts';
import { firingAlerts, type LiveAlert } from './alerts.ts';
import type { Outlook } from '../../../analytics/staffing/intraday-outlook.ts';
import { outlookNow } from './live-outlook.ts';
import { liveAdherence, type LiveAdherence } from './live-adherence.ts';

/** A visit open longer than this is a lost end (data quality lists it), not a caller on hold now. */
export const MAX_LIVE_WAIT_S = 3600;

export interface LiveQueue {
  queue: string;
  waiting: number;
  longest_wait_s: number | null;
  available: number;
  on_call: number;
  paused: number;
  offered_today: number;
  answered_today: number;
  lost_today: number;
  service_level_today: number | null;
  /** The queue's display name (settings), else its name. */
  label: string;
}

export interface LiveRep {
  id: string;
  name: string;
  interface: string;
  state: LiveState;
  reason: string | null;
  since: string | null;
  queues: string[];
}

export interface LiveSnapshot {
  as_of: string;
  queues: LiveQueue[];
  reps: LiveRep[];
  /** The alerts firing now (app/server/live/alerts.ts), each with its words. */
  alerts: LiveAlert[];
  /** Real-time adherence against the published schedule (live-adherence.ts); null for the wallboard. */
  adherence: LiveAdherence | null;
  /** The newest event loaded (ISO), null with no data: a wallboard says when the log stopped growing. */
  data_until: string | null;
  /** The rest of today re-projected and staffed (app/server/live/live-outlook.ts: at most once a minute). */
  outlook: Outlook;
}

interface SpanRow extends LiveSpan {
  rep_id: string;
  interface: string;
}

const dayBefore = (date: string) => new Date(Date.parse(`${date}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

export async function liveSnapshot(db: Database, opts: { timeZone: string; asOf?: Date }): Promise<LiveSnapshot> {
  const asOf = opts.asOf ?? new Date();
  const at = asOf.getTime() / 1000;
  const today = localNow(opts.timeZone, asOf).date;
  const spansRead = db.query<SpanRow>('rep-state-spans', { from: dayBefore(today), to: today, tz: opts.timeZone });
  const [spans, waiting, metrics, known, people, labels, [until], alerts, outlook, judgeAdherence] = await Promise.all([
    spansRead,
    db.query<{ queue: string; waiting: number; longest_wait_s: number }>('live-waiting', { as_of: asOf.toISOString(), max_wait_s: MAX_LIVE_WAIT_S }),
    computeMetrics(db, { from: today, to: today, by: 'total', group: 'queue', timeZone: opts.timeZone }),
    knownQueues(db),
    listReps(db),
    queueLabels(db),
    db.query<{ ts: string | null }>('live-data-until'),
    firingAlerts(db, { timeZone: opts.timeZone, asOf, maxWaitS: MAX_LIVE_WAIT_S, spans: spansRead }),
    outlookNow(db, { timeZone: opts.timeZone, asOf }),
    liveAdherence(db, { timeZone: opts.timeZone, asOf })
  ]);

  const byRep = new Map<string, SpanRow[]>();
  for (const s of spans) byRep.set(s.rep_id, [...(byRep.get(s.rep_id) ?? []), s]);
  const named = new Map(people.map((p) => [p.id, p]));
  const reps: LiveRep[] = [...byRep].map(([id, list]) => {
    const now = repStateAt(list, at);
    const p = named.get(id);
    return {
      id,
      name: p?.name ?? list[0].interface,
      interface: p?.interface ?? list[0].interface,
      state: now.state,
      reason: now.reason,
      since: now.since_s === null ? null : new Date(now.since_s * 1000).toISOString(),
      queues: now.queues
    };
  });
  // Reps logged in or on a call first, then by name.
  reps.sort((a, b) => Number(a.state === 'logged_out') - Number(b.state === 'logged_out') || a.name.localeCompare(b.name));

  const names = new Set([...known, ...waiting.map((w) => w.queue), ...reps.flatMap((r) => r.queues)]);
  const queues: LiveQueue[] = [...names].sort().map((queue) => {
    const w = waiting.find((x) => x.queue === queue);
    const m = metrics.rows.find((r) => r.queue === queue);
    const members = reps.filter((r) => r.queues.includes(queue));
    return {
      queue,
      waiting: w?.waiting ?? 0,
      longest_wait_s: w ? w.longest_wait_s : null,
      available: members.filter((r) => r.state === 'available').length,
      on_call: members.filter((r) => r.state === 'on_call').length,
      paused: members.filter((r) => r.state === 'paused').length,
      offered_today: m?.offered ?? 0,
      answered_today: m?.answered ?? 0,
      lost_today: m?.lost ?? 0,
      service_level_today: m?.service_level ?? null,
      label: labels.find((l) => l.queue === queue)?.label ?? queue
    };
  });
  const adherence = judgeAdherence(new Map(reps.map((r) => [r.id, { state: r.state, reason: r.reason, since_s: r.since === null ? null : Date.parse(r.since) / 1000 }])));
  return { as_of: asOf.toISOString(), queues, reps, alerts, adherence, data_until: until?.ts ?? null, outlook };
}
