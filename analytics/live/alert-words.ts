/**
 * Alerts in plain words, as the wallboard and the day's alert log print them (pure):
 *   firing  "Longest wait over 2 min since 10:42"
 *   log     "10:42–10:58 longest wait over 2 min, peak 3 min 10 s"
 * Times are the center's local clock (24 h), worked out per instant in its zone, so a day with a
 * daylight-saving change reads right on both sides of it.
 */
import type { AlertKind } from './alert-rules.ts';
import type { AlertEpisode } from './alert-sweep.ts';

/** A length of time in words: 45 → "45 s", 120 → "2 min", 190 → "3 min 10 s", 3720 → "1 h 2 min". */
export function lengthWords(seconds: number): string {
  const t = Math.max(0, Math.round(seconds));
  const h = Math.floor(t / 3600);
  const m = Math.floor((t % 3600) / 60);
  const s = t % 60;
  if (h) return m ? `${h} h ${m} min` : `${h} h`;
  if (m) return s ? `${m} min ${s} s` : `${m} min`;
  return `${s} s`;
}

const percent = (f: number) => `${Math.round(f * 1000) / 10} %`;

/** What the rule watches, with its threshold: "longest wait over 2 min". */
export function ruleWords(kind: AlertKind, threshold: number): string {
  switch (kind) {
    case 'longest_wait':
      return `longest wait over ${lengthWords(threshold)}`;
    case 'waiting':
      return `over ${threshold} ${threshold === 1 ? 'caller' : 'callers'} waiting`;
    case 'nobody_available':
      return threshold > 0 ? `callers waiting, nobody available for over ${lengthWords(threshold)}` : 'callers waiting, nobody available';
    case 'service_level':
      return `service level today under ${percent(threshold)}`;
  }
}

/** The worst value reached: "peak 3 min 10 s", "peak 8 waiting", "lowest 72.5 %". */
export function peakWords(kind: AlertKind, peak: number): string {
  if (kind === 'longest_wait') return `peak ${lengthWords(peak)}`;
  if (kind === 'service_level') return `lowest ${percent(peak)}`;
  return `peak ${peak} waiting`;
}

/** HH:MM on the center's clock. */
export function localClock(epochS: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(epochS * 1000);
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A firing alert: "Longest wait over 2 min since 10:42". */
export function firingWords(e: AlertEpisode, timeZone: string): string {
  return `${capital(ruleWords(e.kind, e.threshold))} since ${localClock(e.from_s, timeZone)}`;
}

/** One line of the day's log: "10:42–10:58 longest wait over 2 min, peak 3 min 10 s" (to "now" while firing). */
export function logWords(e: AlertEpisode, timeZone: string): string {
  const to = e.to_s === null ? 'now' : localClock(e.to_s, timeZone);
  return `${localClock(e.from_s, timeZone)}–${to} ${ruleWords(e.kind, e.threshold)}, ${peakWords(e.kind, e.peak)}`;
}
