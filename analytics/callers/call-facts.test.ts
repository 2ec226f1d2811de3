// call_facts must give exactly the repeat rate and lost-call follow-up of their definitions
// (repeat-callers.sql, lost-call-follow-up-by-period.sql), for every period, with and without a
// queue, whatever the windows: on four weeks of the demo center, a real PBXware export and a generated center
// loaded in two parts (the second appended, its facts refreshed incrementally, equal to a full
// rebuild); and they must never be read once they no longer match the calls.
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../sql/db.ts';
import { ingestFile } from '../../ingest/load.ts';
import { realdata } from '../../fixtures/paths.ts';
import { writeCenterInTwoParts } from '../../fixtures/scale/generate-queue-log.ts';
import { FOLLOW_UP_FACTS_MAX_S, REPEAT_FACTS_MAX_S, callFactsUsable, catchUpCallFacts, rebuildCallFacts } from './call-facts.ts';
import { demoDatabase, DEMO_TZ } from '../test-support/coverage-demo-db.ts';
import { followUpByPeriod } from './follow-up.ts';
import { DEFAULT_SHORT_ABANDON_S } from '../metrics/metric-query.ts';
import { repeatCallers } from './repeat-callers.ts';

type Row = Record<string, unknown>;
interface Case {
  from: string;
  to: string;
  tz: string;
  queue: string | null;
}

/**
 * The rows in one order (the query's own order leaves a total and a rep row without a rep tied), the
 * rep's name and id only where they mean something: rep rows (elsewhere any rep's, either way).
 */
const sorted = (rows: Row[]) =>
  rows
    .map((r) => (r.level === 'rep' ? r : { ...r, rep_name: undefined, rep_id: undefined }))
    .sort((a, b) => JSON.stringify([a.period_start, a.level, a.queue, a.rep_interface]).localeCompare(JSON.stringify([b.period_start, b.level, b.queue, b.rep_interface])));

const BYS = ['total', 'week', 'month', 'quarter'] as const;
/**
 * Four weeks of the demo (Monday 16 March - Sunday 12 April), not all seventeen: the definitions the
 * facts are held to read every call in range, and four weeks still cut every period (two months, two
 * quarters) and start and end with calls on both sides, within every look-back and follow-up window.
 */
const DEMO_RANGE = { from: '2026-03-16', to: '2026-04-12' };
/**
 * The generated center at 12,000 calls over its six weeks, not 40,000: the same reps and callers per
 * call (generate-queue-log.ts), hundreds of repeats and recoveries, a third of the comparisons' cost.
 */
const GENERATED_CALLS = 12_000;
const REPEAT_WINDOWS = [72 * 3600, 3600, 600.5, REPEAT_FACTS_MAX_S];
const FOLLOW_UP_WINDOWS = [24 * 3600, 900, 7 * 86_400, FOLLOW_UP_FACTS_MAX_S];

/** Compares both ways of every figure for each period, window and short-abandon threshold; returns the totals seen. */
async function expectSameBothWays(db: Database, c: Case): Promise<{ rows: number; repeats: number; recovered: number }> {
  const use = await callFactsUsable(db);
  expect(use, 'the facts are current').toEqual({ repeat: true, followUp: true });
  const seen = { rows: 0, repeats: 0, recovered: 0 };
  const common = { from: c.from, to: c.to, tz: c.tz, queue: c.queue };
  for (const by of BYS) {
    for (const window_s of REPEAT_WINDOWS) {
      const p = { ...common, by, window_s };
      const [facts, calls] = [await db.query<Row>('repeat-callers', { ...p, from_facts: true }), await db.query<Row>('repeat-callers', { ...p, from_facts: false })];
      expect(sorted(facts), `repeat ${c.from} ${by} ${c.queue} ${window_s}`).toEqual(sorted(calls));
      seen.rows += calls.length;
      seen.repeats += calls.filter((r) => r.level === 'total').reduce((n, r) => n + Number(r.repeat_calls), 0);
    }
    for (const window_s of FOLLOW_UP_WINDOWS) {
      for (const short_abandon_s of [null, 30]) {
        const p = { ...common, by, window_s, short_abandon_s, default_short_abandon_s: DEFAULT_SHORT_ABANDON_S };
        const [facts, calls] = [
          await db.query<Row>('lost-call-follow-up-by-period', { ...p, from_facts: true }),
          await db.query<Row>('lost-call-follow-up-by-period', { ...p, from_facts: false })
        ];
        expect(facts, `follow-up ${c.from} ${by} ${c.queue} ${window_s} ${short_abandon_s}`).toEqual(calls);
        seen.rows += calls.length;
        seen.recovered += calls.reduce((n, r) => n + Number(r.recovered), 0);
      }
    }
  }
  return seen;
}

const factRows = async (db: Database) => [
  await db.all('SELECT * FROM call_facts ORDER BY file_id, line_no'),
  await db.all('SELECT * FROM lost_call_facts ORDER BY file_id, line_no')
];

describe('call_facts on the demo center', () => {
  let demo: Awaited<ReturnType<typeof demoDatabase>>;
  beforeAll(async () => {
    demo = await demoDatabase();
    // The cached demo database may predate a change of how the facts are built: built afresh.
    await demo.db.transaction((conn) => rebuildCallFacts(demo.db, conn));
  }, 300_000);
  afterAll(() => demo?.dispose());

  it('gives the figures of the definitions, with and without a queue', async () => {
    const queue = (await demo.db.one<{ queue: string }>(`SELECT min(queue) AS queue FROM calls WHERE direction = 'inbound'`))!.queue;
    for (const q of [null, queue]) {
      const seen = await expectSameBothWays(demo.db, { ...DEMO_RANGE, tz: DEMO_TZ, queue: q });
      expect(seen.rows).toBeGreaterThan(100);
      expect(seen.repeats, `repeats, queue ${q}`).toBeGreaterThan(100);
      expect(seen.recovered, `recoveries, queue ${q}`).toBeGreaterThan(100);
    }
  }, 300_000);
});

describe('call_facts on a real export and a generated center loaded in two parts', () => {
  let db: Database;
  let dir: string;
  let generated: string;
  let later: string;
  beforeAll(async () => {
    db = await openDatabase(':memory:');
    dir = mkdtempSync(join(tmpdir(), 'callboard-facts-'));
    await ingestFile(db, realdata('pbxware-queue-cdr-2018/queue_log.csv'), { timeZone: 'America/New_York' });
    await ingestFile(db, realdata('pbxware-queue-cdr-2018/cdr.csv'), { timeZone: 'America/New_York' });
    // Six weeks of a five-queue center, loaded in two parts: the second appended.
    generated = join(dir, 'queue_log');
    later = (await writeCenterInTwoParts(generated, { calls: GENERATED_CALLS })).rest;
    await ingestFile(db, generated, { timeZone: 'America/Chicago' });
    // Loads only note what they changed; the facts catch up afterwards (the first time: all of them).
    expect(await callFactsUsable(db)).toEqual({ repeat: false, followUp: false });
    expect(await catchUpCallFacts(db)).toBe('full');
    expect(await catchUpCallFacts(db)).toBe('current');
  }, 120_000);
  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives the figures of the definitions on the PBXware export', async () => {
    let recovered = 0;
    let repeats = 0;
    for (const queue of [null, 'Sales']) {
      const seen = await expectSameBothWays(db, { from: '2018-11-29', to: '2018-12-04', tz: 'America/New_York', queue });
      recovered += seen.recovered;
      repeats += seen.repeats;
    }
    expect(repeats).toBeGreaterThan(10);
    expect(recovered).toBeGreaterThan(5);
  });

  it('refreshes only what an appended load changes, equal to a full rebuild and to the definitions', async () => {
    appendFileSync(generated, later);
    const s = await ingestFile(db, generated, { timeZone: 'America/Chicago' });
    expect(s.calls_added).toBeGreaterThan(0.75 * (GENERATED_CALLS / 5)); // most of the last fifth of the calls
    expect(await callFactsUsable(db), 'stale while the load waits for them').toEqual({ repeat: false, followUp: false });
    expect(await catchUpCallFacts(db)).toBe('partial');
    expect(await callFactsUsable(db)).toEqual({ repeat: true, followUp: true });
    const appended = await factRows(db);
    await db.transaction((conn) => rebuildCallFacts(db, conn));
    expect(appended).toEqual(await factRows(db));
    for (const queue of [null, 'billing']) {
      const seen = await expectSameBothWays(db, { from: '2026-02-01', to: '2026-03-31', tz: 'America/Chicago', queue });
      expect(seen.repeats).toBeGreaterThan(100);
      expect(seen.recovered).toBeGreaterThan(100);
    }
  }, 300_000);

  it('is never read once calls change behind it, and a failed change leaves it matching the calls', async () => {
    const opts = { from: '2026-02-01', to: '2026-03-31', timeZone: 'America/Chicago' };
    const definition = (window_s: number) =>
      db.query<Row>('repeat-callers', { by: 'total', from: opts.from, to: opts.to, tz: opts.timeZone, queue: null, window_s, from_facts: false });
    // A transaction that changes calls and the facts, then fails: both as they were.
    await db
      .transaction(async (conn) => {
        await conn.run(`DELETE FROM calls WHERE enter_ts >= TIMESTAMPTZ '2026-03-01 00:00:00+00'`);
        await rebuildCallFacts(db, conn);
        throw new Error('killed');
      })
      .catch(() => undefined);
    expect(await callFactsUsable(db)).toEqual({ repeat: true, followUp: true });

    // A change written some other way than by a load: the facts no longer answer, the calls do.
    await db.run(`DELETE FROM calls WHERE outcome = 'answered' AND enter_ts >= TIMESTAMPTZ '2026-03-01 00:00:00+00'`);
    expect(await callFactsUsable(db)).toEqual({ repeat: false, followUp: false });
    const r = await repeatCallers(db, { ...opts, windowS: 86_400 });
    const total = (await definition(86_400)).find((x) => x.level === 'total')!;
    expect(r.total.repeat_calls).toBe(total.repeat_calls);
    // A day's follow-up window: the center's lost callers call back within a day often enough to count.
    const f = await followUpByPeriod(db, { ...opts, by: 'month', windowS: 86_400 });
    const p = { by: 'month', from: opts.from, to: opts.to, tz: opts.timeZone, queue: null, window_s: 86_400, short_abandon_s: null, default_short_abandon_s: DEFAULT_SHORT_ABANDON_S };
    expect(f.map((x) => x.recovered)).toEqual((await db.query<Row>('lost-call-follow-up-by-period', { ...p, from_facts: false })).map((x) => x.recovered));
    // (the facts, if read, would still count recoveries by the deleted answered calls)
    expect(f.map((x) => x.recovered)).not.toEqual(
      (await db.query<Row>('lost-call-follow-up-by-period', { ...p, from_facts: true })).map((x) => x.recovered)
    );
    expect(await catchUpCallFacts(db), 'no load noted the change: all of them again').toBe('full');
    expect(await callFactsUsable(db)).toEqual({ repeat: true, followUp: true });
    await expectSameBothWays(db, { from: opts.from, to: opts.to, tz: opts.timeZone, queue: null });
  }, 300_000);
});
