// When the periodic reports fire, shown by walking an injected clock in 15-minute steps (1-minute ones around 01:30) across both of
// 2026's clock changes in Chicago (CST −6 until 8 March 02:00, CDT −5 until 1 November 02:00) and
// firing every build the first time the clock reaches it, as the server's minute tick does.
import { describe, expect, it } from 'vitest';
import { InputError } from '../../sql/errors.ts';
import {
  DEFAULT_REPORT_TIMES,
  latestBuild,
  latestBuilds,
  nextBuild,
  offsetMinutes,
  reportTimesFromEnv,
  zonedInstant,
  type ReportTimes
} from './reports-schedule.ts';

const TZ = 'America/Chicago';
const LOCAL = new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' });
const local = (d: Date) => LOCAL.format(d);

/** Every build that fires while the clock walks from..to, with the tick it fired at. */
function walk(from: string, to: string, times: ReportTimes = DEFAULT_REPORT_TIMES, stepMinutes = 15) {
  const fired: Array<{ kind: string; period: string; at: string; local: string }> = [];
  const seen = new Set<string>();
  for (let t = Date.parse(from); t <= Date.parse(to); t += stepMinutes * 60_000) {
    const now = new Date(t);
    for (const b of latestBuilds(now, TZ, times)) {
      const key = `${b.kind}|${b.period.period}|${b.at.toISOString()}`;
      if (seen.has(key)) continue;
      seen.add(key);
      // The first tick already knows the builds due before the walk began: those are catch-ups.
      if (t > Date.parse(from)) fired.push({ kind: b.kind, period: b.period.period, at: now.toISOString(), local: local(now) });
    }
  }
  return fired;
}

describe('report schedule', () => {
  it('fires at 06:00 local on Mondays, the 1st and quarter starts, on both sides of the spring change', () => {
    expect(walk('2026-02-26T00:00:00Z', '2026-03-17T00:00:00Z')).toEqual([
      { kind: 'monthly', period: '2026-02', at: '2026-03-01T12:00:00.000Z', local: '2026-03-01, 06:00 CST' },
      { kind: 'weekly', period: '2026-W09', at: '2026-03-02T12:00:00.000Z', local: '2026-03-02, 06:00 CST' },
      // The first Monday after clocks went forward: 06:00 local is an hour earlier in UTC.
      { kind: 'weekly', period: '2026-W10', at: '2026-03-09T11:00:00.000Z', local: '2026-03-09, 06:00 CDT' },
      { kind: 'weekly', period: '2026-W11', at: '2026-03-16T11:00:00.000Z', local: '2026-03-16, 06:00 CDT' }
    ]);
  });

  it('fires once at each time across the autumn change, quarterly on the first day of the quarter', () => {
    expect(walk('2026-09-27T00:00:00Z', '2026-11-03T00:00:00Z')).toEqual([
      { kind: 'weekly', period: '2026-W39', at: '2026-09-28T11:00:00.000Z', local: '2026-09-28, 06:00 CDT' },
      { kind: 'monthly', period: '2026-09', at: '2026-10-01T11:00:00.000Z', local: '2026-10-01, 06:00 CDT' },
      { kind: 'quarterly', period: '2026-Q3', at: '2026-10-01T11:00:00.000Z', local: '2026-10-01, 06:00 CDT' },
      { kind: 'weekly', period: '2026-W40', at: '2026-10-05T11:00:00.000Z', local: '2026-10-05, 06:00 CDT' },
      { kind: 'weekly', period: '2026-W41', at: '2026-10-12T11:00:00.000Z', local: '2026-10-12, 06:00 CDT' },
      { kind: 'weekly', period: '2026-W42', at: '2026-10-19T11:00:00.000Z', local: '2026-10-19, 06:00 CDT' },
      { kind: 'weekly', period: '2026-W43', at: '2026-10-26T11:00:00.000Z', local: '2026-10-26, 06:00 CDT' },
      // 1 November is both the 1st and the day clocks go back: 06:00 CST, an hour later in UTC.
      { kind: 'monthly', period: '2026-10', at: '2026-11-01T12:00:00.000Z', local: '2026-11-01, 06:00 CST' },
      { kind: 'weekly', period: '2026-W44', at: '2026-11-02T12:00:00.000Z', local: '2026-11-02, 06:00 CST' }
    ]);
  });

  it('fires a time that happens twice (01:30 on 1 November) once, at its first pass, with configured times', () => {
    const times = reportTimesFromEnv({ CALLBOARD_REPORT_AT: '07:15', CALLBOARD_REPORT_MONTHLY_AT: '01:30' });
    expect(times).toEqual({ weekly: '07:15', monthly: '01:30', quarterly: '07:15' });
    expect(walk('2026-10-31T00:00:00Z', '2026-11-03T00:00:00Z', times, 1)).toEqual([
      { kind: 'monthly', period: '2026-10', at: '2026-11-01T06:30:00.000Z', local: '2026-11-01, 01:30 CDT' },
      { kind: 'weekly', period: '2026-W44', at: '2026-11-02T13:15:00.000Z', local: '2026-11-02, 07:15 CST' }
    ]);
  });

  it('turns local wall times into instants: a skipped time fires as long after the jump, a repeated one at its first pass', () => {
    expect(zonedInstant('2026-03-08', 150, TZ).toISOString()).toBe('2026-03-08T08:30:00.000Z'); // 02:30 does not exist: 03:30 CDT
    expect(zonedInstant('2026-03-08', 180, TZ).toISOString()).toBe('2026-03-08T08:00:00.000Z'); // 03:00 CDT
    expect(zonedInstant('2026-03-08', 119, TZ).toISOString()).toBe('2026-03-08T07:59:00.000Z'); // 01:59 CST
    expect(zonedInstant('2026-11-01', 90, TZ).toISOString()).toBe('2026-11-01T06:30:00.000Z'); // 01:30 CDT, not CST
    expect(zonedInstant('2026-07-01', 0, 'Asia/Kolkata').toISOString()).toBe('2026-06-30T18:30:00.000Z');
    expect(zonedInstant('2026-03-29', 150, 'Europe/Berlin').toISOString()).toBe('2026-03-29T01:30:00.000Z'); // 02:30 skipped: 03:30 CEST
    expect(offsetMinutes(new Date('2026-01-15T12:00:00Z'), TZ)).toBe(-360);
    expect(offsetMinutes(new Date('2026-07-15T12:00:00Z'), TZ)).toBe(-300);
  });

  it('names the latest and the next build of each kind', () => {
    const now = new Date('2026-03-09T10:59:00Z'); // Monday 05:59 CDT: this week's build is a minute away
    expect(latestBuild('weekly', now, TZ, '06:00')).toMatchObject({ at: new Date('2026-03-02T12:00:00Z'), period: { period: '2026-W09' } });
    expect(nextBuild('weekly', now, TZ, '06:00')).toMatchObject({ at: new Date('2026-03-09T11:00:00Z'), period: { period: '2026-W10' } });
    expect(nextBuild('quarterly', now, TZ, '06:00')).toMatchObject({ at: new Date('2026-04-01T11:00:00Z'), period: { period: '2026-Q1' } });
    expect(nextBuild('monthly', new Date('2026-12-15T00:00:00Z'), TZ, '06:00')).toMatchObject({ period: { period: '2026-12' }, at: new Date('2027-01-01T12:00:00Z') });
    expect(latestBuild('quarterly', now, TZ, '06:00')).toMatchObject({ at: new Date('2026-01-01T12:00:00Z'), period: { period: '2025-Q4' } });
  });

  it('refuses a time of day that is not one, naming the variable', () => {
    expect(() => reportTimesFromEnv({ CALLBOARD_REPORT_WEEKLY_AT: '6am' })).toThrow(InputError);
    expect(() => reportTimesFromEnv({ CALLBOARD_REPORT_WEEKLY_AT: '24:00' })).toThrow('CALLBOARD_REPORT_WEEKLY_AT "24:00" is not a time of day (expected HH:MM, e.g. 06:00)');
    expect(reportTimesFromEnv({})).toEqual(DEFAULT_REPORT_TIMES);
  });
});
