/**
 * GET /api/day and /api/lost-calls on five weeks of the demo center (loaded through the real ingest):
 * the tiles are the metrics API's figures for the day, the baseline the mean of its rows on the same
 * weekday of the four weeks before; lost callers carry the follow-up state and the lead's handling.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, setDatabase, type Database } from '../../sql/db.ts';
import type { Role } from '../server/accounts.ts';
import { auditRecords } from '../server/audit.ts';
import { dayReview } from '../server/day/day-review.ts';
import { api } from './index.ts';
import { demoTemplate } from '../test/app-server.ts';
import { call, signedInUsers, tableChecksums } from './test-support.ts';

const DAY = '2026-11-24'; // a Tuesday; the demo runs 35 days up to Wednesday 2026-11-25 14:00 Chicago
const SUNDAY = '2026-11-22';
let db: Database;
let cookies: Record<Role | 'rep2', string>;

const dir = mkdtempSync(join(tmpdir(), 'callboard-day-'));

beforeAll(async () => {
  // A copy of the browser tests' seeded demo (seedDemo, 35 days to 2026-11-25 14:00 Chicago): made once per run.
  const path = join(dir, 'demo.duckdb');
  copyFileSync(await demoTemplate(), path);
  db = await openDatabase(path);
  setDatabase(db);
  cookies = await signedInUsers(db);
});

afterAll(async () => {
  await closeDatabase();
  rmSync(dir, { recursive: true, force: true });
});

const get = async (path: string, role: Role = 'lead') => {
  const res = await call(api, 'GET', path, { cookie: cookies[role] });
  return { status: res.status, body: await res.json() };
};

type MetricRow = Record<string, number | string | null>;

describe('GET /api/day', () => {
  it("answers tiles equal to the metrics API's row for the day", async () => {
    const day = (await get(`/api/day?date=${DAY}`)).body;
    const [row] = (await get(`/api/metrics?from=${DAY}&to=${DAY}`)).body.rows as MetricRow[];
    expect(day.has_calls).toBe(true);
    expect(day.tiles.map((t: { key: string }) => t.key)).toEqual(['offered', 'answered', 'lost', 'lost_rate', 'service_level', 'asa_s', 'aht_s', 'max_wait_s']);
    for (const tile of day.tiles) expect(tile.value, tile.key).toBe(row[tile.key]);
  });

  it('compares with the mean of the same weekday in the four weeks before, as the metrics API gives them', async () => {
    const day = (await get(`/api/day?date=${DAY}`)).body;
    expect(day.baseline.dates).toEqual(['2026-11-17', '2026-11-10', '2026-11-03', '2026-10-27']);
    const rows = (await get('/api/metrics?from=2026-10-27&to=2026-11-17')).body.rows as MetricRow[];
    const open = rows.filter((r) => day.baseline.dates.includes(String(r.period_start)) && Number(r.offered) > 0);
    expect(open.map((r) => r.period_start).sort()).toEqual([...day.baseline.used].sort());
    for (const tile of day.tiles) {
      const known = open.map((r) => r[tile.key]).filter((v): v is number => v !== null);
      const mean = known.reduce((a, b) => a + b, 0) / known.length;
      expect(tile.baseline, tile.key).toBeCloseTo(mean, 9);
      expect(tile.delta, tile.key).toBeCloseTo(tile.value - mean, 9);
    }
  });

  it('gives half-hour intervals whose calls add up to the day, with reps on the phones', async () => {
    const day = (await get(`/api/day?date=${DAY}`)).body;
    const offered = day.tiles.find((t: { key: string }) => t.key === 'offered').value;
    expect(day.intervals.reduce((n: number, p: { offered: number }) => n + p.offered, 0)).toBe(offered);
    expect(day.intervals.every((p: { time: string }) => /^\d{2}:[03]0$/.test(p.time))).toBe(true);
    expect(Math.max(...day.intervals.map((p: { reps_on_phones: number }) => p.reps_on_phones))).toBeGreaterThan(0);
  });

  it("compares today's counts with the same weekdays up to the same time of day", async () => {
    // The demo ends on Wednesday 2026-11-25 at 14:00 in Chicago: "now" for this answer.
    const today = await dayReview(db, { timeZone: 'America/Chicago', now: new Date('2026-11-25T20:00:00Z') });
    expect(today).toMatchObject({ date: '2026-11-25', is_today: true, cutoff: '14:00' });
    const offered = today.tiles.find((t) => t.key === 'offered')!;
    expect(offered.basis).toBe('so_far');
    // Independently: the same Wednesdays by the hour, before 14:00, from the metrics API.
    let sum = 0;
    for (const d of today.baseline.used) {
      const { rows } = (await get(`/api/metrics?from=${d}&to=${d}&by=interval&interval_minutes=60`)).body as { rows: { period_start: string; offered: number }[] };
      sum += rows.filter((r) => r.period_start.slice(11, 16) < '14:00').reduce((n, r) => n + r.offered, 0);
    }
    expect(offered.baseline).toBeCloseTo(sum / today.baseline.used.length, 9);
    expect(today.tiles.find((t) => t.key === 'service_level')!.basis).toBe('day');
  });

  it('says a closed day has no calls', async () => {
    const day = (await get(`/api/day?date=${SUNDAY}`)).body;
    expect(day.has_calls).toBe(false);
    expect(day.tiles.find((t: { key: string }) => t.key === 'service_level').value).toBeNull();
  });

  it('refuses a bad date and a rep', async () => {
    expect((await get('/api/day?date=2026-02-30')).status).toBe(400);
    expect((await get('/api/day?day=2026-11-24')).status).toBe(400);
    expect((await get(`/api/day?date=${DAY}`, 'rep')).status).toBe(403);
    expect((await get(`/api/day?date=${DAY}`, 'scheduler')).status).toBe(200);
  });
});

describe('/api/lost-calls', () => {
  it("lists the day's lost calls with the follow-up API's states", async () => {
    const lost = (await get(`/api/lost-calls?date=${DAY}`)).body;
    const followUp = (await get(`/api/metrics/follow-up?from=${DAY}&to=${DAY}`)).body;
    expect(lost.callers).toHaveLength(followUp.lost_calls.length);
    expect(lost.summary.recovered).toBe(followUp.summary.recovered);
    const states = new Set(lost.callers.map((c: { state: string }) => c.state));
    expect(states).toContain('recovered');
    expect(states).toContain('still_lost');
    expect(lost.summary.still_lost).toBe(followUp.unrecovered.length);
    expect((await get(`/api/lost-calls?date=${DAY}`, 'scheduler')).status).toBe(403);
  });

  it('marks a lost caller handled with a note, audit-logged, and takes the mark off again', async () => {
    const before = (await get(`/api/lost-calls?date=${DAY}`)).body;
    const target = before.callers.find((c: { state: string }) => c.state === 'still_lost');
    const visit = { callid: target.callid, queue: target.queue };

    const marked = await call(api, 'PUT', '/api/lost-calls/handling', { cookie: cookies.lead, body: { ...visit, note: 'Called from the desk phone; bill explained' } });
    expect(marked.status).toBe(200);
    expect(await marked.json()).toMatchObject({ ...visit, note: 'Called from the desk phone; bill explained', handled_by: 'lead1' });

    const after = (await get(`/api/lost-calls?date=${DAY}`)).body;
    const shown = after.callers.find((c: { callid: string }) => c.callid === target.callid);
    expect(shown.handling).toMatchObject({ note: 'Called from the desk phone; bill explained', handled_by: 'lead1' });
    expect(after.summary.needs_follow_up).toBe(before.summary.needs_follow_up - 1);

    const [record] = await auditRecords(db, { entity: 'lost_call' });
    expect(record).toMatchObject({ action: 'create', username: 'lead1', entity_id: `${target.queue}/${target.callid}`, before: null });
    expect(record.after).toMatchObject({ note: 'Called from the desk phone; bill explained' });

    const reopened = await call(api, 'DELETE', `/api/lost-calls/handling?callid=${encodeURIComponent(target.callid)}&queue=${target.queue}`, { cookie: cookies.lead });
    expect(reopened.status).toBe(200);
    const [removal] = await auditRecords(db, { entity: 'lost_call' });
    expect(removal).toMatchObject({ action: 'delete', after: null });
    expect((await get(`/api/lost-calls?date=${DAY}`)).body.callers.find((c: { callid: string }) => c.callid === target.callid).handling).toBeNull();
  });

  it('refuses marking without a note, a call that was not lost, a manager, and a cross-site request, changing nothing', async () => {
    const lost = (await get(`/api/lost-calls?date=${DAY}`)).body.callers[0];
    const answered = await db.one<{ callid: string; queue: string }>(`SELECT callid, queue FROM calls WHERE outcome = 'answered' LIMIT 1`);
    const sums = await tableChecksums(db);
    const put = (body: unknown, role: Role = 'lead', origin?: string | null) => call(api, 'PUT', '/api/lost-calls/handling', { cookie: cookies[role], body, origin });
    expect((await put({ callid: lost.callid, queue: lost.queue, note: '  ' })).status).toBe(400);
    expect((await put({ ...answered, note: 'x' })).status).toBe(404);
    expect((await put({ callid: lost.callid, queue: lost.queue, note: 'x' }, 'manager')).status).toBe(403);
    expect((await put({ callid: lost.callid, queue: lost.queue, note: 'x' }, 'lead', 'https://evil.example')).status).toBe(403);
    expect((await call(api, 'DELETE', `/api/lost-calls/handling?callid=${encodeURIComponent(lost.callid)}&queue=${lost.queue}`, { cookie: cookies.lead })).status).toBe(404);
    expect(await tableChecksums(db)).toEqual(sums);
  });
});
