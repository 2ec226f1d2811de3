/**
 * A first planning set-up read from how the center actually worked (rep_states), for a scheduler who
 * starts from nothing: shift templates fitted to the opening hours, and per rep the contracted hours
 * (their median paid week), the most days they worked in a week, the weekdays they work (available
 * all opening hours on those days), the templates they work, their usual start per weekday (the
 * weekly pattern), and their primary queue (the one they answered most). Everything is a proposal
 * the scheduler edits afterwards; nothing here writes.
 */
import type { Database } from '../../sql/db.ts';
import { readOpeningHours } from './schedule.ts';
import { addDays, isoWeekday, mondayOf, paidMinutes, type BreakRule, type OpenSpan, type ShiftTemplate } from './schedule-model.ts';
import { callHistory, dataSpan } from '../forecast/history.ts';

/** A template to propose: the model's own, before it has an id. */
export type TemplateDraft = Omit<ShiftTemplate, 'id' | 'active'>;

export interface RepSetup {
  rep_id: string;
  name: string;
  contracted_minutes: number;
  tolerance_minutes: number;
  max_days: number;
  min_rest_minutes: number;
  primary_queue: string | null;
  template_names: string[];
  availability: Array<{ weekday: number; from_minute: number; to_minute: number }>;
  pattern: Array<{ weekday: number; template_name: string; start_minute: number }>;
}

export interface PlanningSetup {
  from: string;
  to: string;
  templates: TemplateDraft[];
  reps: RepSetup[];
}

const FULL = 510; // 8.5 h on site: 8 paid hours and an unpaid half-hour lunch
const PART = 300;
const SHORT = 240;
/** A day counts as worked from two hours logged in (stray log-ins are not shifts). */
const MIN_WORKED_S = 2 * 3600;

/**
 * Templates that fit the opening hours: a full day (8.5 h: two paid 15-minute breaks and an unpaid
 * 30-minute lunch) and a part day (5 h, one break) wherever they fit, and a short day (4 h, one
 * break) on days too short for a full one. Starts every 30 minutes.
 */
export function defaultTemplates(opening: Map<number, OpenSpan>): TemplateDraft[] {
  const spans = [...opening.entries()];
  const make = (name: string, length: number, days: number[], breaks: BreakRule[]): TemplateDraft | null => {
    if (days.length === 0) return null;
    const earliest = Math.min(...days.map((d) => opening.get(d)!.open));
    const latest = Math.max(...days.map((d) => opening.get(d)!.close - length));
    return { name, earliest_start: earliest, latest_start: Math.max(earliest, latest), start_step_minutes: 30, length_minutes: length, weekdays: days.sort(), breaks };
  };
  const fits = (length: number) => spans.filter(([, s]) => s.close - s.open >= length).map(([d]) => d);
  return [
    make('Full day 8.5 h', FULL, fits(FULL), [
      { kind: 'break', minutes: 15, paid: true, earliest_after: 60, latest_after: 150 },
      { kind: 'lunch', minutes: 30, paid: false, earliest_after: 180, latest_after: 300 },
      { kind: 'break', minutes: 15, paid: true, earliest_after: 330, latest_after: 420 }
    ]),
    make('Part day 5 h', PART, fits(PART), [{ kind: 'break', minutes: 15, paid: true, earliest_after: 105, latest_after: 180 }]),
    make('Short day 4 h', SHORT, spans.filter(([, s]) => s.close - s.open >= SHORT && s.close - s.open < FULL).map(([d]) => d), [
      { kind: 'break', minutes: 15, paid: true, earliest_after: 90, latest_after: 150 }
    ])
  ].filter((t): t is TemplateDraft => t !== null);
}

interface WorkedDay {
  rep_id: string;
  date: string;
  first_minute: number;
  last_minute: number;
  logged_in_s: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? 0 : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Opening hours from the history when none are configured: per weekday, the usual first log-in to last log-out. */
function openingFromHistory(days: WorkedDay[]): Map<number, OpenSpan> {
  const byWeekday = new Map<number, { open: number[]; close: number[] }>();
  for (const d of days) {
    const w = byWeekday.get(isoWeekday(d.date)) ?? { open: [], close: [] };
    w.open.push(d.first_minute);
    w.close.push(d.last_minute);
    byWeekday.set(isoWeekday(d.date), w);
  }
  const out = new Map<number, OpenSpan>();
  for (const [weekday, w] of byWeekday) {
    out.set(weekday, { open: Math.round(Math.min(...w.open) / 30) * 30, close: Math.round(Math.max(...w.close) / 30) * 30 });
  }
  return out;
}

/**
 * The set-up read from the `weeks` full weeks before `before`, or before the newest day of data
 * when the data ends earlier (an archive loaded later, the demo).
 */
export async function setupFromHistory(db: Database, opts: { before: string; weeks?: number; timeZone: string }): Promise<PlanningSetup> {
  const weeks = opts.weeks ?? 8;
  const spans = await dataSpan(db, opts.timeZone);
  const dataLast = spans.reduce<string | null>((m, s) => (m === null || s.last_date > m ? s.last_date : m), null);
  const before = dataLast !== null && dataLast < opts.before ? dataLast : opts.before;
  const lastMonday = mondayOf(addDays(before, -7));
  const from = addDays(lastMonday, -7 * (weeks - 1));
  const to = addDays(lastMonday, 6);
  const params = { from, to, tz: opts.timeZone };
  const [worked, history, queues, names, configured] = await Promise.all([
    db.query<WorkedDay>('schedule-history-days', params),
    callHistory(db, { ...params, interval_minutes: 60 }),
    db.query<{ rep_id: string; queue: string; answered: number }>('schedule-history-queues', params),
    db.all<{ rep_id: string; name: string }>('SELECT rep_id, min(name) AS name FROM roster GROUP BY rep_id'),
    readOpeningHours(db)
  ]);
  const days = worked.filter((d) => d.logged_in_s >= MIN_WORKED_S);
  // Weeks that show a rep's usual week: inside the data, without a day the center was closed (a holiday).
  const byDate = new Map<string, number>();
  for (const h of history) byDate.set(h.date, (byDate.get(h.date) ?? 0) + h.offered);
  const openWeekdays = new Set([...byDate.keys()].map(isoWeekday));
  const firstData = [...byDate.keys()].sort()[0] ?? to;
  const usualWeek = (monday: string) =>
    monday >= firstData && Array.from({ length: 7 }, (_, i) => addDays(monday, i)).every((d) => !openWeekdays.has(isoWeekday(d)) || (byDate.get(d) ?? 0) > 0);
  const opening = configured.size > 0 ? configured : openingFromHistory(days);
  const templates = defaultTemplates(opening);
  const nameOf = new Map(names.map((n) => [n.rep_id, n.name]));
  const allMondays = Array.from({ length: weeks }, (_, i) => addDays(from, 7 * i));
  // Too little history for a holiday-free full week: take the weeks there are.
  const mondays = allMondays.some(usualWeek) ? allMondays.filter(usualWeek) : allMondays.filter((m) => addDays(m, 6) >= firstData);
  const inWeeks = new Set(mondays);

  const reps: RepSetup[] = [];
  for (const repId of [...new Set(days.map((d) => d.rep_id))].sort()) {
    const mine = days.filter((d) => d.rep_id === repId);
    // Each worked day as the nearest template that applies that weekday, starting on its grid.
    const shaped = mine.flatMap((d) => {
      const weekday = isoWeekday(d.date);
      const span = d.last_minute - d.first_minute;
      const fitting = templates.filter((t) => t.weekdays.includes(weekday)).sort((a, b) => Math.abs(a.length_minutes - span) - Math.abs(b.length_minutes - span));
      const t = fitting[0];
      if (!t) return [];
      const close = opening.get(weekday)?.close ?? 1440;
      const start = Math.min(t.latest_start, close - t.length_minutes, Math.max(t.earliest_start, Math.round(d.first_minute / t.start_step_minutes) * t.start_step_minutes));
      return [{ date: d.date, weekday, template: t, start, paid: paidMinutes({ start_minute: start, end_minute: start + t.length_minutes, breaks: t.breaks.map((b) => ({ ...b, start_minute: start })) }) }];
    });
    const perWeek = mondays.map((m) => shaped.filter((s) => s.date >= m && s.date <= addDays(m, 6)));
    const workedWeeks = perWeek.filter((w) => w.length > 0);
    if (workedWeeks.length === 0) continue;
    const contracted = Math.round(median(workedWeeks.map((w) => w.reduce((s, x) => s + x.paid, 0))) / 60) * 60;
    const pattern: RepSetup['pattern'] = [];
    const availability: RepSetup['availability'] = [];
    for (let weekday = 1; weekday <= 7; weekday++) {
      const on = shaped.filter((s) => s.weekday === weekday && inWeeks.has(mondayOf(s.date)));
      const span = opening.get(weekday);
      if (span && on.length >= workedWeeks.length / 4) availability.push({ weekday, from_minute: span.open, to_minute: span.close });
      if (on.length >= workedWeeks.length / 2) {
        const names = on.map((s) => s.template.name);
        const usual = names.sort((a, b) => names.filter((n) => n === b).length - names.filter((n) => n === a).length)[0];
        const starts = on.filter((s) => s.template.name === usual).map((s) => s.start);
        const t = templates.find((x) => x.name === usual)!;
        pattern.push({ weekday, template_name: usual, start_minute: Math.round(median(starts) / t.start_step_minutes) * t.start_step_minutes });
      }
    }
    const patternPaid = pattern.reduce((sum, p) => {
      const t = templates.find((x) => x.name === p.template_name)!;
      return sum + paidMinutes({ start_minute: 0, end_minute: t.length_minutes, breaks: t.breaks.map((b) => ({ ...b, start_minute: 0 })) });
    }, 0);
    reps.push({
      rep_id: repId,
      name: nameOf.get(repId) ?? repId,
      contracted_minutes: Math.min(4800, contracted),
      // Wide enough that the rep's own usual week keeps the rules it is made from.
      tolerance_minutes: Math.min(2400, Math.max(240, Math.ceil(Math.abs(patternPaid - contracted) / 60) * 60)),
      max_days: Math.min(7, Math.max(pattern.length, ...workedWeeks.map((w) => w.length))),
      min_rest_minutes: 660,
      primary_queue: queues.find((q) => q.rep_id === repId)?.queue ?? null,
      template_names: [...new Set(shaped.map((s) => s.template.name))].sort(),
      availability,
      pattern
    });
  }
  return { from, to, templates, reps };
}
