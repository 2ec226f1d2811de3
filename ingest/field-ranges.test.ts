/**
 * The plausible ranges (field-ranges.ts): the README shows the table as declared, the analytics'
 * guard uses the same day, and a poisoned line of each format is rejected, counted and kept as
 * missing, on both ways of rebuilding queue_log visits.
 */
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DAY_S, fieldRangesMarkdown } from './field-ranges.ts';
import { MAX_CALL_DURATION_S } from '../analytics/plausible.ts';
import { ingestFile } from './load.ts';
import { freshDb, TZ } from './test-db.ts';

const dir = mkdtempSync(join(tmpdir(), 'callboard-ranges-'));

describe('the declared ranges', () => {
  it('are the table ingest/README.md shows, and the bound analytics guards derived figures by', () => {
    expect(readFileSync(new URL('./README.md', import.meta.url), 'utf8')).toContain(fieldRangesMarkdown());
    expect(MAX_CALL_DURATION_S).toBe(DAY_S);
  });
});

describe('a poisoned queue_log', () => {
  const path = join(dir, 'poison.queue_log');
  writeFileSync(path, [
    '1773151260|p1|billing|NONE|ENTERQUEUE||3125550122|2',
    '1773151290|p1|billing|NONE|ABANDON|2|2|9999999999999',
    '1773151300|p2|billing|NONE|ENTERQUEUE||3125550133|-3',
    '1773151400|p2|billing|NONE|EXITWITHTIMEOUT|1|1|inf',
    '1773151500|p3|billing|NONE|ENTERQUEUE||3125550144|1',
    '1773151510|p3|billing|PJSIP/7001|RINGNOANSWER|NaN',
    '1773151512|p3|billing|PJSIP/7002|CONNECT|twelve|x|3',
    '1773151612|p3|billing|PJSIP/7002|COMPLETECALLER|12|-5|1.5',
    '1773151700|p4|billing|NONE|ENTERQUEUE||3125550155|1',
    '1773324500|p4|billing|NONE|EXITWITHKEY|5|1|1|'
  ].join('\n') + '\n');

  for (const visits of ['fast', 'definition'] as const) {
    it(`rejects each absurd number and closes every call from the timestamps (${visits} path)`, async () => {
      const db = await freshDb();
      try {
        const s = await ingestFile(db, path, { timeZone: TZ, visits });
        expect(s).toMatchObject({ rows_loaded: 10, rows_quarantined: 0, fields_rejected: 7, calls_added: 4, calls_open: 0 });
        expect(s.rejected.map((r) => [r.line_no, r.field, r.value])).toEqual([
          [2, 'waittime (ABANDON data3)', '9999999999999'],
          [3, 'position (ENTERQUEUE data3)', '-3'],
          [4, 'waittime (EXITWITHTIMEOUT data3)', 'inf'],
          [6, 'ringtime (RINGNOANSWER data1)', 'NaN'],
          [7, 'holdtime (CONNECT data1)', 'twelve'],
          [8, 'calltime (COMPLETECALLER data2)', '-5'],
          [8, 'origposition (COMPLETECALLER data3)', '1.5']
        ]);
        expect(s.rejected[0].reason).toBe('above 86400 s (a wait longer than a day), kept as missing');
        expect(await db.all('SELECT callid, outcome, wait_s, talk_s, enter_position FROM calls ORDER BY callid')).toEqual([
          { callid: 'p1', outcome: 'abandoned', wait_s: 30, talk_s: null, enter_position: 2 },
          { callid: 'p2', outcome: 'timed_out', wait_s: 100, talk_s: null, enter_position: null },
          { callid: 'p3', outcome: 'answered', wait_s: 12, talk_s: 100, enter_position: 1 },
          // EXITWITHKEY written two days after the caller entered (a clock jump) and no waittime: no wait, still lost.
          { callid: 'p4', outcome: 'timed_out', wait_s: null, talk_s: null, enter_position: 1 }
        ]);
        expect(await db.all('SELECT ring_s FROM ring_attempts')).toEqual([{ ring_s: null }]);
        expect(await db.one('SELECT count(*) AS n, min(run_id) AS run FROM field_rejections')).toEqual({ n: 7, run: 1 });
        expect(await db.one('SELECT fields_rejected, calls_open FROM load_runs')).toEqual({ fields_rejected: 7, calls_open: 0 });
      } finally {
        db.close();
      }
    });
  }

  it('counts a visit with no end yet as calls_open, and a later line closing it as no new call', async () => {
    const db = await freshDb();
    const growing = join(dir, 'growing.queue_log');
    try {
      writeFileSync(growing, '1773151260|g1|billing|NONE|ENTERQUEUE||3125550122|1\n1773151270|g2|billing|NONE|ENTERQUEUE||3125550123|2\n');
      expect(await ingestFile(db, growing, { timeZone: TZ })).toMatchObject({ calls_added: 2, calls_open: 2 });
      writeFileSync(growing, readFileSync(growing, 'utf8') + '1773151290|g1|billing|NONE|ABANDON|1|1|30\n');
      expect(await ingestFile(db, growing, { timeZone: TZ })).toMatchObject({ calls_added: 0, calls_open: 0 });
    } finally {
      db.close();
    }
  });
});

describe('a poisoned CDR and mapped CSV', () => {
  it('keeps the legs and rows, their absurd numbers missing, waits and talks from their times', async () => {
    const db = await freshDb();
    try {
      const cdr = join(dir, 'Master.csv');
      writeFileSync(cdr, [
        '"","3125550199","3125550100","from-pstn","""A"" <3125550199>","PJSIP/trunk-01","PJSIP/7001-01","Dial","PJSIP/7001","2026-03-10 10:00:00",,"2026-03-10 10:00:30",9999999999999,inf,"NO ANSWER","DOCUMENTATION","1773154800.1","","","1773154800.1",1',
        '"","3125550198","3125550100","from-pstn","""B"" <3125550198>","PJSIP/trunk-02","PJSIP/7001-02","Dial","PJSIP/7001","2026-03-10 10:05:00","2026-03-10 10:05:10","2026-03-10 10:08:10",-4,abc,"ANSWERED","DOCUMENTATION","1773155100.1","","","1773155100.1",x'
      ].join('\n') + '\n');
      expect(await ingestFile(db, cdr, { timeZone: TZ, format: 'cdr' })).toMatchObject({ rows_quarantined: 0, fields_rejected: 5, calls_added: 2 });
      const csv = join(dir, 'calls.csv');
      writeFileSync(csv, 'id,entered,answered,ended,result,wait,talk,rings\n' +
        'm1,2026-03-10 11:00:00,,2026-03-10 11:00:45,abandoned,1e13,,-1\n' +
        'm2,2026-03-10 11:10:00,2026-03-10 11:10:20,2026-03-10 11:13:20,answered,20,inf,2.5\n');
      const mapping = {
        fields: {
          callid: { column: 'id' }, enter_ts: { column: 'entered' }, connect_ts: { column: 'answered' }, end_ts: { column: 'ended' },
          outcome: { column: 'result' }, wait_s: { column: 'wait' }, talk_s: { column: 'talk' }, ring_no_answer: { column: 'rings' }
        }
      };
      expect(await ingestFile(db, csv, { timeZone: TZ, format: 'csv', mapping })).toMatchObject({ rows_quarantined: 0, fields_rejected: 4, calls_added: 2 });
      expect(await db.all('SELECT callid, outcome, wait_s, talk_s, ring_no_answer FROM calls ORDER BY enter_ts')).toEqual([
        { callid: '1773154800.1', outcome: 'abandoned', wait_s: 30, talk_s: null, ring_no_answer: 1 },
        { callid: '1773155100.1', outcome: 'answered', wait_s: 10, talk_s: 180, ring_no_answer: 0 },
        { callid: 'm1', outcome: 'abandoned', wait_s: 45, talk_s: null, ring_no_answer: 0 },
        { callid: 'm2', outcome: 'answered', wait_s: 20, talk_s: 180, ring_no_answer: 0 }
      ]);
      expect((await db.all<{ field: string }>('SELECT field FROM field_rejections ORDER BY run_id, line_no, field')).map((r) => r.field)).toEqual([
        'billsec', 'duration', 'billsec', 'duration', 'sequence', 'ring_no_answer', 'wait_s', 'ring_no_answer', 'talk_s'
      ]);
    } finally {
      db.close();
    }
  });
});
