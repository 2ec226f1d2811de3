import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../sql/db.ts';
import { repPublishedShifts } from './rep-schedule.ts';

let db: Database;

beforeAll(async () => {
  db = await openDatabase(':memory:');
  // Three weeks: the one holding "today" published, the next still a draft, the one after published.
  for (const [week, status] of [['2026-11-23', 'published'], ['2026-11-30', 'draft'], ['2026-12-07', 'published']]) {
    await db.run(`INSERT INTO schedule_weeks (week_start, status, source, updated_by) VALUES (CAST($w AS DATE), $s, 'manual', 'test')`, { w: week, s: status });
  }
  const shift = (week: string, rep: string, date: string, start: number, end: number) =>
    db.run(
      `INSERT INTO schedule_shifts (week_start, rep_id, date, start_minute, end_minute, breaks)
       VALUES (CAST($w AS DATE), $rep, CAST($d AS DATE), $start, $end, CAST($b AS JSON))`,
      { w: week, rep, d: date, start, end, b: JSON.stringify([{ kind: 'lunch', start_minute: 720, minutes: 30, paid: false }]) }
    );
  await shift('2026-11-23', 'pjsip-7009', '2026-11-24', 480, 1020);
  await shift('2026-11-23', 'pjsip-7010', '2026-11-24', 540, 1080);
  await shift('2026-11-30', 'pjsip-7009', '2026-12-01', 480, 1020);
  await shift('2026-12-07', 'pjsip-7009', '2026-12-08', 480, 1020);
});
afterAll(() => db?.close());

describe('repPublishedShifts', () => {
  it("answers the rep's own shifts in published weeks of this week and next only", async () => {
    const week = await repPublishedShifts(db, 'pjsip-7009', '2026-11-25');
    expect(week.from).toBe('2026-11-23');
    expect(week.to).toBe('2026-12-06');
    expect(week.shifts).toEqual([{ date: '2026-11-24', start_minute: 480, end_minute: 1020, breaks: [{ kind: 'lunch', start_minute: 720, minutes: 30, paid: false }] }]);
  });

  it('starts "this week" on the Monday of today, so a Sunday still sees its own week', async () => {
    const week = await repPublishedShifts(db, 'pjsip-7009', '2026-12-06');
    expect(week.from).toBe('2026-11-30');
    expect(week.shifts.map((s) => s.date)).toEqual(['2026-12-08']);
  });
});
