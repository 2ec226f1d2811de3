// Excluding a call must leave every figure exactly as if the call had never been loaded, and including
// it again must give back exactly what there was: checked on a real PBXware export, against a second
// database loaded from the same export without that call's lines, for the metrics (from the calls
// and from the call_slices summary), the summary itself, the call facts and what is read from them
// (repeat callers, lost-call follow-up), and again after a later load derives the call anew.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../sql/db.ts';
import { ingestFile } from '../../ingest/load.ts';
import { realdata } from '../../fixtures/paths.ts';
import { callFactsUsable, catchUpCallFacts } from '../callers/call-facts.ts';
import { callSlicesUsable } from '../../sql/upkeep/call-slices.ts';
import { checkReason, listExclusions, moveCallBack, moveCallOut } from './call-exclusions.ts';
import { followUpByPeriod } from '../callers/follow-up.ts';
import { computeMetrics } from './metrics.ts';
import { repeatCallers } from '../callers/repeat-callers.ts';

const TZ = 'America/New_York';
const RANGE = { from: '2018-11-01', to: '2018-12-31', timeZone: TZ };
const EXPORT = realdata('pbxware-queue-cdr-2018/queue_log.csv');

/** Everything an excluded call must be out of, in a form two databases can be compared by. */
async function figures(db: Database) {
  const metric = async (extra: object) => (await computeMetrics(db, { ...RANGE, ...extra })).rows;
  await catchUpCallFacts(db);
  return {
    summaryCurrent: await callSlicesUsable(db),
    factsCurrent: await callFactsUsable(db),
    byDay: await metric({ by: 'day', group: 'queue' }),
    byDayFromCalls: await metric({ by: 'day', group: 'queue', slThresholdS: 20 }),
    byRep: await metric({ by: 'total', group: 'rep' }),
    intervals: await metric({ by: 'interval', intervalMinutes: 60 }),
    slices: await db.all(`SELECT * EXCLUDE (queue), queue FROM call_slices ORDER BY slice_ts, queue`),
    facts: await db.all(`SELECT f.enter_ts, f.number_key, f.prev_call_ts, f.odd FROM call_facts f ORDER BY ALL`),
    lostFacts: await db.all(`SELECT enter_ts, number_key, first_contact_at FROM lost_call_facts ORDER BY ALL`),
    repeat: (await repeatCallers(db, { ...RANGE, windowS: 7 * 86_400 })).total,
    followUp: await followUpByPeriod(db, { ...RANGE, by: 'month', windowS: 86_400 })
  };
}

describe('excluding a call from a real export', () => {
  const dir = mkdtempSync(join(tmpdir(), 'callboard-exclude-'));
  let db: Database;
  let twin: Database;
  let call: { id: string; callid: string; file_id: number; line_no: number };
  let before: Awaited<ReturnType<typeof figures>>;

  beforeAll(async () => {
    db = await openDatabase(':memory:');
    await ingestFile(db, EXPORT, { timeZone: TZ });
    // A lost call of a caller who called more than once (so it weighs in the facts), whose callid is
    // one queue visit (so leaving its lines out of the export is leaving out just this call).
    call = (await db.one(`
      WITH n AS (SELECT caller, count(*) AS calls FROM calls WHERE caller IS NOT NULL GROUP BY caller),
           single AS (SELECT callid FROM calls GROUP BY callid HAVING count(*) = 1)
      SELECT c.file_id || '-' || c.line_no AS id, c.callid, c.file_id, CAST(c.line_no AS INTEGER) AS line_no
      FROM calls c JOIN n USING (caller) JOIN single USING (callid)
      WHERE c.direction = 'inbound' AND c.outcome IN ('abandoned', 'timed_out')
      ORDER BY n.calls DESC, c.enter_ts LIMIT 1`))!;
    expect(call).toBeDefined();
    before = await figures(db);
    // The same export without the call's lines: the database that never loaded it.
    const lines = readFileSync(EXPORT, 'utf8').split('\n');
    const without = lines.filter((l) => l.split(',')[2] !== call.callid);
    expect(lines.length - without.length).toBeGreaterThan(1);
    const path = join(dir, 'queue_log.csv');
    writeFileSync(path, without.join('\n'));
    twin = await openDatabase(':memory:');
    await ingestFile(twin, path, { timeZone: TZ });
  });
  afterAll(() => {
    db.close();
    twin.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('drops it from every figure, exactly as if it had never been loaded, and puts it back exactly', async () => {
    const key = { fileId: call.file_id, lineNo: call.line_no };
    await db.transaction((conn) => moveCallOut(db, conn, key, 'test call from the PBX vendor', 'admin'));
    const excluded = await figures(db);
    expect(excluded.summaryCurrent, 'the summary was brought up to date in the same transaction').toBe(true);
    expect(excluded.factsCurrent).toEqual({ repeat: true, followUp: true });
    const never = await figures(twin);
    expect(excluded).toEqual(never);
    expect(excluded.byDay).not.toEqual(before.byDay);
    expect(await listExclusions(db)).toMatchObject([{ id: call.id, callid: call.callid, reason: 'test call from the PBX vendor', excluded_by: 'admin' }]);

    await db.transaction((conn) => moveCallBack(db, conn, key));
    expect(await figures(db)).toEqual(before);
    expect(await listExclusions(db)).toEqual([]);
  });

  it('keeps it out when a later load derives its callid again', async () => {
    const key = { fileId: call.file_id, lineNo: call.line_no };
    await db.transaction((conn) => moveCallOut(db, conn, key, 'duplicate of a test call', 'admin'));
    // A line of the same callid in a later file: the loader derives the callid's visits again.
    const later = join(dir, 'later.queue_log');
    const last = Number((await db.one<{ t: number }>('SELECT CAST(epoch(max(ts)) AS BIGINT) AS t FROM queue_events'))!.t);
    writeFileSync(later, `${last + 60}|${call.callid}|NONE|NONE|INFO|late note\n`);
    await ingestFile(db, later, { timeZone: TZ });
    expect(await db.one('SELECT count(*) AS n FROM calls WHERE file_id = $f AND line_no = $l', { f: key.fileId, l: key.lineNo })).toEqual({ n: 0 });
    expect((await figures(db)).byDay).toEqual((await figures(twin)).byDay);
    await db.transaction((conn) => moveCallBack(db, conn, key));
    expect((await figures(db)).byDay).toEqual(before.byDay);
  });

  it('refuses what it cannot do, with a line that says why', async () => {
    const key = { fileId: call.file_id, lineNo: call.line_no };
    await expect(db.transaction((conn) => moveCallBack(db, conn, key))).rejects.toThrow(`call ${call.id} is not excluded`);
    await expect(db.transaction((conn) => moveCallOut(db, conn, { fileId: 99, lineNo: 1 }, 'x', 'admin'))).rejects.toThrow('No call 99-1');
    await db.transaction((conn) => moveCallOut(db, conn, key, 'once', 'admin'));
    await expect(db.transaction((conn) => moveCallOut(db, conn, key, 'twice', 'admin'))).rejects.toThrow('already excluded (by admin: once)');
    await db.transaction((conn) => moveCallBack(db, conn, key));
    expect(() => checkReason('  ')).toThrow('--reason');
    expect(checkReason(' a\n test  call ')).toBe('a test call');
  });
});
