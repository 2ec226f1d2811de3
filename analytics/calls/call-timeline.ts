/**
 * A call's timeline from its raw queue_log events (sql/call-events.sql): what happened, when, to whom,
 * in words a lead reads. The data fields sit at Asterisk's queue_log positions, whatever the export's
 * shape (ingest/asterisk-queue-log.ts): e.g. CONNECT|holdtime|bridged id|ringtime.
 */

export interface CallEvent {
  ts: string;
  local_time: string;
  event: string;
  queue: string | null;
  queue_label?: string | null;
  agent: string | null;
  rep: string | null;
  rep_id: string | null;
  data1: string | null;
  data2: string | null;
  data3: string | null;
  data4: string | null;
  data5: string | null;
}

export type StepKind = 'enter' | 'ring' | 'connect' | 'end' | 'transfer' | 'lost' | 'info';

export interface TimelineStep {
  ts: string;
  local_time: string;
  /** Seconds since the first event of the call. */
  offset_s: number;
  event: string;
  kind: StepKind;
  queue: string | null;
  rep: string | null;
  rep_id: string | null;
  title: string;
  detail: string;
}

const num = (v: string | null): number | null => {
  if (v === null || v.trim() === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
};

/** "42 s", "3 min 05 s", "1 h 02 min". */
export function formatDuration(s: number | null | undefined): string {
  if (s === null || s === undefined || !Number.isFinite(s)) return '–';
  const t = Math.round(s);
  if (t < 60) return `${t} s`;
  if (t < 3600) return `${Math.floor(t / 60)} min ${String(t % 60).padStart(2, '0')} s`;
  return `${Math.floor(t / 3600)} h ${String(Math.floor((t % 3600) / 60)).padStart(2, '0')} min`;
}

const secs = (label: string, v: string | null) => {
  const n = num(v);
  return n === null ? null : `${label} ${formatDuration(n)}`;
};
const join = (...parts: (string | null)[]) => parts.filter((p): p is string => !!p).join(', ');

function describe(e: CallEvent): { kind: StepKind; title: string; detail: string } {
  const who = e.rep ?? e.agent ?? 'a rep';
  const q = e.queue_label ?? e.queue ?? '';
  switch (e.event) {
    case 'ENTERQUEUE':
      return { kind: 'enter', title: `Entered ${q}`, detail: join(e.data2 ? `caller ${e.data2}` : null, e.data3 ? `position ${e.data3}` : null) };
    case 'RINGNOANSWER': {
      const ms = num(e.data1);
      return { kind: 'ring', title: `Rang ${who}, no answer`, detail: ms === null ? '' : `rang ${formatDuration(ms / 1000)}` };
    }
    case 'RINGCANCELED': {
      const ms = num(e.data1);
      return { kind: 'ring', title: `Ringing ${who} stopped`, detail: ms === null ? '' : `rang ${formatDuration(ms / 1000)}` };
    }
    case 'CONNECT':
      return { kind: 'connect', title: `Answered by ${who}`, detail: join(secs('waited', e.data1), secs('rang', e.data3)) };
    case 'COMPLETECALLER':
      return { kind: 'end', title: 'Caller hung up', detail: join(secs('talked', e.data2)) };
    case 'COMPLETEAGENT':
      return { kind: 'end', title: `${who} hung up`, detail: join(secs('talked', e.data2)) };
    case 'TRANSFER':
    case 'BLINDTRANSFER':
      return {
        kind: 'transfer',
        title: `${e.event === 'BLINDTRANSFER' ? 'Blind-transferred' : 'Transferred'} by ${who}${e.data1 ? ` to ${e.data1}` : ''}`,
        detail: join(secs('talked', e.data4))
      };
    case 'ATTENDEDTRANSFER':
      return { kind: 'transfer', title: `Attended transfer by ${who}`, detail: join(secs('talked', e.data4)) };
    case 'ABANDON':
      return { kind: 'lost', title: 'Caller hung up waiting', detail: join(secs('waited', e.data3), e.data1 ? `at position ${e.data1}` : null) };
    case 'EXITWITHTIMEOUT':
      return { kind: 'lost', title: 'Timed out of the queue', detail: join(secs('waited', e.data3)) };
    case 'EXITEMPTY':
      return { kind: 'lost', title: 'Left: nobody logged in', detail: join(secs('waited', e.data3)) };
    case 'EXITWITHKEY':
      return { kind: 'lost', title: `Left the queue with key ${e.data1 ?? '?'}`, detail: join(secs('waited', e.data4)) };
    case 'JOINEMPTY':
    case 'JOINUNAVAIL':
      return { kind: 'lost', title: `Turned away from ${q}: nobody available`, detail: 'never entered the queue' };
    case 'FULL':
      return { kind: 'lost', title: `Turned away from ${q}: queue full`, detail: 'never entered the queue' };
    case 'DID':
      return { kind: 'info', title: e.data1 ? `Dialled ${e.data1}` : 'Arrived from inside the PBX (no number dialled)', detail: '' };
    default:
      return { kind: 'info', title: e.event, detail: join(e.data1, e.data2, e.data3) };
  }
}

export function buildTimeline(events: CallEvent[]): TimelineStep[] {
  if (events.length === 0) return [];
  const t0 = Date.parse(events[0].ts);
  return events.map((e) => ({
    ts: e.ts,
    local_time: e.local_time,
    offset_s: (Date.parse(e.ts) - t0) / 1000,
    event: e.event,
    queue: e.queue,
    rep: e.rep ?? e.agent,
    rep_id: e.rep_id,
    ...describe(e)
  }));
}
