// queue_log events are stored typed and coded (migration 042: queue_event_rows, names as codes of
// queue_log_names, the data fields as the one text they are on the line where that gives them back);
// every reader sees them through the view queue_events. These hold the view to the fields as read,
// for lines whose data fields are odd (missing, empty, more than five, a '|' inside a table export's
// field, a number erased from the middle), and the migration to the rows the table held before it.
import { listValue } from '@duckdb/node-api';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT } from '../fixtures/paths.ts';
import { ingestFile } from './load.ts';
import { TZ, freshDb } from './test-db.ts';

const dir = mkdtempSync(join(tmpdir(), 'callboard-coded-'));
const EVENTS = 'SELECT line_no, callid, queue, agent, event, data1, data2, data3, data4, data5, known FROM queue_events ORDER BY line_no';

/** What the split of a raw line gives (sql/stage-queue-log-raw.sql): fields 6-9, then the rest. */
function fieldsOf(line: string) {
  const f = line.split('|');
  const at = (i: number) => (i < f.length ? f[i] : null);
  return { data1: at(5), data2: at(6), data3: at(7), data4: at(8), data5: f.length > 9 ? f.slice(9).join('|') : null };
}

/** queue_events_of_kinds (rows chosen by code, then split) gives what the view joined to the kinds does. */
async function expectKindsAsView(db: Awaited<ReturnType<typeof freshDb>>) {
  const kinds = ['enter', 'connect', 'answered_end', 'pause_on', 'reason'];
  const cols = 'file_id, line_no, ts, callid, queue, agent, event, kind, data1, data2, data3, data4, data5, known';
  const viaView = await db.all(
    `SELECT ${cols} FROM queue_events e JOIN queue_event_types t USING (event) WHERE list_contains($kinds, t.kind) ORDER BY line_no`,
    { kinds: listValue(kinds) }
  );
  expect(viaView.length).toBeGreaterThan(0);
  expect(await db.all(`SELECT ${cols} FROM queue_events_of_kinds($kinds) ORDER BY line_no`, { kinds: listValue(kinds) })).toEqual(viaView);
}

const RAW = [
  '1773151260|c1|billing|NONE|ENTERQUEUE||3125550122|2',
  '1773151261|c1|billing|NONE|ENTERQUEUE',
  '1773151262|c1|billing|NONE|ENTERQUEUE|',
  '1773151263|c1|billing|NONE|ENTERQUEUE|3125550122',
  '1773151270|c1|billing|PJSIP/7001|CONNECT|10|c1.1|3',
  '1773151280|c1|billing|PJSIP/7001|BLINDTRANSFER|600|from-internal|10|100|1',
  '1773151281|c1|billing|PJSIP/7001|MYEVENT|a|b|c|d|e|f|g',
  '1773151282|c1|billing|PJSIP/7001|MYEVENT|||||',
  '1773151283|NONE|NONE|PJSIP/7001|PAUSE|Lunch|',
  '1773151284|c2|spécial|Agent/1127|ENTERQUEUE|url|+13125550199|1'
];

describe('coded queue_log events', () => {
  it('read back through queue_events as the raw lines hold them', async () => {
    const db = await freshDb();
    try {
      const path = join(dir, 'odd.queue_log');
      writeFileSync(path, RAW.join('\n') + '\n');
      expect(await ingestFile(db, path, { timeZone: TZ })).toMatchObject({ rows_loaded: RAW.length, rows_quarantined: 0 });
      const rows = await db.all<Record<string, unknown>>(EVENTS);
      expect(rows.map(({ line_no, callid, queue, agent, event, known, ...data }) => data)).toEqual(RAW.map(fieldsOf));
      expect(rows.map((r) => [r.callid, r.queue, r.agent, r.event])).toEqual(RAW.map((l) => {
        const f = l.split('|');
        return [f[1], f[2], f[3], f[4]];
      }));
      expect(rows.find((r) => r.event === 'MYEVENT')).toMatchObject({ known: false });
      await expectKindsAsView(db);
      // A raw line's data always fits the one text: no field is kept on its own.
      expect(await db.one('SELECT count(*) AS n FROM queue_event_rows WHERE data1 IS NOT NULL OR data5 IS NOT NULL')).toEqual({ n: 0 });
      // Each name once in the dictionary, however many lines carry it.
      expect(await db.one('SELECT count(*) AS n, count(DISTINCT name) AS names FROM queue_log_names')).toEqual({ n: 10, names: 10 });
    } finally {
      db.close();
    }
  });

  it('keep a table export field holding a "|", and a field missing before one present, as read', async () => {
    const db = await freshDb();
    try {
      const path = join(dir, 'table.csv');
      writeFileSync(path, [
        'time,callid,queuename,agent,event,data1,data2,data3,data4,data5',
        '2026-03-10 09:00:00,t1,billing,NONE,ENTERQUEUE,,3125550122,1,,',
        '2026-03-10 09:00:10,t1,billing,PJSIP/7001,CONNECT,10,"a|b",3,,',
        '2026-03-10 09:01:10,t1,billing,PJSIP/7001,COMPLETECALLER,10,60,1,,'
      ].join('\n') + '\n');
      expect(await ingestFile(db, path, { timeZone: TZ })).toMatchObject({ format: 'queue_log_table', rows_loaded: 3 });
      const staged = await db.all(EVENTS);
      expect(staged[1]).toMatchObject({ event: 'CONNECT', data1: '10', data2: 'a|b', data3: '3' });
      // The line with the '|' keeps its fields one by one; the others are one text.
      expect(await db.all('SELECT line_no, data IS NULL AS apart FROM queue_event_rows ORDER BY line_no')).toEqual([
        { line_no: 2, apart: false }, { line_no: 3, apart: true }, { line_no: 4, apart: false }
      ]);
      expect(await db.one('SELECT count(*) AS n FROM calls WHERE outcome = \'answered\' AND talk_s = 60')).toEqual({ n: 1 });
      await expectKindsAsView(db);
    } finally {
      db.close();
    }
  });

  it('are the rows the table held before migration 042', async () => {
    const db = await freshDb();
    try {
      const path = join(dir, 'migrate.queue_log');
      writeFileSync(path, RAW.join('\n') + '\n');
      await ingestFile(db, path, { timeZone: TZ });
      const before = await db.all('SELECT * FROM queue_events ORDER BY file_id, line_no');
      // The database as it was before 042: queue_events a table of text.
      await db.run(`CREATE TABLE old_events AS SELECT * FROM queue_events`);
      await db.run('DROP VIEW queue_events');
      await db.run('DROP MACRO TABLE queue_events_of_kinds');
      for (const m of ['queue_event_data', 'queue_event_data_joinable', 'queue_event_field', 'queue_event_rest']) await db.run(`DROP MACRO ${m}`);
      await db.run('DROP TABLE queue_event_rows');
      await db.run('DROP TABLE queue_log_names');
      await db.run('ALTER TABLE old_events RENAME TO queue_events');
      await db.run(readFileSync(join(PROJECT, 'sql/migrations/042-coded-queue-events.sql'), 'utf8'));
      expect(await db.all('SELECT * FROM queue_events ORDER BY file_id, line_no')).toEqual(before);
      expect(await db.one('SELECT count(*) AS n FROM queue_log_names')).toEqual({ n: 10 });
    } finally {
      db.close();
    }
  });
});
