/**
 * The per-rep quality score in SQL (sql/quality-score.sql) over hand-written exports loaded through the
 * real ingest, against numbers worked out by hand. With no roster, reps are their interfaces' ids.
 *
 * rep-activity.queue_log, 2026-03-24, billing: PJSIP/7001 handles a1 (600 s) and a2 (300 s, blind
 * transfer, after PJSIP/7002's phone rang out); PJSIP/7002 handles a3 (1200 s) and a4 (30 s).
 * Team mean handle time: (600 + 300 + 1200 + 30) / 4 = 532.5 s.
 * service-level.queue_log, 2026-03-10, billing: 7001 handles c1 (180 s) and c8 (60 s, transfer) and
 * lets c2 ring out; 7002 handles c2 (120 s) and c3 (240 s). Team mean: 600 / 4 = 150 s.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../sql/db.ts';
import { TZ, fixtureDb } from '../test-support/fixture-db.ts';
import { DEFAULT_QUALITY_SETTINGS, checkQualitySettings, qualityScores, readQualitySettings } from './quality-score.ts';

let db: Database;
beforeAll(async () => {
  db = await fixtureDb('service-level.queue_log', 'rep-activity.queue_log');
});
afterAll(() => db.close());

const score = (w: Record<string, number | null>, d = DEFAULT_QUALITY_SETTINGS.weights) => {
  const keys = ['evaluations', 'ring_no_answer', 'transfers', 'handle_time'] as const;
  const used = keys.filter((k) => w[k] !== null && w[k] !== undefined);
  return used.reduce((s, k) => s + d[k] * (w[k] as number), 0) / used.reduce((s, k) => s + d[k], 0);
};

describe('qualityScores', () => {
  it('scores each rep of a day from their calls and the team\'s handle time', async () => {
    const { rows } = await qualityScores(db, { from: '2026-03-24', to: '2026-03-24', timeZone: TZ });
    const [a, b] = rows;
    expect(rows.map((r) => [r.period_start, r.rep_id, r.rep, r.handled, r.transferred, r.ring_no_answer])).toEqual([
      ['2026-03-24', 'pjsip-7001', 'PJSIP/7001', 2, 1, 0],
      ['2026-03-24', 'pjsip-7002', 'PJSIP/7002', 2, 0, 1]
    ]);
    expect(a.team_aht_s).toBeCloseTo(532.5, 9);
    expect(a.handle_time_ratio).toBeCloseTo(450 / 532.5, 9);
    expect([a.score_ring_no_answer, a.score_transfers, a.score_handle_time]).toEqual([100, 0, 100]);
    expect(a.quality_score).toBeCloseTo(score({ ring_no_answer: 100, transfers: 0, handle_time: 100 }), 9); // 80
    const bHandle = 100 * (1 - (615 / 532.5 - 1) / 0.5);
    expect(b.ring_no_answer_rate).toBeCloseTo(1 / 3, 9);
    expect([b.score_ring_no_answer, b.score_transfers]).toEqual([0, 100]);
    expect(b.score_handle_time).toBeCloseTo(bHandle, 9);
    expect(b.quality_score).toBeCloseTo(score({ ring_no_answer: 0, transfers: 100, handle_time: bHandle }), 9);
  });

  it('cuts ISO weeks (Monday first), days, months and quarters, and one rep on request', async () => {
    const weeks = await qualityScores(db, { from: '2026-03-09', to: '2026-03-29', timeZone: TZ, by: 'week', rep: 'pjsip-7001' });
    expect(weeks.rows.map((r) => [r.period_start, r.handled, r.team_aht_s, r.quality_score])).toEqual([
      ['2026-03-09', 2, 150, score({ ring_no_answer: 0, transfers: 0, handle_time: 100 })],
      ['2026-03-23', 2, 532.5, score({ ring_no_answer: 100, transfers: 0, handle_time: 100 })]
    ]);
    const days = await qualityScores(db, { from: '2026-03-10', to: '2026-03-11', timeZone: TZ, by: 'day' });
    expect(days.rows.map((r) => [r.period_start, r.rep_id])).toEqual([
      ['2026-03-10', 'pjsip-7001'],
      ['2026-03-10', 'pjsip-7002']
    ]);
    const total = await qualityScores(db, { from: '2026-03-01', to: '2026-03-31', timeZone: TZ });
    expect(total.rows.map((r) => [r.period_start, r.rep_id, r.handled])).toEqual([
      ['2026-03-01', 'pjsip-7001', 4],
      ['2026-03-01', 'pjsip-7002', 4]
    ]);
    // A month (or quarter) of a longer range is the total over that month's dates: the trends' one query.
    const months = await qualityScores(db, { from: '2026-02-01', to: '2026-03-31', timeZone: TZ, by: 'month' });
    expect(months.rows.filter((r) => r.period_start === '2026-03-01').map(({ components, ...r }) => r)).toEqual(total.rows.map(({ components, ...r }) => r));
    const quarters = await qualityScores(db, { from: '2026-01-01', to: '2026-03-31', timeZone: TZ, by: 'quarter' });
    expect(quarters.rows.map((r) => [r.period_start, r.rep_id, r.handled])).toEqual([
      ['2026-01-01', 'pjsip-7001', 4],
      ['2026-01-01', 'pjsip-7002', 4]
    ]);
    await expect(qualityScores(db, { from: '2026-03-01', to: '2026-03-31', timeZone: TZ, by: 'year' })).rejects.toThrow(/by "year" is not one of total, week, day, month, quarter/);
  });

  it('explains each component of the blend', async () => {
    const { rows } = await qualityScores(db, { from: '2026-03-24', to: '2026-03-24', timeZone: TZ, rep: 'pjsip-7002' });
    expect(rows[0].components.map((c) => [c.key, c.score === null ? null : Math.round(c.score), c.share, c.basis])).toEqual([
      ['evaluations', null, null, 'no evaluations in the period'],
      ['ring_no_answer', 0, 0.4, '1 of 3 offers rang out (33.3%; 20.0% scores 0)'],
      ['transfers', 100, 0.2, '0 of 2 calls transferred (0.0%; 20.0% scores 0)'],
      ['handle_time', 69, 0.4, "AHT 615 s vs the team's 533 s on the same queues (1.15×; 1.50× scores 0)"]
    ]);
  });

  it('uses the stored settings, and the defaults when they are unreadable', async () => {
    expect(await readQualitySettings(db)).toEqual(DEFAULT_QUALITY_SETTINGS);
    await db.run(`UPDATE settings SET value = '{"evaluations": 1, "ring_no_answer": 0, "transfers": 0, "handle_time": 1}' WHERE key = 'quality_weights'`);
    const { rows } = await qualityScores(db, { from: '2026-03-24', to: '2026-03-24', timeZone: TZ, rep: 'pjsip-7002' });
    expect(rows[0].quality_score).toBeCloseTo(rows[0].score_handle_time!, 9); // the only weighted component with data
    await db.run(`UPDATE settings SET value = '{"evaluations": -1}' WHERE key = 'quality_weights'`);
    const errors: string[] = [];
    const saved = console.error;
    console.error = (m: string) => errors.push(m);
    try {
      expect(await readQualitySettings(db)).toEqual(DEFAULT_QUALITY_SETTINGS);
    } finally {
      console.error = saved;
    }
    expect(errors).toEqual(['quality settings: weight evaluations: a number from 0 to 1000; using the defaults']);
  });

  it('checks settings', () => {
    expect(() => checkQualitySettings({ weights: { evaluations: 0, ring_no_answer: 0, transfers: 0, handle_time: 0 } })).toThrow(/at least one weight/);
    expect(() => checkQualitySettings({ limits: { transfer_rate: 1.5 } })).toThrow(/limit transfer_rate/);
    expect(() => checkQualitySettings({ limits: { handle_time_over: 0 } })).toThrow(/handle_time_over/);
    expect(checkQualitySettings({ weights: { transfers: 0 } }).weights.transfers).toBe(0);
  });
});
