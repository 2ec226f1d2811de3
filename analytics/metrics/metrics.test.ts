// Golden tests of every call-metric definition (docs/definitions.md) on hand-written queue_logs in
// fixtures/queue-logs, loaded through the real ingest path. fixtures/queue-logs/README.md lists each
// call in local time; the expected numbers below are worked out by hand from that list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../sql/db.ts';
import { InputError } from '../../sql/errors.ts';
import { fixtureDb, TZ } from '../test-support/fixture-db.ts';
import { computeMetrics, metricKeys, type MetricsOptions } from './metrics.ts';

const day = (date: string, extra: Partial<MetricsOptions> = {}): MetricsOptions => ({ from: date, to: date, by: 'day', timeZone: TZ, ...extra });

describe('service-level.queue_log (billing, 2026-03-10 and 2026-03-11)', () => {
  let db: Database;
  beforeAll(async () => {
    db = await fixtureDb('service-level.queue_log');
  });
  afterAll(() => db.close());

  // 2026-03-10, billing. Waits: c1 12 (ans), c2 20 (ans, 7001 rang first), c3 21 (ans), c4 4 (abandon),
  // c5 5 (abandon), c6 30 (abandon), c7 120 (timed out), c8 8 (ans, blind transfer); c9 is still open.
  // Talk: 180, 120, 240, 60.
  it('counts every figure of one day by hand', async () => {
    const { rows } = await computeMetrics(db, day('2026-03-10'));
    expect(rows).toEqual([
      {
        period_start: '2026-03-10',
        offered: 8, // c1..c8; the open c9 counts nowhere
        answered: 4, // c1 c2 c3 c8
        abandoned: 3, // c4 c5 c6
        short_abandoned: 1, // c4: 4 s < 5 s; c5 waited exactly 5 s, so it is not short
        timed_out: 1, // c7
        blocked: 0,
        lost: 3, // (3 − 1) + 1
        lost_rate: 3 / 7, // 3 / (8 − 1)
        answered_within_sl: 3, // c1 12 s, c2 exactly 20 s, c8 8 s; c3 21 s is late
        service_level: 3 / 7, // offered formula: 3 / (8 − 1)
        asa_s: 61 / 4, // (12 + 20 + 21 + 8) / 4
        aht_s: 150, // (180 + 120 + 240 + 60) / 4
        avg_abandon_wait_s: 13, // (4 + 5 + 30) / 3
        max_wait_s: 120, // c7
        ring_no_answer: 1, // 7001 did not pick up c2
        transferred: 1 // c8
      }
    ]);
    expect(Object.keys(rows[0])).toEqual(metricKeys('none'));
  });

  it('applies each service-level formula', async () => {
    const sl = async (slFormula: string) => (await computeMetrics(db, day('2026-03-10', { slFormula }))).rows[0].service_level;
    expect(await sl('offered')).toBe(3 / 7);
    // icmi: answered 4 + abandoned or timed out after more than 20 s (c6 30 s, c7 120 s; not c4, c5) = 6
    expect(await sl('icmi')).toBe(3 / 6);
    expect(await sl('answered')).toBe(3 / 4);
  });

  it('moves calls across the service-level threshold when it is overridden', async () => {
    const { rows } = await computeMetrics(db, day('2026-03-10', { slThresholdS: 21 }));
    expect(rows[0].answered_within_sl).toBe(4); // c3's 21 s is now in
    expect(rows[0].service_level).toBe(4 / 7);
    const strict = await computeMetrics(db, day('2026-03-10', { slThresholdS: 19 }));
    expect(strict.rows[0].answered_within_sl).toBe(2); // c2's 20 s is now out
  });

  it('draws the short-abandon line strictly below the threshold', async () => {
    const at = async (shortAbandonS: number) => {
      const r = (await computeMetrics(db, day('2026-03-10', { shortAbandonS }))).rows[0];
      return [r.short_abandoned, r.lost, r.lost_rate, r.service_level];
    };
    expect(await at(4)).toEqual([0, 4, 4 / 8, 3 / 8]); // 4 s is not < 4 s
    expect(await at(5)).toEqual([1, 3, 3 / 7, 3 / 7]); // default: c4 only
    expect(await at(6)).toEqual([2, 2, 2 / 6, 3 / 6]); // c5's 5 s is now short too
  });

  it('uses the queue settings stored in the database unless the query overrides them', async () => {
    await db.run(`INSERT INTO queue_settings (queue, label, sl_threshold_s, short_abandon_s, sl_formula)
                  VALUES ('billing', 'Billing', 10, 5, 'answered')`);
    try {
      const stored = await computeMetrics(db, day('2026-03-10'));
      expect(stored.rows[0].answered_within_sl).toBe(1); // within 10 s: only c8 (8 s)
      expect(stored.rows[0].service_level).toBe(1 / 4); // answered formula: 1 / 4
      expect(stored.settings.queues).toEqual([
        {
          queue: 'billing',
          label: 'Billing',
          sl_threshold_s: 10,
          short_abandon_s: 5,
          sl_formula: 'answered',
          source: { sl_threshold_s: 'queue', short_abandon_s: 'queue', sl_formula: 'queue' }
        }
      ]);
      const overridden = await computeMetrics(db, day('2026-03-10', { slFormula: 'offered', slThresholdS: 20 }));
      expect(overridden.rows[0].service_level).toBe(3 / 7);
      expect(overridden.settings.queues[0].source).toEqual({ sl_threshold_s: 'query', short_abandon_s: 'queue', sl_formula: 'query' });
    } finally {
      await db.run(`DELETE FROM queue_settings`);
    }
  });

  it('answers null, never 0, for a rate or mean with a zero denominator', async () => {
    // 2026-03-11 holds one call: abandoned after 2 s, a short abandon.
    const { rows } = await computeMetrics(db, day('2026-03-11'));
    expect(rows[0]).toMatchObject({ offered: 1, abandoned: 1, short_abandoned: 1, lost: 0, answered: 0 });
    expect(rows[0]).toMatchObject({ lost_rate: null, service_level: null, asa_s: null, aht_s: null });
    expect(rows[0]).toMatchObject({ avg_abandon_wait_s: 2, max_wait_s: 2 });
    for (const slFormula of ['icmi', 'answered']) {
      expect((await computeMetrics(db, day('2026-03-11', { slFormula }))).rows[0].service_level).toBeNull();
    }
    // A day without calls still has its row.
    const empty = await computeMetrics(db, day('2026-03-09'));
    expect(empty.rows).toEqual([
      {
        period_start: '2026-03-09',
        offered: 0, answered: 0, abandoned: 0, short_abandoned: 0, timed_out: 0, blocked: 0, lost: 0, lost_rate: null,
        answered_within_sl: 0, service_level: null, asa_s: null, aht_s: null, avg_abandon_wait_s: null,
        max_wait_s: null, ring_no_answer: 0, transferred: 0
      }
    ]);
  });

  it('groups by rep, naming reps from the roster, with the ringing rep owning ring-no-answers', async () => {
    await db.run(`INSERT INTO roster VALUES ('PJSIP/7001', 'ana-diaz', 'Ana Diaz', 'Billing', true)`);
    try {
      const { rows, definitions } = await computeMetrics(db, day('2026-03-10', { group: 'rep' }));
      expect(rows.map((r) => [r.rep, r.rep_interface, r.offered, r.answered, r.ring_no_answer, r.transferred, r.asa_s])).toEqual([
        ['Ana Diaz', 'PJSIP/7001', 2, 2, 1, 1, 10], // c1, c8: waits 12 and 8; rang on c2 without answering
        ['PJSIP/7002', 'PJSIP/7002', 2, 2, 0, 0, 20.5], // c2, c3: waits 20 and 21
        [null, null, 4, 0, 0, 0, null] // c4..c7: nobody answered
      ]);
      expect(Object.keys(rows[0])).toEqual(metricKeys('rep'));
      expect(definitions.map((d) => d.key)).toEqual(metricKeys('rep'));
    } finally {
      await db.run(`DELETE FROM roster`);
    }
  });

  it('filters one queue and rejects an unknown one', async () => {
    const { rows } = await computeMetrics(db, day('2026-03-10', { queue: 'billing', group: 'queue' }));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ queue: 'billing', offered: 8 });
    await expect(computeMetrics(db, day('2026-03-10', { queue: 'bilin' }))).rejects.toThrow(/Unknown queue "bilin".*billing/);
  });

  it('carries the settings and definitions that produced the figures', async () => {
    const r = await computeMetrics(db, day('2026-03-10', { slThresholdS: 30 }));
    expect(r.settings).toMatchObject({
      time_zone: TZ, from: '2026-03-10', to: '2026-03-10', by: 'day', group: 'none', interval_minutes: null,
      overrides: { sl_threshold_s: 30, short_abandon_s: null, sl_formula: null },
      defaults: { sl_threshold_s: 20, short_abandon_s: 5, sl_formula: 'offered' }
    });
    expect(r.definitions.map((d) => d.key)).toEqual(metricKeys('none'));
    expect(r.definitions.find((d) => d.key === 'service_level')!.settings).toContain('sl_formula');
  });
});

describe('queue-move.queue_log: one call, two queue visits', () => {
  let db: Database;
  beforeAll(async () => {
    db = await fixtureDb('queue-move.queue_log');
  });
  afterAll(() => db.close());

  // 10:00 enters trash, 7003 does not answer, times out at 10:01 (wait 60); enters billing at once,
  // 7001 answers after 10 s, talks 240 s.
  it('is a lost visit in the first queue and an answered visit in the second', async () => {
    const { rows } = await computeMetrics(db, day('2026-03-10', { group: 'queue' }));
    expect(rows.map((r) => [r.queue, r.offered, r.answered, r.timed_out, r.lost, r.asa_s, r.aht_s, r.max_wait_s, r.ring_no_answer])).toEqual([
      ['billing', 1, 1, 0, 0, 10, 240, 10, 0],
      ['trash', 1, 0, 1, 1, null, null, 60, 1]
    ]);
    const total = (await computeMetrics(db, day('2026-03-10'))).rows[0];
    expect(total).toMatchObject({ offered: 2, answered: 1, timed_out: 1, lost: 1, lost_rate: 1 / 2, service_level: 1 / 2 });
  });
});

describe('dst-days.queue_log: America/Chicago days of 23 and 25 hours', () => {
  let db: Database;
  beforeAll(async () => {
    db = await fixtureDb('dst-days.queue_log');
  });
  afterAll(() => db.close());

  const offered = (rows: { period_start: string; offered: number }[]) =>
    Object.fromEntries(rows.filter((r) => r.offered > 0).map((r) => [r.period_start, r.offered]));

  it('keeps 2026-03-08 (23 h) whole: 00:10, 01:59:30 CST, 03:00:30 CDT and 23:59 are all that day', async () => {
    const { rows } = await computeMetrics(db, { from: '2026-03-07', to: '2026-03-09', by: 'day', timeZone: TZ });
    expect(offered(rows)).toEqual({ '2026-03-07': 1, '2026-03-08': 4, '2026-03-09': 1 });
  });

  it('has 23 hourly and 92 quarter-hour intervals on 2026-03-08, with no 02:00', async () => {
    const hourly = await computeMetrics(db, { from: '2026-03-08', to: '2026-03-08', by: 'interval', intervalMinutes: 60, timeZone: TZ });
    expect(hourly.rows).toHaveLength(23);
    expect(hourly.rows.map((r) => r.period_start)).not.toContain('2026-03-08T02:00:00');
    expect(offered(hourly.rows)).toEqual({
      '2026-03-08T00:00:00': 1,
      '2026-03-08T01:00:00': 1,
      '2026-03-08T03:00:00': 1, // 30 s after the previous call in real time
      '2026-03-08T23:00:00': 1
    });
    const quarter = await computeMetrics(db, { from: '2026-03-08', to: '2026-03-08', by: 'interval', intervalMinutes: 15, timeZone: TZ });
    expect(quarter.rows).toHaveLength(92);
    expect(offered(quarter.rows)).toMatchObject({ '2026-03-08T01:45:00': 1, '2026-03-08T03:00:00': 1 });
  });

  it('keeps 2026-11-01 (25 h) whole and puts both passes of 01:30 in one interval', async () => {
    const days = await computeMetrics(db, { from: '2026-10-31', to: '2026-11-02', by: 'day', timeZone: TZ });
    expect(offered(days.rows)).toEqual({ '2026-10-31': 1, '2026-11-01': 4, '2026-11-02': 1 });
    const hourly = await computeMetrics(db, { from: '2026-11-01', to: '2026-11-01', by: 'interval', intervalMinutes: 60, timeZone: TZ });
    expect(hourly.rows).toHaveLength(24);
    expect(offered(hourly.rows)).toEqual({ '2026-11-01T00:00:00': 1, '2026-11-01T01:00:00': 2, '2026-11-01T23:00:00': 1 });
    const half = await computeMetrics(db, { from: '2026-11-01', to: '2026-11-01', by: 'interval', intervalMinutes: 30, timeZone: TZ });
    expect(half.rows).toHaveLength(48);
    expect(half.rows.find((r) => r.period_start === '2026-11-01T01:30:00')!.offered).toBe(2);
  });

  it('cuts the same instants differently in another zone', async () => {
    // 2026-03-08 01:59:30 CST is 07:59:30 UTC and 03:00:30 CDT is 08:00:30 UTC.
    const { rows } = await computeMetrics(db, { from: '2026-03-08', to: '2026-03-08', by: 'interval', intervalMinutes: 60, timeZone: 'UTC' });
    expect(rows).toHaveLength(24);
    expect(offered(rows)).toMatchObject({ '2026-03-08T07:00:00': 1, '2026-03-08T08:00:00': 1 });
  });
});

describe('calendar-edges.queue_log: ISO week 53 and quarter edges', () => {
  let db: Database;
  beforeAll(async () => {
    db = await fixtureDb('calendar-edges.queue_log');
  });
  afterAll(() => db.close());

  const counts = async (opts: Partial<MetricsOptions>) =>
    Object.fromEntries(
      (await computeMetrics(db, { from: '', to: '', timeZone: TZ, ...opts } as MetricsOptions)).rows.map((r) => [r.period_start, r.offered])
    );

  it('puts 2026-12-28 .. 2027-01-03 in one ISO week 53 starting on Monday', async () => {
    expect(await counts({ from: '2026-12-27', to: '2027-01-04', by: 'week' })).toEqual({
      '2026-12-21': 1, // Sunday 12-27 ends week 52
      '2026-12-28': 4, // Mon 00:00:10, Thu 23:59, Fri 2027-01-01 00:00:10, Sun 2027-01-03 23:59
      '2027-01-04': 1 // Monday: week 1 of 2027
    });
  });

  it('splits months and quarters at local midnight', async () => {
    expect(await counts({ from: '2026-12-27', to: '2027-01-04', by: 'month' })).toEqual({ '2026-12-01': 3, '2027-01-01': 3 });
    expect(await counts({ from: '2026-03-31', to: '2026-04-01', by: 'quarter' })).toEqual({ '2026-01-01': 1, '2026-04-01': 1 });
    expect(await counts({ from: '2026-09-30', to: '2027-01-04', by: 'quarter' })).toEqual({
      '2026-07-01': 1, // 09-30 23:59
      '2026-10-01': 4, // 10-01 00:00:00, 12-27, 12-28, 12-31
      '2027-01-01': 3
    });
  });

  it('totals a range under its first day, and rows run over every period of the range', async () => {
    expect(await counts({ from: '2026-03-31', to: '2027-01-04', by: 'total' })).toEqual({ '2026-03-31': 10 });
    const days = await computeMetrics(db, { from: '2026-12-27', to: '2027-01-04', by: 'day', timeZone: TZ });
    expect(days.rows).toHaveLength(9);
  });
});

describe('option checks', () => {
  let db: Database;
  beforeAll(async () => {
    db = await fixtureDb('service-level.queue_log');
  });
  afterAll(() => db.close());

  it.each([
    [{ from: '2026-02-30' }, 'from "2026-02-30" is not a date'],
    [{ to: '10/03/2026' }, 'to "10/03/2026" is not a date'],
    [{ from: '2026-03-11', to: '2026-03-10' }, 'from 2026-03-11 is after to 2026-03-10'],
    [{ by: 'year' }, 'by "year" is not one of interval, day, week, month, quarter, total'],
    [{ group: 'team' }, 'group "team" is not one of none, queue, rep'],
    [{ by: 'interval', intervalMinutes: 20 }, 'interval minutes "20" is not one of 15, 30, 60'],
    [{ slFormula: 'asa' }, 'sl formula "asa" is not one of offered, icmi, answered'],
    [{ slThresholdS: -1 }, 'sl threshold "-1" is not a number of seconds'],
    [{ shortAbandonS: 'five' }, 'short abandon threshold "five" is not a number of seconds'],
    [{ timeZone: 'Mars/Olympus' }, 'Unknown time zone "Mars/Olympus"'],
    [{ from: '2025-01-01', to: '2026-03-10', by: 'interval' }, 'from 2025-01-01 to 2026-03-10 covers 434 days; at most 366'],
    [{ from: '2010-01-01', to: '2026-03-10' }, 'at most 3660 can be asked at once']
  ])('%o → InputError', async (bad, message) => {
    const err = await computeMetrics(db, { ...day('2026-03-10'), ...bad } as MetricsOptions).catch((e) => e);
    expect(err).toBeInstanceOf(InputError);
    expect(err.message).toContain(message);
  });
});

// fixtures/queue-logs/README.md, turned-away.queue_log: 2026-03-10 billing, t1 09:00 answered after 10 s,
// talk 100 · t2 09:10 abandons after 30 s · t3 09:20 JOINEMPTY · t4 09:30 FULL · t5 09:40 EXITEMPTY after
// 45 s; 2026-03-11 t6 09:00 JOINUNAVAIL, the same callid enters at 09:01 and 7002 answers after 5 s.
describe('turned-away.queue_log (callers refused at the door: blocked)', () => {
  let db: Database;
  beforeAll(async () => {
    db = await fixtureDb('turned-away.queue_log');
  });
  afterAll(() => db.close());

  it('counts one answered, one abandoned, one JOINEMPTY, one FULL and one EXITEMPTY as 5 offered', async () => {
    for (const useSummary of [false, true]) {
      if (useSummary) expect(await db.one('SELECT sum(blocked) AS b FROM call_slices')).toEqual({ b: 3 });
      const { rows } = await computeMetrics(db, day('2026-03-10', useSummary ? {} : { slThresholdS: 20 }));
      expect(rows).toEqual([
        {
          period_start: '2026-03-10',
          offered: 5, // t1..t5
          answered: 1, // t1
          abandoned: 1, // t2
          short_abandoned: 0,
          timed_out: 1, // t5 EXITEMPTY
          blocked: 2, // t3 JOINEMPTY, t4 FULL
          lost: 4, // (1 − 0) + 1 + 2
          lost_rate: 4 / 5, // 4 / (5 − 0)
          answered_within_sl: 1, // t1 10 s
          service_level: 1 / 5, // offered formula: 1 / (5 − 0)
          asa_s: 10,
          aht_s: 100,
          avg_abandon_wait_s: 30,
          max_wait_s: 45, // t5; a refused caller waits 0
          ring_no_answer: 0,
          transferred: 0
        }
      ]);
    }
  });

  it('puts blocked in the icmi denominator and not in the answered one', async () => {
    const sl = async (slFormula: string) => (await computeMetrics(db, day('2026-03-10', { slFormula }))).rows[0].service_level;
    // icmi: answered 1 + abandoned/timed out after more than 20 s (t2 30 s, t5 45 s) + blocked 2 = 5
    expect(await sl('icmi')).toBe(1 / 5);
    expect(await sl('answered')).toBe(1);
  });

  it('keeps a refusal and a later visit of the same callid apart', async () => {
    const { rows } = await computeMetrics(db, day('2026-03-11'));
    expect(rows[0]).toMatchObject({ offered: 2, answered: 1, blocked: 1, lost: 1, lost_rate: 1 / 2, answered_within_sl: 1, asa_s: 5 });
  });

  it('shows when callers were turned away, per interval and queue', async () => {
    const { rows } = await computeMetrics(db, { from: '2026-03-10', to: '2026-03-10', by: 'interval', intervalMinutes: 15, group: 'queue', timeZone: TZ });
    const refused = rows.filter((r) => r.blocked > 0).map((r) => [r.period_start, r.queue, r.blocked]);
    expect(refused).toEqual([['2026-03-10T09:15:00', 'billing', 1], ['2026-03-10T09:30:00', 'billing', 1]]);
  });
});
