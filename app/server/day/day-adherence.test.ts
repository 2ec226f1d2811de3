// A past day's adherence on real DuckDB, by hand (America/Chicago, Tuesday 2026-03-10, CDT = UTC−5):
//   Ana, shift 09:00-13:00 with a 15-minute break at 10:30 (published): logs in at 09:20 (20 min late),
//   pauses 10:25-10:40 (her break 5 min early), logs off at 13:00.
//     09:00-09:20 scheduled on the phones, logged out   −1200 s
//     10:25-10:30 scheduled on the phones, paused        −300 s
//     10:40-10:45 scheduled on a break, on the phones    −300 s
//     in the scheduled state 14,400 − 1,800 = 12,600 s of 14,400: 87.5 %
//   Ben logs in 09:00-12:00 with no shift (a day off): not judged.
// The day view's figure is the Coverage page's past-day figure (one definition), and a draft week
// holds nobody to anything.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../sql/db.ts';
import { ingestFile } from '../../../ingest/load.ts';
import { pastCoverage } from '../../../analytics/staffing/coverage-past.ts';
import type { Adherence } from '../../../analytics/staffing/adherence.ts';
import { dayAdherence } from './day-adherence.ts';

const TZ = 'America/Chicago';
const DAY = '2026-03-10';
const at = (hhmm: string) => Date.parse(`${DAY}T${hhmm}:00-05:00`) / 1000;

describe('dayAdherence (a past day)', () => {
  let db: Database;
  let dir: string;
  beforeAll(async () => {
    db = await openDatabase(':memory:');
    await db.run(`INSERT INTO roster (interface, rep_id, name, team) VALUES ('PJSIP/7001', 'ana', 'Ana Ruiz', 'Billing'), ('PJSIP/7002', 'ben', 'Ben Okafor', 'Billing')`);
    dir = mkdtempSync(join(tmpdir(), 'callboard-day-adherence-'));
    const log = join(dir, 'queue_log');
    writeFileSync(log, [
      `${at('09:00')}|NONE|billing|PJSIP/7002|ADDMEMBER|`,
      `${at('09:20')}|NONE|billing|PJSIP/7001|ADDMEMBER|`,
      `${at('10:25')}|NONE|billing|PJSIP/7001|PAUSE|Break`,
      `${at('10:40')}|NONE|billing|PJSIP/7001|UNPAUSE|Break`,
      `${at('12:00')}|NONE|billing|PJSIP/7002|REMOVEMEMBER|`,
      `${at('13:00')}|NONE|billing|PJSIP/7001|REMOVEMEMBER|`
    ].join('\n') + '\n');
    expect((await ingestFile(db, log, { timeZone: TZ })).error).toBeUndefined();
    await db.run(`INSERT INTO schedule_weeks (week_start, status, source, updated_by) VALUES (DATE '2026-03-09', 'published', 'manual', 'test')`);
    await db.run(`INSERT INTO schedule_shifts VALUES (DATE '2026-03-09', 'ana', DATE '2026-03-10', 540, 780, NULL, '[{"kind":"break","start_minute":630,"minutes":15,"paid":true}]')`);
  });
  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is hand-worked: a late log-in and an early break cost their minutes; a day off is not judged', async () => {
    const day = await dayAdherence(db, { date: DAY, timeZone: TZ });
    expect(day).toMatchObject({ date: DAY, published: true, until: null, is_future: false });
    expect(day.reps).toEqual([
      { rep_id: 'ana', name: 'Ana Ruiz', scheduled_s: 14_400, in_state_s: 12_600, adherence: 0.875, scheduled_on_phone_s: 13_500, on_phone_in_shift_s: 12_300 }
    ]);
  });

  it('is the Coverage page\'s past-day figure', async () => {
    const past = await pastCoverage(db, { from: DAY, to: DAY, timeZone: TZ });
    // (Names aside: the Coverage page names reps by their plan, and Ana has none here.)
    const figures = (rows: readonly Adherence[]) => rows.map(({ name: _name, ...r }) => r);
    expect(figures(past.adherence)).toEqual(figures((await dayAdherence(db, { date: DAY, timeZone: TZ })).reps));
    expect(past.adherence[0].in_state_s).toBe(12_600);
  });

  it('holds nobody to a draft week, and has nothing for a day to come', async () => {
    await db.run(`UPDATE schedule_weeks SET status = 'draft'`);
    expect(await dayAdherence(db, { date: DAY, timeZone: TZ })).toMatchObject({ published: false, reps: [] });
    await db.run(`UPDATE schedule_weeks SET status = 'published'`);
    expect(await dayAdherence(db, { date: DAY, timeZone: TZ, now: new Date(`${DAY}T14:00:00Z`) })).toMatchObject({ until: '09:00', reps: [{ rep_id: 'ana', scheduled_s: 0, adherence: null }] });
    expect(await dayAdherence(db, { date: '2026-03-11', timeZone: TZ, now: new Date(`${DAY}T14:00:00Z`) })).toMatchObject({ is_future: true, reps: [] });
  });
});
