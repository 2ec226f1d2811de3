// A followed queue_log grows by a few lines at a time (serve --follow). Each small load does only its
// own lines' work (the rep states' facts grow by its events, no pass of the fast path), and must end
// with the very rows a single load of the whole file gives: calls, rings, rep states and what ends
// them (rep_state_evidence), the call_slices summary, quarantine. The live feed hears a load only
// once its lines are committed.
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { golden } from '../fixtures/paths.ts';
import { queueLog } from '../analytics/test-support/fixture-db.ts';
import type { Database } from '../sql/db.ts';
import { ingestFile } from './load.ts';
import { TZ, callRows, freshDb } from './test-db.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'callboard-test-'));

/** Everything a queue_log load derives, in a stable order. */
async function derived(db: Database) {
  const rows = (sql: string) => db.all(sql);
  return {
    calls: await callRows(db),
    rings: await rows(`SELECT line_no, call_line_no, ts, queue, agent, ring_s, result FROM ring_attempts ORDER BY line_no`),
    states: await rows(`SELECT agent, queue, state, reason, start_ts, end_ts, line_no FROM rep_states ORDER BY ALL`),
    evidence: await rows(`SELECT agent, queue, state, start_ts, line_no, end_file_id IS NOT NULL AS closed_elsewhere, next_start_ts,
                                 file_end_ts, last_activity_ts, restart_ts FROM rep_state_evidence ORDER BY ALL`),
    slices: await rows(`SELECT * FROM call_slices ORDER BY ALL`),
    quarantine: await rows(`SELECT line_no, field, reason FROM quarantine ORDER BY line_no`),
    events: (await db.one<{ n: number }>('SELECT count(*) AS n FROM queue_events'))!.n
  };
}

/** The files' lines written to one growing file `sizes` lines at a time, loaded after each append. */
async function followed(names: string[], sizes: number[]): Promise<Database> {
  const db = await freshDb();
  const dir = tmp();
  for (const [i, name] of names.entries()) {
    const file = join(dir, `queue_log-${i}`);
    writeFileSync(file, '');
    const lines = readFileSync(name, 'utf8').split('\n').filter((l) => l !== '');
    for (let at = 0, k = 0; at < lines.length; k++) {
      const n = sizes[k % sizes.length];
      appendFileSync(file, lines.slice(at, at + n).map((l) => `${l}\n`).join(''));
      at += n;
      const s = await ingestFile(db, file, { timeZone: TZ, origin: 'cli' });
      expect(s.error).toBeUndefined();
    }
  }
  return db;
}

async function whole(names: string[]): Promise<Database> {
  const db = await freshDb();
  for (const name of names) await ingestFile(db, name, { timeZone: TZ });
  return db;
}

describe('small appends to a followed file', () => {
  it('give the rows one load of the whole file gives: log-ins, pauses, a restart, two files', async () => {
    const files = [queueLog('lost-logoff-a.queue_log'), queueLog('lost-logoff-b.queue_log')];
    const expected = await derived(await whole(files));
    expect(expected.evidence.length).toBeGreaterThan(3);
    expect(expected.evidence.some((e) => e.restart_ts !== null)).toBe(true);
    for (const sizes of [[1, 3], [7]]) expect(await derived(await followed(files, sizes))).toEqual(expected);
  });

  it('the same for rep activity, rings and the golden file', async () => {
    for (const files of [[queueLog('rep-activity.queue_log')], [golden('basic.queue_log')], [queueLog('data-quality.queue_log')]]) {
      const expected = await derived(await whole(files));
      expect(await derived(await followed(files, [3, 8]))).toEqual(expected);
    }
  });

  it('keep the facts of every state as a full reading of the events gives them (migration 037)', async () => {
    const db = await followed([queueLog('lost-logoff-a.queue_log'), queueLog('rep-activity.queue_log'), queueLog("lost-logoff-b.queue_log")], [3, 5]);
    const kept = await db.all(`SELECT agent, queue, state, file_id, line_no, file_end_ts, last_activity_ts, restart_ts
                               FROM rep_state_evidence ORDER BY ALL`);
    const full = await db.all(`SELECT agent, queue, state, file_id, line_no, file_end_ts, last_activity_ts, restart_ts
                               FROM rep_state_evidence_facts() ORDER BY ALL`);
    expect(kept.length).toBeGreaterThan(3);
    expect(kept).toEqual(full);
  });

  it('tell the live feed only once their lines are committed', async () => {
    const db = await freshDb();
    const file = join(tmp(), 'queue_log');
    const lines = readFileSync(golden('basic.queue_log'), 'utf8').split('\n').filter((l) => l !== '');
    writeFileSync(file, lines.slice(0, 5).map((l) => `${l}\n`).join(''));
    await ingestFile(db, file, { timeZone: TZ });
    appendFileSync(file, lines.slice(5, 9).map((l) => `${l}\n`).join(''));
    const seen: Array<Promise<number>> = [];
    const stop = db.onChange(() => {
      seen.push(db.one<{ n: number }>('SELECT count(*) AS n FROM queue_events').then((r) => r!.n));
    });
    await ingestFile(db, file, { timeZone: TZ });
    stop();
    expect(seen.length).toBeGreaterThan(0);
    expect(await Promise.all(seen)).toEqual(seen.map(() => 9));
  });
});
