// The call_slices summary must give exactly the figures counting every call gives: for every period
// and grouping it serves, on real exports (PBXware queue_log, the Anonymous Bank CSV through its
// mapping) and a generated center; after an appended load (only the new slices rebuilt); after
// settings change; and it must never be read once it no longer matches the calls.
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../sql/db.ts';
import { ingestFile } from '../../ingest/load.ts';
import { realdata } from '../../fixtures/paths.ts';
import { writeCenterInTwoParts } from '../../fixtures/scale/generate-queue-log.ts';
import { callSlicesUsable, refreshCallSlices } from '../../sql/upkeep/call-slices.ts';
import { checkMetricsOptions, computeMetrics, metricParams, slicesFor, type MetricsOptions } from './metrics.ts';
import { PERIODS } from './metric-query.ts';

type Row = Record<string, unknown>;

/** The rows of call-metrics.sql read from the summary and from the calls, for one query. */
async function bothWays(db: Database, opts: MetricsOptions): Promise<{ slices: Row[]; calls: Row[] }> {
  const q = checkMetricsOptions(opts);
  const [slices, calls] = [await db.query('call-metrics', metricParams(q, true)), await db.query('call-metrics', metricParams(q, false))];
  return { slices, calls };
}

/** Equal, but for the last bits of averages summed in another order. */
function expectSameFigures(a: Row[], b: Row[], label: string): void {
  expect(a.length, label).toBe(b.length);
  a.forEach((row, i) => {
    for (const [k, v] of Object.entries(row)) {
      const w = b[i][k];
      if (typeof v === 'number' && typeof w === 'number' && !Number.isInteger(v)) expect(v, `${label} row ${i} ${k}`).toBeCloseTo(w, 9);
      else expect(v, `${label} row ${i} ${k}`).toEqual(w);
    }
  });
}

const summaryRows = (db: Database) => db.all('SELECT * FROM call_slices ORDER BY slice_ts, queue');

describe('call_slices on real exports and a generated center', () => {
  let db: Database;
  let dir: string;
  let generated: string;
  let later: string;
  beforeAll(async () => {
    db = await openDatabase(':memory:');
    dir = mkdtempSync(join(tmpdir(), 'callboard-slices-'));
    await ingestFile(db, realdata('pbxware-queue-cdr-2018/queue_log.csv'), { timeZone: 'America/New_York' });
    await ingestFile(db, realdata('anonymous-bank-1999/february_1999.txt.gz'), {
      timeZone: 'UTC', mapping: 'fixtures/mappings/anonymous-bank-1999.json'
    });
    // Six weeks of a five-queue center (90 s between calls), loaded in two parts: the second appended.
    generated = join(dir, 'queue_log');
    later = (await writeCenterInTwoParts(generated)).rest;
    await ingestFile(db, generated, { timeZone: 'America/Chicago' });
  }, 120_000);
  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is current after each load and gives the figures of every call, for each period and grouping', async () => {
    expect(await callSlicesUsable(db)).toBe(true);
    // `day`: the one the interval view is asked for.
    const cases: (MetricsOptions & { day: string })[] = [
      { from: '2018-11-29', to: '2018-12-04', day: '2018-12-03', timeZone: 'America/New_York' },
      { from: '1999-02-01', to: '1999-02-28', day: '1999-02-10', timeZone: 'Asia/Jerusalem' },
      { from: '2026-02-01', to: '2026-03-31', day: '2026-02-10', timeZone: 'America/Chicago' }
    ];
    let compared = 0;
    for (const { day, ...c } of cases) {
      for (const by of PERIODS) {
        const range = by === 'interval' ? { from: day, to: day } : {};
        for (const group of ['none', 'queue'] as const) {
          const { slices, calls } = await bothWays(db, { ...c, ...range, by, group });
          expect(calls.some((r) => Number(r.offered) > 0), `${c.from} ${by} ${group} has calls`).toBe(true);
          expectSameFigures(slices, calls, `${c.from} ${by} ${group}`);
          compared += calls.length;
        }
      }
      // The settings the figures were judged by list the same queues either way.
      const q = checkMetricsOptions({ ...c, by: 'total' });
      const settings = await db.query('metric-settings', metricParams(q, true));
      expect(settings.length).toBeGreaterThan(0);
      expect(settings).toEqual(await db.query('metric-settings', metricParams(q, false)));
      const oneQueue = (await db.one<{ queue: string }>('SELECT min(queue) AS queue FROM call_slices'))!.queue;
      const { slices, calls } = await bothWays(db, { ...c, by: 'week', group: 'queue', queue: oneQueue });
      expectSameFigures(slices, calls, `${c.from} one queue`);
    }
    expect(compared).toBeGreaterThan(500);
  });

  it('serves computeMetrics only where it gives the same answer', async () => {
    const base = { from: '2026-02-01', to: '2026-03-31', timeZone: 'America/Chicago' };
    expect(await slicesFor(db, checkMetricsOptions({ ...base, group: 'queue' }))).toBe(true);
    expect(await slicesFor(db, checkMetricsOptions({ ...base, group: 'rep' }))).toBe(false);
    expect(await slicesFor(db, checkMetricsOptions({ ...base, slThresholdS: 30 }))).toBe(false);
    expect(await slicesFor(db, checkMetricsOptions({ ...base, slFormula: 'icmi' }))).toBe(false);
  });

  it('rebuilds only the new slices of an appended load, and they equal a full rebuild', async () => {
    const before = (await summaryRows(db)).length;
    appendFileSync(generated, later);
    const s = await ingestFile(db, generated, { timeZone: 'America/Chicago' });
    expect(s.calls_added).toBeGreaterThan(6_000); // most of the last fifth of 40,000 calls
    expect(await callSlicesUsable(db)).toBe(true);
    const appended = await summaryRows(db);
    expect(appended.length).toBeGreaterThan(before);
    await db.transaction((conn) => refreshCallSlices(db, conn));
    expect(appended).toEqual(await summaryRows(db));
    // The appended days run across the spring-forward Sunday (8 March, a 23-hour day).
    for (const [by, from, to] of [['day', '2026-03-01', '2026-03-15'], ['interval', '2026-03-09', '2026-03-09']]) {
      const { slices, calls } = await bothWays(db, { from, to, by, timeZone: 'America/Chicago' });
      expect(calls.filter((r) => Number(r.offered) > 0).length, by).toBeGreaterThan(5);
      expectSameFigures(slices, calls, `appended, by ${by}`);
    }
  });

  it('follows a change of a queue\'s settings, and is never read once calls change behind it', async () => {
    const opts = { from: '2026-02-01', to: '2026-03-31', timeZone: 'America/Chicago', by: 'month', group: 'queue' };
    const sl = async () => (await computeMetrics(db, opts)).rows.find((r) => r.queue === 'billing')!.answered_within_sl;
    const at20 = await sl();
    await db.run(`INSERT OR REPLACE INTO queue_settings (queue, sl_threshold_s) VALUES ('billing', 60)`);
    expect(await callSlicesUsable(db)).toBe(false); // stale: figures come from the calls meanwhile
    const at60 = await sl();
    expect(at60).toBeGreaterThan(at20);
    await db.transaction((conn) => refreshCallSlices(db, conn)); // what saving settings does
    expect(await callSlicesUsable(db)).toBe(true);
    expect(await sl()).toBe(at60);
    const { slices, calls } = await bothWays(db, opts);
    expectSameFigures(slices, calls, 'after the settings change');

    // A call written some other way than by a load: the summary no longer answers.
    await db.run(`INSERT INTO calls (source, file_id, line_no, callid, queue, enter_ts, outcome, wait_s)
                  VALUES ('csv', 999, 1, 'x-1', 'billing', TIMESTAMPTZ '2026-02-10 15:00:00+00', 'answered', 3)`);
    expect(await callSlicesUsable(db)).toBe(false);
    const offered = (await computeMetrics(db, { ...opts, by: 'total', group: 'none' })).rows[0].offered;
    const counted = (await db.one<{ n: number }>(
      `SELECT count(*) AS n FROM calls WHERE direction = 'inbound' AND outcome IS NOT NULL
         AND enter_ts >= TIMESTAMPTZ '2026-02-01 06:00:00+00' AND enter_ts < TIMESTAMPTZ '2026-04-01 05:00:00+00'`
    ))!.n;
    expect(offered).toBe(counted);
  });
});
