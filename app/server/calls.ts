/**
 * Finding calls and reading one: the search behind /calls (sql/call-search.sql), a call's timeline
 * from its queue_log events across every queue it visited (sql/call-events.sql), and a caller's
 * history (every call from or back to the same number). A call's id is '<file_id>-<line_no>'.
 */
import { numbersPurgedBefore, purgedBefore } from '../../analytics/retention/purged.ts';
import { listValue } from '../../sql/duckdb-api.ts';
import type { Database } from '../../sql/db.ts';
import { InputError, NotFoundError } from '../../sql/errors.ts';
import { DEFAULT_SHORT_ABANDON_S } from '../../analytics/metrics/metric-query.ts';
import { buildTimeline, type CallEvent, type TimelineStep } from '../../analytics/calls/call-timeline.ts';
import { transferChain } from '../lib/calls/transfer-chain.ts';
import { getExclusion, type Exclusion } from '../../analytics/metrics/call-exclusions.ts';

export const CALL_OUTCOMES = ['answered', 'abandoned', 'timed_out', 'blocked', 'lost', 'short_abandoned', 'transferred', 'open'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];
export const CALL_ID_PATTERN = /^([1-9]\d{0,8})-([1-9]\d{0,14})$/;
export const MAX_PAGE = 500;

export interface CallRow {
  id: string;
  file_id: number;
  line_no: number;
  source: string;
  callid: string;
  queue: string;
  queue_label: string | null;
  direction: 'inbound' | 'outbound';
  caller: string | null;
  number_key: string | null;
  did: string | null;
  /** Local date-time of entering the queue (the center's zone). */
  entered: string;
  enter_ts: string;
  connect_ts: string | null;
  end_ts: string | null;
  outcome: 'answered' | 'abandoned' | 'timed_out' | 'blocked' | null;
  end_event: string | null;
  agent: string | null;
  rep_id: string | null;
  rep: string | null;
  wait_s: number | null;
  talk_s: number | null;
  wrap_s: number | null;
  /** Every rep's ring-no-answers on the call. */
  ring_no_answer: number;
  /** With the `rang_at` filter: that rep's ring-no-answers on the call; else null. */
  rang_here: number | null;
  transferred: boolean;
  lost: boolean;
  evaluations: number;
  /** Taken out of every figure by an admin (callDetail says why). */
  excluded?: boolean;
}

export interface CallSearch {
  /** Local date (YYYY-MM-DD, from the start of the day) or date-time (YYYY-MM-DDTHH:MM[:SS]). */
  from?: string | null;
  /** Local date (to the end of that day, inclusive) or date-time (exclusive). */
  to?: string | null;
  caller?: string | null;
  queue?: string | null;
  /** The rep who answered. */
  rep?: string | null;
  /** A rep the call rang at without an answer, and who did not answer it. */
  rang_at?: string | null;
  outcome?: CallOutcome | null;
  direction?: 'inbound' | 'outbound' | null;
  limit?: number;
  offset?: number;
}

export interface CallPage {
  calls: CallRow[];
  total: number;
  limit: number;
  offset: number;
  /**
   * Records retention: set when the search reaches before the calls' purge (its local date): calls
   * before it are gone but those a legal hold kept. `numbers_purged_before`: likewise for a search by
   * caller number, which finds no call before it.
   */
  purged_before?: string;
  numbers_purged_before?: string;
}

export function parseCallId(id: string): { fileId: number; lineNo: number } {
  const m = CALL_ID_PATTERN.exec(id);
  if (!m) throw new InputError(`"${id}" is not a call id (file-line, e.g. 3-1520)`);
  return { fileId: Number(m[1]), lineNo: Number(m[2]) };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;

function validDate(d: string): boolean {
  const t = new Date(`${d}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d;
}

/** A local bound as 'YYYY-MM-DD HH:MM:SS'; a plain date as `to` means the end of that day. */
export function localBound(name: 'from' | 'to', value: string | null | undefined): string | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  const v = value.trim();
  if (DATE.test(v) && validDate(v)) {
    if (name === 'from') return `${v} 00:00:00`;
    const next = new Date(Date.parse(`${v}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    return `${next} 00:00:00`;
  }
  const m = DATE_TIME.exec(v);
  if (m && validDate(m[1]) && Number(m[2]) < 24 && Number(m[3]) < 60 && Number(m[4] ?? 0) < 60) {
    return `${m[1]} ${m[2]}:${m[3]}:${m[4] ?? '00'}`;
  }
  throw new InputError(`${name} "${value}" is not a local date (YYYY-MM-DD) or date-time (YYYY-MM-DDTHH:MM)`);
}

/**
 * The digits to look for in callers' numbers, from a number typed any way (+1 (312) 555-0120); at
 * least two. A full number is matched on its last 10 digits, as everywhere else (follow-up), so
 * +1 312 555 0120 finds 3125550120 too.
 */
export function callerDigits(value: string | null | undefined): string | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  const digits = value.replace(/\D/g, '');
  if (digits.length < 2) throw new InputError(`caller "${value}": type at least two digits of the number`);
  return digits.length > 10 ? digits.slice(-10) : digits;
}

/** The parameters of sql/call-search.sql (NULL = any). */
interface Filter {
  from_local: string | null;
  to_local: string | null;
  caller_digits: string | null;
  number_key: string | null;
  queue: string | null;
  rep: string | null;
  rang_at: string | null;
  direction: string | null;
  outcome: string | null;
  callid: string | null;
  file_id: number | null;
  line_no: number | null;
  excluded: boolean;
  limit: number;
  offset: number;
}

const NO_FILTER: Filter = {
  from_local: null,
  to_local: null,
  caller_digits: null,
  number_key: null,
  queue: null,
  rep: null,
  rang_at: null,
  direction: null,
  outcome: null,
  callid: null,
  file_id: null,
  line_no: null,
  excluded: false,
  limit: 50,
  offset: 0
};

async function findCalls(db: Database, timeZone: string, filter: Partial<Filter>): Promise<CallRow[]> {
  return db.query<CallRow>('call-search', { ...NO_FILTER, ...filter, tz: timeZone, default_short_abandon_s: DEFAULT_SHORT_ABANDON_S });
}

export async function searchCalls(db: Database, timeZone: string, s: CallSearch): Promise<CallPage> {
  const limit = s.limit ?? 50;
  const offset = s.offset ?? 0;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) throw new InputError(`limit: 1 to ${MAX_PAGE}`);
  if (!Number.isInteger(offset) || offset < 0) throw new InputError('offset: 0 or more');
  const from = localBound('from', s.from);
  const to = localBound('to', s.to);
  if (from && to && from >= to) throw new InputError(`from ${s.from} is not before to ${s.to}`);
  const rows = await findCalls(db, timeZone, {
    from_local: from,
    to_local: to,
    caller_digits: callerDigits(s.caller),
    queue: s.queue || null,
    rep: s.rep || null,
    rang_at: s.rang_at || null,
    outcome: s.outcome ?? null,
    direction: s.direction ?? null,
    limit,
    offset
  });
  const total = rows.length ? (rows[0] as CallRow & { total: number }).total : 0;
  const purged = await purgedBefore(db);
  const reaches = (date: string | undefined) => date !== undefined && (!s.from || s.from.slice(0, 10) < date);
  const numbers = numbersPurgedBefore(purged) ?? undefined;
  return {
    calls: rows.map(strip),
    total,
    limit,
    offset,
    ...(reaches(purged.calls) ? { purged_before: purged.calls } : {}),
    ...(s.caller && reaches(numbers) ? { numbers_purged_before: numbers } : {})
  };
}

function strip(row: CallRow): CallRow {
  const { total: _, ...rest } = row as CallRow & { total?: number };
  return rest as CallRow;
}

/** A call by id; one an admin took out of the figures is found too, with `excluded` set. */
export async function getCall(db: Database, timeZone: string, id: string): Promise<CallRow> {
  const { fileId, lineNo } = parseCallId(id);
  const [row] = await findCalls(db, timeZone, { file_id: fileId, line_no: lineNo, limit: 1 });
  if (row) return strip(row);
  const [excluded] = await findCalls(db, timeZone, { file_id: fileId, line_no: lineNo, limit: 1, excluded: true });
  if (!excluded) throw new NotFoundError(`No call ${id}`);
  return { ...strip(excluded), excluded: true };
}

export interface CallDetail {
  call: CallRow;
  /** Every queue visit of the conversation (same call id, or a transfer leg: lib/calls/transfer-chain.ts), oldest first. */
  visits: CallRow[];
  timeline: TimelineStep[];
  /** Why and by whom the call was taken out of every figure; null while it counts. */
  exclusion: Exclusion | null;
}

const HOUR = 3_600_000;

/** Steps from the call rows alone, for sources without queue_log events (CDR, mapped CSV). */
function stepsFromRows(visits: CallRow[], timeZone: string): TimelineStep[] {
  const local = (iso: string) =>
    new Date(iso).toLocaleString('sv-SE', { timeZone, hour12: false }).replace(' ', 'T');
  const events: CallEvent[] = [];
  for (const v of visits) {
    const base = { queue: v.queue, queue_label: v.queue_label, data1: null, data2: null, data3: null, data4: null, data5: null };
    events.push({ ...base, ts: v.enter_ts, local_time: v.entered, event: 'ENTERQUEUE', agent: null, rep: null, rep_id: null, data2: v.caller });
    if (v.connect_ts) {
      events.push({ ...base, ts: v.connect_ts, local_time: local(v.connect_ts), event: 'CONNECT', agent: v.agent, rep: v.rep, rep_id: v.rep_id, data1: v.wait_s === null ? null : String(v.wait_s) });
    }
    if (v.end_ts) {
      const event = v.outcome === 'answered' ? (v.transferred ? 'TRANSFER' : 'COMPLETECALLER') : v.outcome === 'abandoned' ? 'ABANDON' : 'EXITWITHTIMEOUT';
      events.push({ ...base, ts: v.end_ts, local_time: local(v.end_ts), event, agent: v.agent, rep: v.rep, rep_id: v.rep_id,
        data2: event === 'COMPLETECALLER' && v.talk_s !== null ? String(v.talk_s) : null,
        data3: event !== 'COMPLETECALLER' && v.wait_s !== null ? String(v.wait_s) : null,
        data4: event === 'TRANSFER' && v.talk_s !== null ? String(v.talk_s) : null });
    }
  }
  events.sort((a, b) => Date.parse(a.ts) - Date.parse(b.ts));
  return buildTimeline(events);
}

/** A local date-time moved by `days` (wall-clock arithmetic: a search window, not an exact instant). */
const shiftLocal = (local: string, days: number) =>
  new Date(Date.parse(`${local}Z`) + days * 86_400_000).toISOString().slice(0, 19).replace('T', ' ');

export async function callDetail(db: Database, timeZone: string, id: string): Promise<CallDetail> {
  const call = await getCall(db, timeZone, id);
  const exclusion = call.excluded ? ((await getExclusion(db, parseCallId(id))) ?? null) : null;
  const near = { from_local: shiftLocal(call.entered, -1), to_local: shiftLocal(call.entered, 1), limit: MAX_PAGE };
  const [sameId, sameNumber] = await Promise.all([
    findCalls(db, timeZone, { ...near, callid: call.callid }),
    call.number_key ? findCalls(db, timeZone, { ...near, number_key: call.number_key }) : Promise.resolve([])
  ]);
  const candidates = new Map([call, ...sameId, ...sameNumber].map((c) => [c.id, strip(c)]));
  const visits = transferChain(call, [...candidates.values()].filter((v) => v.source === call.source));
  if (call.source !== 'queue_log') return { call, visits, timeline: stepsFromRows(visits, timeZone), exclusion };
  const first = Math.min(...visits.map((v) => Date.parse(v.enter_ts)));
  const last = Math.max(...visits.map((v) => Date.parse(v.end_ts ?? v.connect_ts ?? v.enter_ts)));
  const events = await db.query<CallEvent>('call-events', {
    callids: listValue([...new Set(visits.map((v) => v.callid))]),
    from_ts: new Date(first - HOUR).toISOString(),
    to_ts: new Date(last + HOUR).toISOString(),
    tz: timeZone
  });
  return { call, visits, timeline: buildTimeline(events), exclusion };
}

/** Every call from (or, outbound, back to) the same number as call `id`, newest first. */
export async function callerHistory(db: Database, timeZone: string, id: string, limit = 200): Promise<{ number: string | null; calls: CallRow[] }> {
  const call = await getCall(db, timeZone, id);
  if (!call.number_key) return { number: null, calls: [call] };
  const calls = (await findCalls(db, timeZone, { number_key: call.number_key, limit })).map(strip);
  return { number: call.caller, calls };
}
