// The per-day summaries the trends read at a large center's size (migration 044: rep_call_days for the
// quality score, repeat_days for the repeat rate) must give exactly the figures of the per-call
// definitions (quality-score.sql counting calls, repeat-callers.sql matching them), for every period
// cut, range and zone, after a load and after an append (refreshed from the changed day on, equal to a
// full rebuild); and they must never be read once they no longer match the calls, the window or the zone.
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../sql/db.ts';
import { ingestFile } from '../../ingest/load.ts';
import { writeCenterInTwoParts } from '../../fixtures/scale/generate-queue-log.ts';
import { rebuildRepCallDays, repCallDaysUsable } from '../../sql/upkeep/rep-call-days.ts';
import { callFactsUsable, catchUpCallFacts } from '../callers/call-facts.ts';
import { repeatDaysUsable } from '../callers/repeat-days.ts';
import { DEFAULT_QUALITY_SETTINGS } from '../quality/quality-score.ts';
import { computeTrends } from './trends.ts';
import { reasonTrends } from './trends-reasons.ts';

type Row = Record<string, unknown>;
// The generated center at 12,000 calls over its six weeks (not 40,000): every period cut, range, zone
// and the clock change are still there, with hundreds of repeat callers in each range (its numbers are
// drawn from a pool scaled with the calls); the per-call definitions the summaries are held to read
// every call, so the comparisons cost a third of what they did.
const CALLS = 12_000;
const WINDOW_S = 72 * 3600; // the default repeat window the summary is built for
const BYS = ['total', 'day', 'week', 'month', 'quarter'] as const;
// The generated center runs 2 February - 16 March 2026 (spring forward on 8 March in Chicago): the
// whole of it, a range starting and ending mid-week across the clock change, and one day.
const RANGES = [
  { from: '2026-02-01', to: '2026-03-31' },
  { from: '2026-02-11', to: '2026-03-10' },
  { from: '2026-03-08', to: '2026-03-08' }
];

const qualityParams = (tz: string, by: string, r: { from: string; to: string }, rep: string | null = null) => {
  const { weights: w, limits: l } = DEFAULT_QUALITY_SETTINGS;
  return {
    ...r, tz, by, rep,
    w_evaluations: w.evaluations, w_ring_no_answer: w.ring_no_answer, w_transfers: w.transfers, w_handle_time: w.handle_time,
    rna_limit: l.ring_no_answer_rate, transfer_limit: l.transfer_rate, aht_over_limit: l.handle_time_over
  };
};

/** Every figure both ways, for each range and period cut; returns how many rows and repeats were compared. */
async function expectSameBothWays(db: Database, tz: string): Promise<{ quality: number; repeats: number }> {
  expect(await repCallDaysUsable(db, tz), 'the quality summary answers').toBe(true);
  expect(await repeatDaysUsable(db, (await callFactsUsable(db)).repeat, WINDOW_S, tz), 'the repeat summary answers').toBe(true);
  const seen = { quality: 0, repeats: 0 };
  for (const r of RANGES) {
    for (const by of BYS) {
      const q = qualityParams(tz, by, r);
      const [summary, calls] = [await db.query<Row>('quality-score', { ...q, summary: true }), await db.query<Row>('quality-score', { ...q, summary: false })];
      expect(summary, `quality ${tz} ${r.from} ${by}`).toEqual(calls);
      seen.quality += calls.length;
      if (by === 'day') continue; // (the repeat rate has no daily cut)
      for (const queue of [null, 'water']) {
        const p = { ...r, by, queue };
        const days = await db.query<Row>('repeat-rates-days', p);
        const perCall = (await db.query<Row>('repeat-callers', { ...p, tz, window_s: WINDOW_S, from_facts: false })).filter((x) => x.level === 'total');
        const strip = (rows: Row[]) => rows.map((x) => [x.period_start, x.answered, x.repeat_calls, x.repeat_rate]);
        expect(strip(days), `repeat ${tz} ${r.from} ${by} ${queue}`).toEqual(strip(perCall));
        seen.repeats += perCall.reduce((n, x) => n + Number(x.repeat_calls), 0);
      }
    }
  }
  // One rep alone, as the rep's own page asks.
  const one = qualityParams(tz, 'week', RANGES[0], 'pjsip-7003');
  expect(await db.query<Row>('quality-score', { ...one, summary: true })).toEqual(await db.query<Row>('quality-score', { ...one, summary: false }));
  return seen;
}

const summaryRows = async (db: Database) => [
  await db.all('SELECT * FROM rep_call_days ORDER BY ALL'),
  await db.all('SELECT * FROM repeat_days ORDER BY ALL')
];

for (const tz of ['America/Chicago', 'Asia/Kolkata']) {
  describe(`the trends' per-day summaries, center in ${tz}`, () => {
    let db: Database;
    let dir: string;
    let generated: string;
    let later: string;
    beforeAll(async () => {
      db = await openDatabase(':memory:');
      dir = mkdtempSync(join(tmpdir(), 'callboard-trend-days-'));
      // A center in another zone than the stored default keeps its summaries in its own zone.
      if (tz !== 'America/Chicago') await db.transaction((conn) => rebuildRepCallDays(db, conn, tz));
      generated = join(dir, 'queue_log');
      later = (await writeCenterInTwoParts(generated, { calls: CALLS })).rest;
      await ingestFile(db, generated, { timeZone: tz });
      await catchUpCallFacts(db);
    }, 120_000);
    afterAll(() => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('gives the figures of the per-call definitions for every period cut', async () => {
      const seen = await expectSameBothWays(db, tz);
      expect(seen.quality).toBeGreaterThan(500);
      expect(seen.repeats).toBeGreaterThan(100);
    });

    it('follows an appended load from the changed day on, equal to a full rebuild and to the definitions', async () => {
      appendFileSync(generated, later);
      const s = await ingestFile(db, generated, { timeZone: tz });
      expect(s.calls_added).toBeGreaterThan(0.75 * (CALLS / 5)); // most of the last fifth
      expect(await repCallDaysUsable(db, tz), 'the quality summary is refreshed in the load').toBe(true);
      const windowFacts = (await callFactsUsable(db)).repeat;
      expect(await repeatDaysUsable(db, windowFacts, WINDOW_S, tz), 'the repeat summary waits for the facts').toBe(false);
      expect(await catchUpCallFacts(db)).toBe('partial');
      await expectSameBothWays(db, tz);
      const appended = await summaryRows(db);
      await db.transaction(async (conn) => {
        await db.scriptFile('refresh-rep-call-days', { since: null, tz }, conn);
        await db.scriptFile('refresh-repeat-days', { since: null, window_s: WINDOW_S, tz }, conn);
      });
      expect(await summaryRows(db)).toEqual(appended);
    }, 120_000);

    it('gives the trends the same figures from the summaries as from the calls', async () => {
      const opts = { by: 'week', from: '2026-02-02', to: '2026-03-22', timeZone: tz, today: '2026-03-22' };
      const fromSummaries = await computeTrends(db, opts);
      await db.run('DELETE FROM rep_call_days_state');
      await db.run('DELETE FROM repeat_days_state');
      expect(await repCallDaysUsable(db, tz)).toBe(false);
      const fromCalls = await computeTrends(db, opts);
      expect(fromSummaries.series).toEqual(fromCalls.series);
      expect(fromCalls.series.filter((p) => p.quality_score !== null && p.repeat_rate !== null).length).toBeGreaterThan(4);
      // Built again (a zone's save or serve's start does this), and left unread for another zone.
      await db.transaction((conn) => rebuildRepCallDays(db, conn, tz));
      await catchUpCallFacts(db);
      expect(await repCallDaysUsable(db, tz)).toBe(true);
      expect(await repCallDaysUsable(db, 'Europe/London')).toBe(false);
      expect(await repeatDaysUsable(db, true, WINDOW_S, 'Europe/London')).toBe(false);
      expect(await repeatDaysUsable(db, true, 3600, tz), 'another repeat window').toBe(false);
    });

    it('is not read once the calls changed some other way', async () => {
      await db.run(`INSERT INTO calls (source, file_id, line_no, callid, queue, direction, enter_ts, outcome, agent, talk_s)
                    SELECT source, file_id, line_no + 10000000, callid || 'x', queue, direction, enter_ts, outcome, agent, talk_s FROM calls LIMIT 1`);
      expect(await repCallDaysUsable(db, tz)).toBe(false);
      expect(await repeatDaysUsable(db, true, WINDOW_S, tz)).toBe(false);
    });
  });
}

describe('trends by reason group on a center whose calls have no reason', () => {
  let db: Database;
  let dir: string;
  beforeAll(async () => {
    db = await openDatabase(':memory:');
    dir = mkdtempSync(join(tmpdir(), 'callboard-trend-days-'));
    const generated = join(dir, 'queue_log');
    const later = (await writeCenterInTwoParts(generated, { calls: CALLS })).rest;
    appendFileSync(generated, later);
    await ingestFile(db, generated, { timeZone: 'America/Chicago' });
    await catchUpCallFacts(db);
  }, 120_000);
  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives the totals as the one "no reason" group, as counting every call by group does', async () => {
    for (const by of ['week', 'month'] as const) {
      for (const queue of [null, 'water']) {
        const opts = { by, from: '2026-02-02', to: '2026-02-28', queue, timeZone: 'America/Chicago', today: '2026-03-20' };
        const fromTotals = await reasonTrends(db, opts);
        // One call outside the range given a reason: every call is counted by its group again.
        await db.run(`INSERT INTO call_reasons (file_id, line_no, code, source, src_file_id, src_line_no) SELECT file_id, line_no, 'X', 'queue_log', file_id, line_no FROM calls WHERE enter_ts > '2026-03-10' LIMIT 1`);
        const byGroup = await reasonTrends(db, opts);
        await db.run('DELETE FROM call_reasons');
        expect(fromTotals).toEqual(byGroup);
        expect(byGroup.groups).toEqual([null]);
        expect(byGroup.series.filter((p) => p.groups[0].offered! > 0 && p.groups[0].repeat_rate !== null).length).toBeGreaterThan(0);
      }
    }
  });
});
