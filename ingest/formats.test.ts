// Golden tests per source format: a small fixture export in, the normalised rows out, compared with
// reviewed snapshot files under fixtures/golden/ (CI never writes a new snapshot on its own).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT, golden } from '../fixtures/paths.ts';
import { ingestFile } from './load.ts';
import { TZ, callRows, count, freshDb } from './test-db.ts';

describe('raw Asterisk queue_log', () => {
  it('turns events into visits, rings, rep states and quarantined lines', async () => {
    const db = await freshDb();
    const s = await ingestFile(db, golden('basic.queue_log'), { timeZone: TZ });
    expect(s).toMatchObject({ format: 'queue_log', rows_read: 25, rows_loaded: 23, rows_quarantined: 2, calls_added: 6, unknown_events: 1 });
    expect(s.quarantined.map((q) => [q.line_no, q.field])).toEqual([[22, 'event'], [23, 'time']]);
    await expect(JSON.stringify(await callRows(db), null, 1)).toMatchFileSnapshot('../fixtures/golden/basic.queue_log.calls.json');
    const states = await db.all(
      `SELECT agent, queue, state, reason, strftime(timezone($tz, start_ts), '%H:%M:%S') AS start_local,
              strftime(timezone($tz, end_ts), '%H:%M:%S') AS end_local FROM rep_states ORDER BY agent, state, start_ts`,
      { tz: TZ }
    );
    expect(states).toEqual([
      { agent: 'PJSIP/7001', queue: 'billing', state: 'logged_in', reason: null, start_local: '09:00:01', end_local: null },
      { agent: 'PJSIP/7001', queue: 'NONE', state: 'paused', reason: 'Lunch', start_local: '09:05:00', end_local: '09:35:00' },
      { agent: 'PJSIP/7002', queue: 'billing', state: 'logged_in', reason: null, start_local: '09:00:02', end_local: '09:58:20' }
    ]);
    const rings = await db.all('SELECT agent, ring_s, result, call_line_no FROM ring_attempts');
    expect(rings).toEqual([{ agent: 'PJSIP/7002', ring_s: 15, result: 'no_answer', call_line_no: 5 }]);
    expect(await count(db, 'queue_events')).toBe(23);
  });
});

describe('queue_log table exported as CSV', () => {
  it('reads local date-times in the center zone and quarantines a bad time', async () => {
    const db = await freshDb();
    const s = await ingestFile(db, golden('queue_log_table.csv'), { timeZone: TZ });
    expect(s).toMatchObject({ format: 'queue_log_table', rows_read: 6, rows_loaded: 5, rows_quarantined: 1, calls_added: 2 });
    expect(s.quarantined[0]).toMatchObject({ line_no: 7, field: 'time' });
    await expect(JSON.stringify(await callRows(db), null, 1)).toMatchFileSnapshot('../fixtures/golden/queue_log_table.calls.json');
  });
});

describe('Asterisk CDR (Master.csv)', () => {
  it('joins a ring-group fan-out into one call and keeps outbound callbacks', async () => {
    const db = await freshDb();
    const s = await ingestFile(db, golden('Master.csv'), { timeZone: TZ });
    expect(s).toMatchObject({ format: 'cdr', rows_read: 6, rows_loaded: 5, rows_quarantined: 1, calls_added: 3 });
    expect(s.quarantined[0]).toMatchObject({ line_no: 6, field: 'start' });
    await expect(JSON.stringify(await callRows(db), null, 1)).toMatchFileSnapshot('../fixtures/golden/Master.calls.json');
  });
});

describe('per-call CSV through a mapping', () => {
  it('maps columns, expressions, null values and outcomes; quarantines an unmapped outcome', async () => {
    const db = await freshDb();
    const s = await ingestFile(db, golden('bank-sample.tsv'), { timeZone: TZ, mapping: 'fixtures/mappings/anonymous-bank-1999.json' });
    expect(s).toMatchObject({ format: 'csv', rows_read: 4, rows_loaded: 3, rows_quarantined: 1, calls_added: 3 });
    expect(s.quarantined[0]).toMatchObject({ line_no: 5, field: 'outcome' });
    expect(s.quarantined[0].reason).toContain('"LOST"');
    await expect(JSON.stringify(await callRows(db), null, 1)).toMatchFileSnapshot('../fixtures/golden/bank-sample.calls.json');
  });
  it('maps an outcome to blocked: a caller turned away, offered and lost', async () => {
    const db = await freshDb();
    const mapping = JSON.parse(readFileSync(join(PROJECT, 'fixtures/mappings/anonymous-bank-1999.json'), 'utf8'));
    mapping.fields.outcome.map.LOST = 'blocked';
    const s = await ingestFile(db, golden('bank-sample.tsv'), { timeZone: TZ, mapping });
    expect(s).toMatchObject({ rows_loaded: 4, rows_quarantined: 0, calls_added: 4 });
    expect(await db.all(`SELECT line_no, outcome FROM calls WHERE outcome = 'blocked'`)).toEqual([{ line_no: 5, outcome: 'blocked' }]);
  });
});
