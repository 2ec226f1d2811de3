// The real exports in fixtures/real all load, with the counts read from the files themselves
// (see each folder's PROVENANCE.md).
import { describe, expect, it } from 'vitest';
import { realdata } from '../fixtures/paths.ts';
import { ingestFile } from './load.ts';
import { freshDb } from './test-db.ts';

describe('real exports', () => {
  it('PBXware queue_log table: 108 visits with the outcomes the file shows', async () => {
    const db = await freshDb();
    const s = await ingestFile(db, realdata('pbxware-queue-cdr-2018/queue_log.csv'), { timeZone: 'America/New_York' });
    // 1,000 rows; the OUT* outbound-agent events are PBXware's own: kept raw and counted.
    expect(s).toMatchObject({ format: 'pbxware_queue_log', rows_read: 1000, rows_loaded: 1000, rows_quarantined: 0, calls_added: 108, unknown_events: 257 });
    const ends = await db.all(`SELECT COALESCE(end_event, 'open') AS e, count(*) AS n FROM calls GROUP BY ALL ORDER BY n DESC, e`);
    expect(ends).toEqual([
      { e: 'COMPLETEAGENT', n: 51 }, { e: 'COMPLETECALLER', n: 38 }, { e: 'ABANDON', n: 12 }, { e: 'open', n: 4 },
      { e: 'ATTENDEDTRANSFER', n: 1 }, { e: 'BLINDTRANSFER', n: 1 }, { e: 'EXITWITHTIMEOUT', n: 1 }
    ]);
    // First call (uid 13..20): entered 13:31:17 local, five ring-no-answers (uid 14-18), Agent/1127 after 76 s, talked 847 s.
    const first = await db.one(`SELECT caller, agent, wait_s, talk_s, ring_no_answer FROM calls WHERE callid = '1543602660.197'`);
    expect(first).toEqual({ caller: '14332992692', agent: 'Agent/1127', wait_s: 76, talk_s: 847, ring_no_answer: 5 });
    const abandoned = await db.one(`SELECT wait_s FROM calls WHERE callid = '1543852000.1574'`);
    expect(abandoned).toEqual({ wait_s: 191 });
    const logins = await db.one(`SELECT count(*) AS n FROM rep_states WHERE state = 'logged_in'`);
    // 26 ADDMEMBER + 14 AGENTCALLBACKLOGIN, repeats while on collapsed (28), except a log-in more than a
    // maximum shift (12 h) after the member's previous one, which starts anew: Local/1109 and
    // Local/1144 re-added after the QUEUESTART of 12-04 04:07 (sql/derive-rep-states.sql).
    expect(logins).toEqual({ n: 30 });
  });

  it('raw queue_log snippet: the attended transfer between queues stitches into two visits', async () => {
    const db = await freshDb();
    const s = await ingestFile(db, realdata('asterisk-queue_log-snippets/issue759_attendedtransfer.queue_log'), { timeZone: 'UTC' });
    expect(s).toMatchObject({ format: 'queue_log', rows_read: 8, rows_loaded: 8, calls_added: 2 });
    const visits = await db.all(
      `SELECT callid, queue, caller, did, outcome, end_event, agent, wait_s, talk_s, transferred FROM calls ORDER BY enter_ts`
    );
    expect(visits).toEqual([
      { callid: '1717397243.239826', queue: '1501', caller: '4250825271', did: '5453030400', outcome: 'answered', end_event: 'ATTENDEDTRANSFER', agent: 'PJSIP/7009', wait_s: 12, talk_s: 120, transferred: true },
      { callid: '1717397390.239830', queue: '1509', caller: '7009', did: null, outcome: 'answered', end_event: 'COMPLETEAGENT', agent: 'PJSIP/7051', wait_s: 7, talk_s: 173, transferred: false }
    ]);
  });

  it('Asterisk CDR, production (ru-2024): ring-group fan-out collapses to one call per linkedid', async () => {
    const db = await freshDb();
    const s = await ingestFile(db, realdata('asterisk-cdr-ru-2024/Master.csv'), { timeZone: 'Asia/Irkutsk' });
    expect(s).toMatchObject({ format: 'cdr', rows_read: 84, rows_loaded: 84, rows_quarantined: 0 });
    const linked = await db.one<{ n: number }>(`SELECT count(DISTINCT linkedid) AS n FROM cdr_records`);
    expect(s.calls_added).toBe(linked!.n);
    // linkedid 1706372196.12: the caller rang three Local/ch legs for 40 s; nobody answered.
    const fanout = await db.one(`SELECT queue, outcome, wait_s, ring_no_answer FROM calls WHERE callid = '1706372196.12'`);
    expect(fanout).toEqual({ queue: '211553', outcome: 'abandoned', wait_s: 40, ring_no_answer: 4 });
  });

  it('Asterisk CDR, lab (custom 19-column order): read, and every call is internal', async () => {
    const db = await freshDb();
    const s = await ingestFile(db, realdata('asterisk-cdr-lab-2023/Master.csv'), { timeZone: 'UTC' });
    expect(s).toMatchObject({ format: 'cdr', rows_read: 14, rows_loaded: 14, rows_quarantined: 0, calls_added: 0 });
    expect(await db.all(`SELECT disposition, count(*) AS n FROM cdr_records GROUP BY ALL ORDER BY ALL`)).toEqual([
      { disposition: 'ANSWERED', n: 11 }, { disposition: 'NO ANSWER', n: 3 }
    ]);
  });

  it('PBXware CDR with NULL literals and broken quoting loads every row', async () => {
    const db = await freshDb();
    const s = await ingestFile(db, realdata('pbxware-queue-cdr-2018/cdr.csv'), { timeZone: 'America/New_York' });
    expect(s).toMatchObject({ format: 'cdr', rows_read: 1000, rows_loaded: 1000, rows_quarantined: 0 });
    expect(await db.all(`SELECT disposition, count(*) AS n FROM cdr_records GROUP BY ALL ORDER BY n DESC`)).toEqual([
      { disposition: 'ANSWERED', n: 646 }, { disposition: 'NO ANSWER', n: 250 }, { disposition: 'FAILED', n: 92 }, { disposition: 'BUSY', n: 12 }
    ]);
  });

  it('Anonymous Bank 1999 through the README mapping: 31,125 calls, the voice-menu hang-ups and PHANTOMs skipped', async () => {
    const db = await freshDb();
    const s = await ingestFile(db, realdata('anonymous-bank-1999/february_1999.txt.gz'), {
      timeZone: 'UTC', mapping: 'fixtures/mappings/anonymous-bank-1999.json'
    });
    // 33,344 rows: 1,941 HANG rows never queued and 278 PHANTOMs are not calls (PROVENANCE.md).
    expect(s).toMatchObject({
      format: 'csv', rows_read: 33344, rows_loaded: 31125, rows_quarantined: 0, rows_skipped: 1941 + 278, calls_added: 31125
    });
    expect(await db.all(`SELECT outcome, count(*) AS n FROM calls GROUP BY ALL ORDER BY ALL`)).toEqual([
      { outcome: 'abandoned', n: 5904 - 1941 }, { outcome: 'answered', n: 27162 }
    ]);
    const range = await db.one(`SELECT strftime(min(timezone('Asia/Jerusalem', enter_ts)), '%Y-%m-%d') AS a,
                                       strftime(max(timezone('Asia/Jerusalem', enter_ts)), '%Y-%m-%d') AS b FROM calls`);
    expect(range).toEqual({ a: '1999-02-01', b: '1999-02-28' });
  });
});
