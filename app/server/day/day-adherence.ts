/**
 * Each scheduled rep's adherence on one day against the published schedule (analytics/staffing/
 * adherence.ts, the same figure as the Coverage page's past day): for today, so far (the scheduled
 * time up to now). The live floor reads today's through the same function. GET /api/day/adherence
 * and the /day page.
 */
import type { Database } from '../../../sql/db.ts';
import { checkDate } from '../../../analytics/metrics/metric-query.ts';
import { adherenceOf, type Adherence } from '../../../analytics/staffing/adherence.ts';
import type { PlacedBreak, Shift } from '../../../analytics/roster/schedule-model.ts';
import { localNow } from '../../lib/shell/dates.ts';
import { listReps } from '../rep-directory.ts';

export interface DayAdherence {
  date: string;
  /** A published week covers the date (else nobody is held to a schedule that day). */
  published: boolean;
  /** Today: the local time (HH:MM) the figures run to; null for a day that has ended or not begun. */
  until: string | null;
  is_future: boolean;
  /** Every rep with a published shift that day, lowest adherence first (a shift not begun: null). */
  reps: Adherence[];
}

/** The published shifts of one local date. */
export async function publishedShifts(db: Database, date: string): Promise<{ published: boolean; shifts: Shift[] }> {
  const [[cover], rows] = await Promise.all([
    db.query<{ published: boolean }>('adherence-published', { date }),
    db.query<Omit<Shift, 'breaks'> & { breaks: string }>('adherence-shifts', { from: date, to: date })
  ]);
  return { published: !!cover?.published, shifts: rows.map((r) => ({ ...r, breaks: JSON.parse(r.breaks) as PlacedBreak[] })) };
}

/** The local minute of the day of an instant (with its seconds), from its HH:MM in the zone. */
export function localMinute(timeZone: string, at: Date): { date: string; minute: number } {
  const now = localNow(timeZone, at);
  return { date: now.date, minute: Number(now.time.slice(0, 2)) * 60 + Number(now.time.slice(3, 5)) + (at.getUTCSeconds() + at.getUTCMilliseconds() / 1000) / 60 };
}

export async function dayAdherence(db: Database, opts: { date?: string | null; timeZone: string; now?: Date }): Promise<DayAdherence> {
  const { shifts: _shifts, ...answer } = await adherenceDay(db, opts);
  return answer;
}

/** The day's answer and the published shifts it was judged on (the live floor judges "now" on them too). */
export async function adherenceDay(db: Database, opts: { date?: string | null; timeZone: string; now?: Date }): Promise<DayAdherence & { shifts: Shift[] }> {
  const at = opts.now ?? new Date();
  const now = localMinute(opts.timeZone, at);
  const date = opts.date ? checkDate('date', opts.date) : now.date;
  if (date > now.date) return { date, published: false, until: null, is_future: true, reps: [], shifts: [] };
  const [{ published, shifts }, slices, people] = await Promise.all([
    publishedShifts(db, date),
    db.query<{ rep_id: string; date: string; minute: number; available_s: number }>('coverage-rep-slices', { from: date, to: date, tz: opts.timeZone }),
    listReps(db)
  ]);
  const available = new Map(slices.map((s) => [`${s.rep_id}|${s.date}|${s.minute}`, s.available_s]));
  const names = new Map(people.map((p) => [p.id, p.name]));
  const isToday = date === now.date;
  return {
    date,
    published,
    until: isToday ? localNow(opts.timeZone, at).time : null,
    is_future: false,
    reps: adherenceOf(shifts, available, names, isToday ? now : undefined),
    shifts
  };
}
