// The live snapshot's `adherence` and GET /api/day/adherence on a queue_log written relative to now
// (t, this second) and a published schedule for today, by hand. The center's zone is a fixed offset
// chosen so that it is about noon there now (12:00-12:59), whatever time the test runs:
//   Ana:  shift 08:00-16:00 (a break at 14:30); logged in at t−2 h, paused "Coffee" since t−10 min:
//         scheduled on the phones, paused for 10 min > the 5-minute default threshold → flagged since t−10 min.
//         So far today: 6,600 s on the phones (t−2 h .. t−10 min) of the scheduled time since 08:00.
//   Ben:  shift 08:00-16:00 with a 30-minute lunch that began in the quarter hour before this one;
//         logged in at t−2 h, paused "Lunch" since the lunch's start → in adherence, not flagged.
//   Cara: shift 08:00-16:00, never logged in → logged out, flagged since 08:00.
//   PJSIP/7009: logged in and available, no shift (a day off) → never judged.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../sql/db.ts';
import { ingestFile } from '../../ingest/load.ts';
import { mondayOf } from '../../analytics/roster/schedule-model.ts';
import { api } from './index.ts';
import { call, seededDatabase, signedInUsers } from './test-support.ts';
import type { LiveSnapshot } from '../server/live/live-snapshot.ts';
import type { DayAdherence } from '../server/day/day-adherence.ts';

const t = Math.floor(Date.now() / 1000);
const utcHour = new Date(t * 1000).getUTCHours();
const offsetH = 12 - utcHour; // local time now is 12:xx
const zone = offsetH === 0 ? 'Etc/GMT' : offsetH > 0 ? `Etc/GMT-${offsetH}` : `Etc/GMT+${-offsetH}`;
const local = new Date((t + offsetH * 3600) * 1000); // its UTC fields are the local wall clock
const today = local.toISOString().slice(0, 10);
const minuteNow = local.getUTCHours() * 60 + local.getUTCMinutes() + local.getUTCSeconds() / 60;
const epochOf = (minute: number) => Date.parse(`${today}T00:00:00Z`) / 1000 - offsetH * 3600 + minute * 60;
const lunchStart = Math.floor(minuteNow / 15) * 15 - 15;
const line = (at: number, rest: string) => `${at}|${rest}`;
const iso = (s: number) => new Date(s * 1000).toISOString();

async function publish(db: Database, status: 'published' | 'draft'): Promise<void> {
  const week = mondayOf(today);
  await db.run('DELETE FROM schedule_shifts');
  await db.run('DELETE FROM schedule_weeks');
  await db.run(`INSERT INTO schedule_weeks (week_start, status, source, updated_by) VALUES (CAST($w AS DATE), $status, 'manual', 'test')`, { w: week, status });
  const shift = (rep: string, breaks: unknown[]) =>
    db.run(`INSERT INTO schedule_shifts VALUES (CAST($w AS DATE), $rep, CAST($d AS DATE), 480, 960, NULL, CAST($b AS JSON))`, { w: week, rep, d: today, b: JSON.stringify(breaks) });
  await shift('ana', [{ kind: 'break', start_minute: 870, minutes: 15, paid: true }]);
  await shift('ben', [{ kind: 'lunch', start_minute: lunchStart, minutes: 30, paid: false }]);
  await shift('cara', []);
}

describe('adherence on the live floor and the day', () => {
  let db: Database;
  let dir: string;
  let cookies: Awaited<ReturnType<typeof signedInUsers>>;
  beforeAll(async () => {
    db = await seededDatabase();
    await db.run('DELETE FROM calls');
    await db.run(`INSERT INTO settings VALUES ('timezone', CAST($z AS JSON))`, { z: JSON.stringify(zone) });
    await db.run(`INSERT INTO roster (interface, rep_id, name, team) VALUES ('PJSIP/7003', 'cara', 'Cara Lind', 'Billing')`);
    cookies = await signedInUsers(db);
    dir = mkdtempSync(join(tmpdir(), 'callboard-live-adherence-'));
    const log = join(dir, 'queue_log');
    writeFileSync(log, [
      line(t - 7200, 'NONE|billing|PJSIP/7001|ADDMEMBER|'),
      line(t - 7200, 'NONE|billing|PJSIP/7002|ADDMEMBER|'),
      line(t - 3600, 'NONE|billing|PJSIP/7009|ADDMEMBER|'),
      line(Math.round(epochOf(lunchStart)), 'NONE|billing|PJSIP/7002|PAUSE|Lunch'),
      line(t - 600, 'NONE|billing|PJSIP/7001|PAUSE|Coffee')
    ].join('\n') + '\n');
    expect((await ingestFile(db, log, { timeZone: zone })).error).toBeUndefined();
    await publish(db, 'published');
  });
  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('flags who should be on the phones and is not, since when, with each rep so far today', async () => {
    const live: LiveSnapshot = await (await call(api, 'GET', '/api/live', { cookie: cookies.lead })).json();
    expect(Object.keys(live)).toEqual(['as_of', 'queues', 'reps', 'alerts', 'adherence', 'data_until', 'outlook']);
    const a = live.adherence!;
    expect(a.published).toBe(true);
    expect(a.threshold_s).toBe(300);
    expect(a.flagged).toEqual([
      { rep_id: 'cara', name: 'Cara Lind', scheduled: 'phones', state: 'logged_out', reason: null, since: iso(epochOf(480)) },
      { rep_id: 'ana', name: 'Ana Ruiz', scheduled: 'phones', state: 'paused', reason: 'Coffee', since: iso(t - 600) }
    ]);
    const rep = (id: string) => a.reps.find((r) => r.rep_id === id)!;
    expect(a.reps.map((r) => r.rep_id).sort()).toEqual(['ana', 'ben', 'cara']); // PJSIP/7009 has no shift: not judged
    const soFar = Date.parse(live.as_of) / 1000 - epochOf(480);
    expect(rep('ana').scheduled_s).toBeCloseTo(soFar, 0);
    expect(rep('ana').in_state_s).toBeCloseTo(6600, 0);
    expect(rep('ana')).toMatchObject({ scheduled_now: 'phones', in_adherence_now: false });
    expect(rep('ben')).toMatchObject({ scheduled_now: 'lunch', in_adherence_now: true });
    expect(rep('cara')).toMatchObject({ in_state_s: 0, adherence: 0, scheduled_now: 'phones', in_adherence_now: false });
  });

  it('is the same figure on GET /api/day/adherence, and sends the office TV none', async () => {
    const day: DayAdherence = await (await call(api, 'GET', '/api/day/adherence', { cookie: cookies.scheduler })).json();
    expect(day).toMatchObject({ date: today, published: true, is_future: false });
    expect(day.until).toMatch(/^1[23]:\d\d$/); // now there: 13:00 when the file started at 12:59
    expect(day.reps.find((r) => r.rep_id === 'ana')!.in_state_s).toBeCloseTo(6600, 0);
    const tv: LiveSnapshot = await (await call(api, 'GET', '/api/live', { cookie: cookies.wallboard })).json();
    expect(tv.adherence).toBeNull();
    expect((await call(api, 'GET', '/api/day/adherence', { cookie: cookies.wallboard })).status).toBe(403);
  });

  it('uses the admin\'s threshold (audited), and judges nobody without a published schedule', async () => {
    expect((await call(api, 'PUT', '/api/settings/adherence-threshold', { cookie: cookies.lead, body: { adherence_threshold_s: 900 } })).status).toBe(403);
    const bad = await call(api, 'PUT', '/api/settings/adherence-threshold', { cookie: cookies.admin, body: { adherence_threshold_s: 90 } });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(/whole minutes from 1 to 60/);
    expect((await call(api, 'PUT', '/api/settings/adherence-threshold', { cookie: cookies.admin, body: { adherence_threshold_s: 900 } })).status).toBe(200);
    const [audit] = await db.all<{ entity_id: string; after: string }>(`SELECT entity_id, CAST(after AS VARCHAR) AS after FROM audit_log WHERE entity = 'setting' ORDER BY id DESC LIMIT 1`);
    expect(audit).toEqual({ entity_id: 'adherence_threshold_s', after: '{"adherence_threshold_s":900}' });
    const later: LiveSnapshot = await (await call(api, 'GET', '/api/live', { cookie: cookies.lead })).json();
    expect(later.adherence!.threshold_s).toBe(900);
    // Cara is out since 08:00 (4 h or more): still flagged; Ana's 10 minutes are under 15 now.
    expect(later.adherence!.flagged.map((f) => f.rep_id)).toEqual(['cara']);

    await publish(db, 'draft');
    const draft: LiveSnapshot = await (await call(api, 'GET', '/api/live', { cookie: cookies.lead })).json();
    expect(draft.adherence).toEqual({ published: false, threshold_s: 900, flagged: [], reps: [] });
  });
});
