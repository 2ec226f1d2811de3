/**
 * What the wallboard shows for a snapshot, as pure functions: waits moved on with the clock between
 * snapshots, each queue's level (ok / watch / act) with the words that say why, and whether the
 * feed is stale. Thresholds are fixed until per-queue alerts exist (issue 14, item 4): a wait past
 * 1 minute is worth watching, past 2 minutes (the longest most public-service lines promise) or
 * callers waiting with nobody available calls for action; service level under 80 % is worth watching.
 */
import type { LiveQueue, LiveSnapshot } from '../../server/live/live-snapshot.ts';
import { formatHours } from '../shell/format.ts';

export type Level = 'ok' | 'watch' | 'act';

export const WAIT_WATCH_S = 60;
export const WAIT_ACT_S = 120;
export const SL_TARGET = 0.8;
/** No snapshot for this long (the server re-sends one every 15 s): the feed has stopped. */
export const FEED_STALE_MS = 45_000;
/** The PBX log has not grown for this long: worth saying on the board. */
export const LOG_QUIET_MS = 10 * 60_000;

/** The longest wait now: the snapshot's, moved on by the time since it was taken. */
export function waitNow(q: LiveQueue, asOf: string, nowMs: number): number | null {
  if (q.longest_wait_s === null || q.waiting === 0) return null;
  return q.longest_wait_s + Math.max(0, (nowMs - Date.parse(asOf)) / 1000);
}

export function queueLevel(q: LiveQueue, waitS: number | null): { level: Level; reasons: string[] } {
  const act: string[] = [];
  const watch: string[] = [];
  if (q.waiting > 0 && q.available === 0) act.push('callers waiting, nobody available');
  if (waitS !== null && waitS >= WAIT_ACT_S) act.push(`a caller has waited over ${WAIT_ACT_S / 60} min`);
  else if (waitS !== null && waitS >= WAIT_WATCH_S) watch.push(`a caller has waited over ${WAIT_WATCH_S / 60} min`);
  if (q.service_level_today !== null && q.service_level_today < SL_TARGET) watch.push(`service level under ${SL_TARGET * 100} %`);
  if (act.length) return { level: 'act', reasons: [...act, ...watch] };
  if (watch.length) return { level: 'watch', reasons: watch };
  return { level: 'ok', reasons: [] };
}

export const LEVEL_WORD: Record<Level, string> = { ok: 'OK', watch: 'Watch', act: 'Act now' };

/** "0:42", "12:05", "1:02:10". */
export function clock(s: number | null): string {
  if (s === null) return '–';
  const t = Math.max(0, Math.floor(s));
  const h = Math.floor(t / 3600);
  const m = Math.floor((t % 3600) / 60);
  const sec = String(t % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

/** How long the log has been quiet, in words that read at a glance: "42:10", "27 h 5 min", "11 days". */
export function quietFor(s: number): string {
  if (s < 3600) return clock(s);
  if (s < 2 * 86_400) return formatHours(s);
  return `${Math.floor(s / 86_400)} days`;
}

export type FeedState = { kind: 'live' } | { kind: 'stale'; text: string } | { kind: 'quiet'; text: string };

/** Live, stale (no snapshot lately, or the connection is down) or quiet (the log stopped growing). */
export function feedState(snapshot: LiveSnapshot, receivedMs: number, connected: boolean, nowMs: number): FeedState {
  const since = nowMs - receivedMs;
  if (!connected || since > FEED_STALE_MS) {
    return { kind: 'stale', text: `Not updating: last update ${clock(since / 1000)} ago${connected ? '' : ', reconnecting'}. Figures below may be out of date.` };
  }
  if (snapshot.data_until) {
    const quiet = nowMs - Date.parse(snapshot.data_until);
    if (quiet > LOG_QUIET_MS) return { kind: 'quiet', text: `No new calls or events for ${quietFor(quiet / 1000)}: the PBX log has not grown (closed, or the feed from the PBX stopped).` };
  }
  return { kind: 'live', text: '' } as FeedState;
}

export const STATE_WORD: Record<string, string> = {
  available: 'Available',
  ringing: 'Ringing',
  on_call: 'On a call',
  wrap_up: 'Wrap-up',
  paused: 'Paused',
  logged_out: 'Logged out'
};
