/**
 * The lost callers of a day for the lead: each lost call with its follow-up state from the data
 * (analytics/follow-up.ts: the caller got through, was called back, or is still lost) and whether
 * the lead has marked it handled by hand, with the note (migration 004, audit-logged).
 */
import type { Database } from '../../../sql/db.ts';
import { NotFoundError } from '../../../sql/errors.ts';
import { lostCallFollowUp, type FollowUpSummary, type LostCall } from '../../../analytics/callers/follow-up.ts';
import { checkDate } from '../../../analytics/metrics/metric-query.ts';
import { cleanText, recordRedactions } from '../privacy/card-redactions.ts';
import { audit, type Actor } from '../audit.ts';

import type { FollowUpState } from '../../lib/day/follow-up-labels.ts';

/** recovered: got through on a later call; called_back: a call-back was answered; no_number: cannot be followed up. */
export type { FollowUpState };

export interface Handling {
  note: string;
  handled_by: string;
  /** UTC ISO time. */
  handled_at: string;
}

export interface LostCaller {
  /** The visit's id on the Calls page (its timeline and the caller's history). */
  call_id: string;
  callid: string;
  queue: string;
  /** Local entry time, HH:MM:SS. */
  time: string;
  caller: string | null;
  outcome: LostCall['outcome'];
  wait_s: number | null;
  state: FollowUpState;
  recovery_s: number | null;
  callback_attempts: number;
  /** Still lost, but the follow-up window is not over yet. */
  window_open: boolean;
  handling: Handling | null;
}

export interface LostCallersAnswer {
  date: string;
  summary: FollowUpSummary & { still_lost: number; handled: number; needs_follow_up: number };
  follow_up_window_s: number;
  callers: LostCaller[];
}

export function followUpState(c: Pick<LostCall, 'number_key' | 'recovered_by'>): FollowUpState {
  if (c.number_key === null) return 'no_number';
  return c.recovered_by === 'got_through' ? 'recovered' : c.recovered_by === 'called_back' ? 'called_back' : 'still_lost';
}

/** Still lost and not marked handled: whom the lead has yet to call back (the summary's needs_follow_up, the page's filter). */
export const needsCallBack = (c: Pick<LostCaller, 'state' | 'handling'>): boolean => c.state === 'still_lost' && !c.handling;

const key = (callid: string, queue: string) => `${queue}\u0000${callid}`;

export async function lostCallers(db: Database, opts: { date: string; timeZone: string }): Promise<LostCallersAnswer> {
  const date = checkDate('date', opts.date);
  const [followUp, handled] = await Promise.all([
    lostCallFollowUp(db, { from: date, to: date, timeZone: opts.timeZone }),
    db.query<Handling & { callid: string; queue: string }>('lost-call-handling', { date, tz: opts.timeZone })
  ]);
  const byKey = new Map(handled.map((h) => [key(h.callid, h.queue), h]));
  const callers = followUp.lost_calls.map((c): LostCaller => {
    const h = byKey.get(key(c.callid, c.queue));
    return {
      call_id: c.call_id,
      callid: c.callid,
      queue: c.queue,
      time: c.entered.slice(11, 19),
      caller: c.caller,
      outcome: c.outcome,
      wait_s: c.wait_s,
      state: followUpState(c),
      recovery_s: c.recovery_s,
      callback_attempts: c.callback_attempts,
      window_open: c.window_open,
      handling: h ? { note: h.note, handled_by: h.handled_by, handled_at: h.handled_at } : null
    };
  });
  const stillLost = callers.filter((c) => c.state === 'still_lost');
  return {
    date,
    summary: {
      ...followUp.summary,
      still_lost: stillLost.length,
      handled: callers.filter((c) => c.handling).length,
      needs_follow_up: callers.filter(needsCallBack).length
    },
    follow_up_window_s: followUp.settings.follow_up_window_s,
    callers
  };
}

export interface HandlingRecord extends Handling {
  callid: string;
  queue: string;
}

async function findLostVisit(db: Database, callid: string, queue: string): Promise<void> {
  const [visit] = await db.query('lost-call-visit', { callid, queue });
  if (!visit) throw new NotFoundError(`No lost call ${callid} in queue ${queue}`);
}

/** Marks a lost caller handled with a note (or changes the note), audit-logged in the same transaction. */
export async function markHandled(db: Database, user: Actor, input: { callid: string; queue: string; note: string }): Promise<HandlingRecord> {
  await findLostVisit(db, input.callid, input.queue);
  const clean = cleanText(input.note); // card numbers never kept (app/server/privacy/card-redactions.ts)
  input = { ...input, note: clean.text };
  return db.transaction(async (conn) => {
    const [before] = await db.query<HandlingRecord>('lost-call-handling-one', input, conn);
    await db.run(
      `INSERT INTO lost_call_handling (callid, queue, note, handled_by_id, handled_by, handled_at)
       VALUES ($callid, $queue, $note, $user_id, $username, now())
       ON CONFLICT (callid, queue) DO UPDATE SET note = excluded.note, handled_by_id = excluded.handled_by_id,
         handled_by = excluded.handled_by, handled_at = excluded.handled_at`,
      { ...input, user_id: user.id, username: user.username },
      conn
    );
    await recordRedactions(db, conn, user, { entity: 'lost_call', entityId: `${input.queue}/${input.callid}`, field: 'note' }, clean.redacted);
    const [after] = await db.query<HandlingRecord>('lost-call-handling-one', input, conn);
    await audit(db, conn, { user, action: before ? 'update' : 'create', entity: 'lost_call', entityId: `${input.queue}/${input.callid}`, before: before ?? null, after });
    return after;
  });
}

/** Takes the mark off again (the audit log keeps what it said). */
export async function reopen(db: Database, user: Actor, input: { callid: string; queue: string }): Promise<void> {
  await db.transaction(async (conn) => {
    const [before] = await db.query<HandlingRecord>('lost-call-handling-one', input, conn);
    if (!before) throw new NotFoundError(`Lost call ${input.callid} in queue ${input.queue} is not marked handled`);
    await db.run('DELETE FROM lost_call_handling WHERE callid = $callid AND queue = $queue', input, conn);
    await audit(db, conn, { user, action: 'delete', entity: 'lost_call', entityId: `${input.queue}/${input.callid}`, before, after: null });
  });
}
