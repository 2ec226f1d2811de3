// GET /api/live's `outlook` on the demo center (17 weeks ending Friday 2026-06-05 18:00 Chicago),
// with the clock set to that Friday at 10:00 local (only Date is faked: the database keeps its own
// clock, so sessions are unaffected). The week's schedule is drafted from the reps' patterns and
// published through the API; before that the outlook says there is none.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { setDatabase, type Database } from '../../sql/db.ts';
import { demoDatabase } from '../../analytics/test-support/coverage-demo-db.ts';
import type { Role } from '../server/accounts.ts';
import type { LiveSnapshot } from '../server/live/live-snapshot.ts';
import { outlookComputations } from '../server/live/live-outlook.ts';
import { OUTLOOK_DEFINITIONS } from '../../analytics/glossary.ts';
import { api } from './index.ts';
import { call, signedInUsers } from './test-support.ts';

const TZ = 'America/Chicago';
const WEEK = '2026-06-01';
const FRIDAY_10 = new Date('2026-06-05T15:00:00Z'); // 10:00 CDT
let db: Database;
let dispose: () => void;
let cookies: Record<Role | 'rep2', string>;

const at = (iso: string | Date) => vi.setSystemTime(new Date(iso));
const live = async (): Promise<LiveSnapshot> => {
  const res = await call(api, 'GET', '/api/live', { cookie: cookies.wallboard });
  expect(res.status).toBe(200);
  return res.json();
};
const send = async (role: Role, method: string, path: string, body?: unknown) => {
  const res = await call(api, method, path, { cookie: cookies[role], body });
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return JSON.parse(text);
};

beforeAll(async () => {
  process.env.CALLBOARD_TZ = TZ;
  ({ db, dispose } = await demoDatabase());
  setDatabase(db);
  cookies = await signedInUsers(db);
  vi.useFakeTimers({ toFake: ['Date'], now: FRIDAY_10 });
}, 600_000);
afterAll(() => {
  vi.useRealTimers();
  delete process.env.CALLBOARD_TZ;
  dispose?.();
});

describe('the live snapshot\'s outlook for the rest of today', () => {
  it('without a published schedule: the re-projection and the reps required, and a note instead of lines', async () => {
    const o = (await live()).outlook;
    expect(o).toMatchObject({ date: '2026-06-05', status: 'no_schedule', cut_off: '10:00', interval_minutes: 30, lines: [] });
    expect(o.note).toMatch(/No published schedule for the week of 2026-06-01/);
    // The calls so far are the inbound calls that entered from opening (07:00) to 10:00, counted apart.
    const { n } = (await db.one<{ n: number }>(
      `SELECT CAST(count(*) AS INTEGER) AS n FROM calls WHERE direction = 'inbound' AND outcome IS NOT NULL
       AND enter_ts >= TIMESTAMPTZ '2026-06-05 00:00:00-05' AND enter_ts < TIMESTAMPTZ '2026-06-05 10:00:00-05'`
    ))!;
    expect(n).toBeGreaterThan(50);
    expect(o.calls_so_far).toBe(n);
    expect(o.forecast_so_far).toBeGreaterThan(0);
    expect(o.ratio).toBeCloseTo(n / o.forecast_so_far, 9);
    // Remaining intervals: 10:00 to the 18:30 one (open until 19:00), each the day-ahead × one factor.
    expect(o.intervals.map((i) => i.start)).toEqual(Array.from({ length: 18 }, (_, k) => `${String(10 + Math.floor(k / 2)).padStart(2, '0')}:${k % 2 ? '30' : '00'}`));
    for (const i of o.intervals) {
      expect(i.reprojected).toBeCloseTo(i.day_ahead * o.factor, 9);
      expect(i.scheduled).toBeNull();
    }
    const peak = o.intervals.find((i) => i.start === '10:00')!;
    expect(peak.required).toBeGreaterThan(0);
    expect(o.reprojected_day).toBeCloseTo(n + o.intervals.reduce((s, i) => s + i.reprojected, 0), 6);
  });

  it('with the week published: staff required against scheduled, gaps merged into plain words', async () => {
    await send('scheduler', 'POST', '/api/schedules/setup', {});
    const draft = await send('scheduler', 'POST', `/api/schedules/weeks/${WEEK}/draft`);
    await send('admin', 'POST', `/api/schedules/weeks/${WEEK}/publish`, { version: draft.week.version });
    at(new Date(FRIDAY_10.getTime() + 60_000)); // a new minute: the outlook is computed again
    await live(); // (this one may answer with the minute before's outlook while the new one computes)
    const snap = await live();
    const o = snap.outlook;
    expect(o).toMatchObject({ status: 'ok', note: null, cut_off: '10:01' });
    const fridayShifts = (draft.week.shifts as Array<{ date: string }>).filter((s) => s.date === '2026-06-05').length;
    expect(fridayShifts).toBeGreaterThan(3);
    expect(Math.max(...o.intervals.map((i) => i.scheduled!))).toBeGreaterThan(1);
    expect(o.lines.length).toBeGreaterThan(0);
    for (const line of o.lines) {
      expect(line.text).toMatch(/^(Enough reps for the rest of the day|Short \d+(–\d+)? reps? \d\d:\d\d–\d\d:\d\d|Over by \d+(–\d+)? reps? \d\d:\d\d–\d\d:\d\d)$/);
      if (line.kind === 'enough') continue;
      // Every interval in a run is short (or over) by at least half a rep; the run's ends are interval bounds.
      const inRun = o.intervals.filter((i) => i.minute >= line.from_minute! && i.minute < line.to_minute!);
      expect(inRun.length).toBe((line.to_minute! - line.from_minute!) / 30);
      for (const i of inRun) {
        const gap = i.scheduled! - i.required!;
        expect(line.kind === 'short' ? -gap : gap).toBeGreaterThanOrEqual(0.5);
      }
    }
    // Every figure the glossary defines is one the outlook carries (at the top or per interval).
    const keys = new Set([...Object.keys(o), ...Object.keys(o.intervals[0])]);
    for (const d of OUTLOOK_DEFINITIONS) expect(keys, d.key).toContain(d.key);
    // And every interval short by half a rep or more lies in a short run.
    for (const i of o.intervals.filter((x) => x.required !== null && x.required - x.scheduled! >= 0.5)) {
      expect(o.lines.some((l) => l.kind === 'short' && l.from_minute! <= i.minute && i.minute < l.to_minute!)).toBe(true);
    }
  });

  it('is computed at most once a minute, however many snapshots are made', async () => {
    at(new Date(FRIDAY_10.getTime() + 5 * 60_000));
    await live();
    const before = outlookComputations.count;
    for (let k = 0; k < 5; k++) await live();
    expect(outlookComputations.count).toBe(before);
    at(new Date(FRIDAY_10.getTime() + 6 * 60_000));
    await live();
    await live();
    expect(outlookComputations.count).toBe(before + 1);
  });

  it('says so when the published week is being edited again (a draft: no lines until it is published)', async () => {
    const view = await send('scheduler', 'GET', `/api/schedules/weeks/${WEEK}`);
    const shift = (view.week.shifts as Array<{ rep_id: string; date: string }>).find((s) => s.date === '2026-06-05')!;
    await send('scheduler', 'PUT', `/api/schedules/weeks/${WEEK}/shifts/${shift.rep_id}/2026-06-05`, { template_id: null, start_minute: 420, end_minute: 900, version: view.week.version });
    at(new Date(FRIDAY_10.getTime() + 10 * 60_000));
    await live(); // (the minute before's outlook answers while this one computes)
    const o = (await live()).outlook;
    expect(o).toMatchObject({ status: 'no_schedule', lines: [] });
    expect(o.note).toMatch(/changed since it was published \(a draft now\): publish it again/);
  });

  it('says when the day is over and when the center is closed', async () => {
    at('2026-06-06T00:30:00Z'); // Friday 19:30 local: closed at 19:00
    await live(); // (the same day's last outlook answers while this minute's computes)
    expect((await live()).outlook).toMatchObject({ status: 'day_over', intervals: [], lines: [] });
    at('2026-06-07T17:00:00Z'); // Sunday noon: the demo center does not open on Sundays
    const sunday = (await live()).outlook;
    expect(sunday).toMatchObject({ date: '2026-06-07', status: 'closed', intervals: [], lines: [] });
    expect(sunday.note).toBe('The center is closed today.');
  });
});
