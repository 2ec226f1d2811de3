/**
 * When the periodic reports are due: the weekly one on Mondays, the monthly one on the 1st, the quarterly
 * one on the first day of a quarter, each at a local wall-clock time in the center's zone, reporting on the
 * period that has just ended. Pure functions of an instant (the clock is the caller's), so a test can walk
 * a clock across a DST change.
 *
 * Why not node-cron's own time zone matching: the server asks "which builds are due now?" every minute
 * instead, so a build missed while the server was down is made when it comes back, and a wall time that
 * does not exist on a spring-forward day still fires. Local wall times are turned into instants the way
 * Temporal's "compatible" disambiguation does: a time skipped by the clock change fires that long after
 * the jump (02:30 → 03:30), a time that happens twice fires at the first.
 */
import { InputError } from '../../sql/errors.ts';
import { addDays, isoWeekday, periodOf, REPORT_KINDS, type ReportKind, type ReportPeriod } from './reports-period.ts';

/** Local time of day of each kind's build, "HH:MM" (24 h). */
export type ReportTimes = Record<ReportKind, string>;

export const DEFAULT_REPORT_TIMES: ReportTimes = { weekly: '06:00', monthly: '06:00', quarterly: '06:00' };

/** Environment variables that set the times (CALLBOARD_REPORT_AT sets all three). */
export const REPORT_TIME_ENV: Record<ReportKind, string> = {
  weekly: 'CALLBOARD_REPORT_WEEKLY_AT',
  monthly: 'CALLBOARD_REPORT_MONTHLY_AT',
  quarterly: 'CALLBOARD_REPORT_QUARTERLY_AT'
};

export function timeOfDayMinutes(text: string, name = 'time'): number {
  const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  if (!m) throw new InputError(`${name} "${text}" is not a time of day (expected HH:MM, e.g. 06:00)`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** The build times from the environment, each checked; a bad value names its variable. */
export function reportTimesFromEnv(env: Record<string, string | undefined> = process.env): ReportTimes {
  const times = { ...DEFAULT_REPORT_TIMES };
  const all = env.CALLBOARD_REPORT_AT;
  for (const kind of REPORT_KINDS) {
    const name = env[REPORT_TIME_ENV[kind]] ? REPORT_TIME_ENV[kind] : 'CALLBOARD_REPORT_AT';
    const value = env[REPORT_TIME_ENV[kind]] || all;
    if (value) {
      timeOfDayMinutes(value, name);
      times[kind] = value.trim();
    }
  }
  return times;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
/** A zone's wall-clock formatter (making one costs far more than using it: kept per zone). */
function wallClock(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Minutes the zone is ahead of UTC at an instant (America/Chicago in winter: −360). */
export function offsetMinutes(instant: Date, timeZone: string): number {
  const parts = wallClock(timeZone).formatToParts(instant);
  const n = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  const wall = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return Math.round((wall - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/** The instant a local date and time of day happen in a zone (compatible disambiguation, see above). */
export function zonedInstant(date: string, minutes: number, timeZone: string): Date {
  const wall = Date.parse(`${date}T00:00:00Z`) + minutes * 60_000;
  const before = offsetMinutes(new Date(wall - 86_400_000), timeZone);
  const after = offsetMinutes(new Date(wall + 86_400_000), timeZone);
  const fits = [before, after].map((o) => wall - o * 60_000).filter((t) => offsetMinutes(new Date(t), timeZone) * 60_000 === wall - t);
  if (fits.length) return new Date(Math.min(...fits));
  return new Date(wall - before * 60_000); // skipped: as far past the jump as the wall time is past it
}

/** The local date of an instant in a zone. */
function localDate(instant: Date, timeZone: string): string {
  const parts = wallClock(timeZone).formatToParts(instant);
  const n = (t: string) => parts.find((p) => p.type === t)!.value.padStart(2, '0');
  return `${n('year')}-${n('month')}-${n('day')}`;
}

/** The first day of the schedule on or before a local date: its Monday, its 1st, its quarter's 1st. */
function fireDayOnOrBefore(kind: ReportKind, date: string): string {
  if (kind === 'weekly') return addDays(date, 1 - isoWeekday(date));
  if (kind === 'monthly') return `${date.slice(0, 8)}01`;
  const month = Number(date.slice(5, 7));
  return `${date.slice(0, 5)}${String(month - ((month - 1) % 3)).padStart(2, '0')}-01`;
}

export interface ScheduledBuild {
  kind: ReportKind;
  /** When the build is due. */
  at: Date;
  /** The period just ended, which the build reports on. */
  period: ReportPeriod;
}

function buildOn(kind: ReportKind, day: string, time: string, timeZone: string): ScheduledBuild {
  return { kind, at: zonedInstant(day, timeOfDayMinutes(time), timeZone), period: periodOf(kind, addDays(day, -1)) };
}

/** The most recent scheduled build of a kind at or before `now`. */
export function latestBuild(kind: ReportKind, now: Date, timeZone: string, time: string): ScheduledBuild {
  const today = fireDayOnOrBefore(kind, localDate(now, timeZone));
  const build = buildOn(kind, today, time, timeZone);
  if (build.at.getTime() <= now.getTime()) return build;
  return buildOn(kind, fireDayOnOrBefore(kind, addDays(today, -1)), time, timeZone);
}

/** The next scheduled build of a kind after `now`. */
export function nextBuild(kind: ReportKind, now: Date, timeZone: string, time: string): ScheduledBuild {
  let day = fireDayOnOrBefore(kind, localDate(now, timeZone));
  for (;;) {
    const build = buildOn(kind, day, time, timeZone);
    if (build.at.getTime() > now.getTime()) return build;
    day = fireDayOnOrBefore(kind, addDays(day, { weekly: 7, monthly: 32, quarterly: 93 }[kind]));
  }
}

/** The latest scheduled build of every kind at `now`: what should exist once the clock reads `now`. */
export function latestBuilds(now: Date, timeZone: string, times: ReportTimes = DEFAULT_REPORT_TIMES): ScheduledBuild[] {
  return REPORT_KINDS.map((kind) => latestBuild(kind, now, timeZone, times[kind]));
}

export interface UpcomingBuild {
  kind: ReportKind;
  /** The local time of day it builds at. */
  at: string;
  /** ISO instant of the next build, and the period it will report on. */
  next_build: string;
  next_period: string;
}

/** When each kind builds next (for the Reports page and GET /api/reports). */
export function upcomingBuilds(now: Date, timeZone: string, times: ReportTimes = DEFAULT_REPORT_TIMES): UpcomingBuild[] {
  return REPORT_KINDS.map((kind) => {
    const next = nextBuild(kind, now, timeZone, times[kind]);
    return { kind, at: times[kind], next_build: next.at.toISOString(), next_period: next.period.period };
  });
}

/** The build times from the environment, or the defaults when a variable is wrong (the server's log says which). */
export function reportTimesOrDefault(env: Record<string, string | undefined> = process.env): ReportTimes {
  try {
    return reportTimesFromEnv(env);
  } catch {
    return DEFAULT_REPORT_TIMES;
  }
}
