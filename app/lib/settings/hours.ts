/**
 * Opening hours as people write them ("07:00-12:00, 13:00-19:00" for one weekday) and as the
 * settings API stores them (weekday 1..7, minutes from local midnight, close exclusive, up to 1440).
 */
export interface Span {
  weekday: number;
  open_minute: number;
  close_minute: number;
}

export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

const TIME = /^(\d{1,2}):(\d{2})$/;

function minutes(text: string, what: string): number {
  const m = TIME.exec(text.trim());
  const value = m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
  if (!m || Number(m[2]) > 59 || value > 1440) throw new Error(`${what}: "${text.trim()}" is not a time like 07:30`);
  return value;
}

export function formatMinute(m: number): string {
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** One weekday's text into spans; empty text means closed. Throws a message naming the problem. */
export function parseDay(weekday: number, text: string): Span[] {
  const day = WEEKDAYS[weekday - 1];
  const spans = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((part) => {
      const [from, to, ...rest] = part.split(/\s*[-–]\s*/);
      if (to === undefined || rest.length) throw new Error(`${day}: write "${part}" as from-to, e.g. 07:00-19:00`);
      const span = { weekday, open_minute: minutes(from, day), close_minute: minutes(to, day) };
      if (span.open_minute >= 1440) throw new Error(`${day}: opening at ${from} is past the end of the day`);
      if (span.close_minute <= span.open_minute) throw new Error(`${day}: ${part} closes before it opens`);
      return span;
    })
    .sort((a, b) => a.open_minute - b.open_minute);
  for (let i = 1; i < spans.length; i++) {
    if (spans[i].open_minute < spans[i - 1].close_minute) throw new Error(`${day}: the spans overlap`);
  }
  return spans;
}

/** One weekday's spans as text ("" when closed). */
export function formatDay(spans: readonly Span[], weekday: number): string {
  return spans
    .filter((s) => s.weekday === weekday)
    .sort((a, b) => a.open_minute - b.open_minute)
    .map((s) => `${formatMinute(s.open_minute)}-${formatMinute(s.close_minute)}`)
    .join(', ');
}
