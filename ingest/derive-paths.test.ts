// The loader rebuilds queue visits two ways: the definition (sql/derive-queue-visits.sql: windows over
// all of a callid's events, orphan halves of transfers stitched) and the fast path for callids first
// seen in a load whose visits are simple (sql/derive-new-queue-visits.sql). Both must give the same
// rows, for ordinary logs and for every odd case a PBX writes: a queue entered twice, events before the
// entry or after the end, two CONNECTs or two endings, orphans, missing fields, DIDs, lines out of order,
// a log that grows mid-visit, callids carried from one file to the next, and several passes of the
// fast path. Each case loads the same files into three databases, one per way (the definition, the
// fast path in one pass, and in passes of a few hundred lines), and compares everything.
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Database } from '../sql/db.ts';
import { FIXTURES, PROJECT, golden, realdata } from '../fixtures/paths.ts';
import { writeScaleQueueLog } from '../fixtures/scale/generate-queue-log.ts';
import { ingestFile, type LoadOptions } from './load.ts';
import { TZ, freshDb } from './test-db.ts';
import { mulberry32 } from '../app/server/demo/prng.ts';


/**
 * A queue_log of `calls` calls with every odd case mixed in, deterministic for a seed, starting at
 * `start` (epoch seconds; 250 calls span under an hour, the longest visit ten minutes).
 */
function oddQueueLog(seed: number, calls: number, start = 1773151200): string {
  const r = mulberry32(seed);
  const pick = <T>(a: T[]) => a[Math.floor(r() * a.length)];
  const queues = ['billing', 'pickups', 'spécial'];
  const agents = ['PJSIP/7001', 'PJSIP/7002', 'Agent/1127', ' PJSIP/7003 ', 'NONE', ''];
  const lines: Array<[number, string]> = [];
  let t = start;
  const put = (ts: number, line: string) => lines.push([ts, line]);
  for (const a of agents.slice(0, 4)) put(t, `${t}|NONE|${pick(queues)}|${a}|ADDMEMBER|`);
  const ids: string[] = [];
  for (let i = 0; i < calls; i++) {
    t += Math.floor(r() * 20);
    const id = r() < 0.05 && ids.length ? pick(ids) : `${t}.${i}`;
    ids.push(id);
    const q = r() < 0.95 ? pick(queues) : pick(['NONE', '']);
    const e = t;
    const caller = pick(['3125550100', '', 'anonymous', 'Unknown', '+13125550199', '55']);
    if (r() < 0.3) put(e - 1, `${e - 1}|${id}|${q}|NONE|DID|${pick(['5453030400', ' 800 ', ''])}`);
    if (r() < 0.03) put(e - 2, `${e - 2}|${id}|${q}|NONE|CONNECT|3|x|1`);
    const enter = r();
    if (enter < 0.6) put(e, `${e}|${id}|${q}|NONE|ENTERQUEUE||${caller}|${Math.floor(r() * 5)}`);
    else if (enter < 0.7) put(e, `${e}|${id}|${q}|NONE|ENTERQUEUE|${caller}`);
    else if (enter < 0.75) put(e, `${e}|${id}|${q}|NONE|ENTERQUEUE`);
    else if (enter < 0.8) put(e, `${e}|${id}|${q}|NONE|enterqueue|url|${caller}|2`);
    else if (enter < 0.85) put(e, ` ${e} | ${id} | ${q} |NONE| ENTERQUEUE |url|${caller}|2`);
    else if (enter >= 0.9) put(e, `${e}|${id}|${q}|NONE|ENTERQUEUE||${caller}|1`);
    for (let k = r() < 0.3 ? Math.floor(r() * 3) + 1 : 0; k > 0; k--) {
      put(e + k * 3 + Math.floor(r() * 3), `${e + k * 3}|${id}|${q}|${pick(agents)}|${pick(['RINGNOANSWER', 'RINGCANCELED'])}|${pick(['15000', '', 'x'])}`);
    }
    const wait = Math.floor(r() * 40);
    const o = r();
    const agent = pick(agents);
    if (o < 0.6) {
      if (r() < 0.9) put(e + wait, `${e + wait}|${id}|${q}|${agent}|CONNECT|${pick([String(wait), '', 'abc'])}|${id}9|3`);
      if (r() < 0.05) put(e + wait + 1, `${e + wait + 1}|${id}|${q}|${pick(agents)}|CONNECT|${wait + 1}|y|1`);
      const talk = Math.floor(r() * 300);
      const end = pick(['COMPLETECALLER', 'COMPLETEAGENT', 'TRANSFER', 'BLINDTRANSFER', 'ATTENDEDTRANSFER']);
      const data = end.startsWith('COMPLETE') ? `${wait}|${talk}|1` : `600|from-internal|${wait}|${talk}|1`;
      if (r() < 0.95) put(e + wait + talk, `${e + wait + talk}|${id}|${q}|${agent}|${end}|${r() < 0.1 ? '' : data}`);
    } else if (o < 0.85) {
      put(e + wait, `${e + wait}|${id}|${q}|NONE|ABANDON|1|1|${r() < 0.1 ? '' : wait}`);
    } else if (o < 0.95) {
      const ev = pick(['EXITWITHTIMEOUT', 'EXITEMPTY', 'EXITWITHKEY']);
      put(e + 600, `${e + 600}|${id}|${q}|NONE|${ev}|1|1|600${ev === 'EXITWITHKEY' ? '|4' : ''}`);
    }
    if (r() < 0.05) put(e + wait + 1, `${e + wait + 1}|${id}|${q}|NONE|ABANDON|1|1|9`);
    if (r() < 0.05) put(e + wait, `${e + wait}|${id}|${q}|NONE|ENTERQUEUE||${caller}|1`);
    if (r() < 0.05) {
      // An attended transfer: the other half logged under another callid, in another queue.
      const other = `${e + 5}.${i}x`;
      const q2 = pick(queues);
      put(e + 5, `${e + 5}|${other}|${q2}|NONE|ENTERQUEUE||7009|1`);
      put(e + 10, `${e + 10}|${other}|${q2}|PJSIP/7051|CONNECT|5|z|1`);
      put(e + 11, `${e + 11}|${id}|${q2}|PJSIP/7051|ATTENDEDTRANSFER|1|2|3|4`);
      put(e + 12, `${e + 12}|${id}|${q2}|PJSIP/7052|COMPLETEAGENT|5|173|1`);
    }
    if (r() < 0.02) put(e, pick(['', 'garbage line', `17731x|${id}|${q}|NONE|ENTERQUEUE||1|1`, `${e}.5|${id}|${q}|NONE|INFO|a|b|c|d|e|f|g`]));
    if (r() < 0.01) put(e, `${e}|NONE|NONE|${pick(agents)}|${pick(['PAUSE', 'UNPAUSE', 'REMOVEMEMBER', 'ADDMEMBER'])}|${pick(['Lunch', ''])}`);
  }
  lines.sort((a, b) => a[0] - b[0] + (r() < 0.05 ? 3 : 0)); // mostly in time order, as Asterisk writes
  return lines.map((l) => l[1]).join('\n') + '\n';
}

const DUMP = {
  calls: `SELECT source, file_id, line_no, callid, queue, direction, caller, did, enter_ts, connect_ts, end_ts, outcome,
                 end_event, agent, wait_s, talk_s, wrap_s, ring_no_answer, transferred, enter_position FROM calls ORDER BY ALL`,
  rings: 'SELECT * FROM ring_attempts ORDER BY ALL',
  states: 'SELECT * FROM rep_states ORDER BY ALL',
  events: 'SELECT * FROM queue_events ORDER BY file_id, line_no',
  quarantine: 'SELECT file_id, line_no, field, reason, raw FROM quarantine ORDER BY ALL'
};

/** Loads the steps (each a file, optionally written just before) one way; all that was derived. */
async function derived(steps: Array<{ path: string; write?: () => void }>, opts: Partial<LoadOptions>) {
  const db: Database = await freshDb();
  try {
    const summaries = [];
    for (const step of steps) {
      step.write?.();
      const { path: _path, ...s } = await ingestFile(db, step.path, { timeZone: TZ, ...opts });
      summaries.push(s);
    }
    const out: Record<string, unknown> = { summaries };
    for (const [k, q] of Object.entries(DUMP)) out[k] = await db.all(q);
    return out;
  } finally {
    db.close();
  }
}

async function expectSameBothWays(steps: () => Array<{ path: string; write?: () => void }>, partRows = 300) {
  const definition = await derived(steps(), { visits: 'definition' });
  expect(await derived(steps(), { visits: 'fast' })).toEqual(definition);
  expect(await derived(steps(), { visits: 'fast', partRows })).toEqual(definition);
  return definition as { calls: unknown[] };
}

describe('the fast path and the definition give the same rows', () => {
  const dir = mkdtempSync(join(tmpdir(), 'callboard-paths-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('for the golden and real exports', async () => {
    for (const path of [golden('basic.queue_log'), golden('queue_log_table.csv'), realdata('pbxware-queue-cdr-2018/queue_log.csv'),
      realdata('asterisk-queue_log-snippets/issue759_attendedtransfer.queue_log')]) {
      await expectSameBothWays(() => [{ path }]);
    }
  });

  it('for callers turned away (JOINEMPTY, FULL, JOINUNAVAIL), whole and grown after a refusal', async () => {
    const path = join(FIXTURES, 'queue-logs', 'turned-away.queue_log');
    const { calls } = await expectSameBothWays(() => [{ path }]);
    const blocked = (calls as Array<{ outcome: string; end_event: string; wait_s: number }>).filter((c) => c.outcome === 'blocked');
    expect(blocked.map((c) => [c.end_event, c.wait_s])).toEqual([['JOINEMPTY', 0], ['FULL', 0], ['JOINUNAVAIL', 0]]);
    // The refused callid enters the queue in a later load: a second visit, the refusal stays.
    const text = readFileSync(path, 'utf8');
    const cut = text.indexOf('1773237660|');
    const grown = join(dir, 'turned-away-grown');
    const both = await expectSameBothWays(() => [
      { path: grown, write: () => writeFileSync(grown, text.slice(0, cut)) },
      { path: grown, write: () => appendFileSync(grown, text.slice(cut)) }
    ]);
    expect(both.calls).toEqual(calls);
  });

  it('for refusals loaded before migration 016, as the migration derives them', async () => {
    const db = await freshDb();
    try {
      await ingestFile(db, join(FIXTURES, 'queue-logs', 'turned-away.queue_log'), { timeZone: TZ });
      const derived = await db.all(DUMP.calls);
      // A database from before 016: the refusals were unknown events and made no calls.
      await db.run(`DELETE FROM calls WHERE outcome = 'blocked'`);
      await db.run(`UPDATE queue_event_rows SET known = false FROM queue_log_names n
                    WHERE n.code = queue_event_rows.event_code AND n.name IN ('JOINEMPTY', 'JOINUNAVAIL', 'FULL')`);
      const migration = readFileSync(join(PROJECT, 'sql/migrations/016-blocked-and-excluded-calls.sql'), 'utf8');
      const backfill = migration.slice(migration.indexOf('INSERT INTO calls'), migration.indexOf('-- Blocked calls per slice'));
      await db.run(backfill);
      expect(await db.all(DUMP.calls)).toEqual(derived);
    } finally {
      db.close();
    }
  });

  it('for a scale log, whole and then grown', async () => {
    const file = join(dir, 'scale');
    await writeScaleQueueLog(file, { calls: 2000 });
    const more = join(dir, 'scale-more');
    await writeScaleQueueLog(more, { calls: 400, startEpoch: Date.UTC(2025, 0, 1, 13) / 1000 + 2000 * 3, seed: 3 });
    const whole = readFileSync(file);
    const grown = join(dir, 'scale-grown');
    const { calls } = await expectSameBothWays(() => [
      { path: grown, write: () => writeFileSync(grown, whole) },
      { path: grown, write: () => appendFileSync(grown, readFileSync(more)) }
    ], 2500);
    expect(calls).toHaveLength(2400);
  });

  // Four seeds' odd logs, each as it was on its own (its callids carry its start time), two hours
  // apart in one log: one database per way loads all four, at the same cut points and file boundaries
  // as four logs loaded apart (a load costs the same whatever its size here, so a quarter of the loads).
  it('for odd logs (seeds 1-4): whole, grown in pieces cut mid-line, and split over files', async () => {
    const seeds = [1, 2, 3, 4];
    const texts = seeds.map((seed, k) => oddQueueLog(seed, 250, 1773151200 + k * 7200));
    const starts = texts.map((_, k) => texts.slice(0, k).reduce((n, t) => n + t.length, 0));
    const text = texts.join('');
    const whole = join(dir, 'odd');
    writeFileSync(whole, text);
    const { calls } = await expectSameBothWays(() => [{ path: whole }]);
    expect(calls.length).toBeGreaterThan(4 * 200);

    // Each seed's log grown in five pieces: four cuts in it, at random (mid-line as often as not).
    const cuts = [0, ...seeds.flatMap((seed, k) => {
      const r = mulberry32(seed * 101);
      return Array.from({ length: 4 }, () => starts[k] + Math.floor(r() * texts[k].length)).sort((a, b) => a - b);
    }), text.length];
    const grown = join(dir, 'odd-grown');
    await expectSameBothWays(() => cuts.slice(1).map((to, k) => ({
      path: grown,
      write: () => (k === 0 ? writeFileSync(grown, text.slice(0, to)) : appendFileSync(grown, text.slice(cuts[k], to)))
    })));

    // Each seed's log split over two files at its middle line: five files, callids carried across four boundaries.
    const halves = texts.map((t, k) => starts[k] + t.lastIndexOf('\n', t.length / 2) + 1);
    const bounds = [0, ...halves, text.length];
    const files = bounds.slice(1).map((to, k) => {
      const path = join(dir, `odd-part-${k}`);
      writeFileSync(path, text.slice(bounds[k], to));
      return { path };
    });
    await expectSameBothWays(() => files);
  }, 240_000); // 69 loads: a minute or more on a busy machine
});
