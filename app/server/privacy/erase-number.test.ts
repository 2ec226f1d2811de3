/**
 * "Erase this number" over the follow-up exports (fixtures/queue-logs/README.md): 3125550203 called,
 * was lost (u3), was called back through the CDR and got through the next day (u3b). After the
 * erase no table holds it in any form; the calls stay in the figures; a second erase changes
 * nothing; both are audited by the last 4 digits only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../sql/db.ts';
import { fixtureDb, TZ } from '../../../analytics/test-support/fixture-db.ts';
import { computeMetrics } from '../../../analytics/metrics/metrics.ts';
import { catchUpCallFacts } from '../../../analytics/callers/call-facts.ts';
import { createNote } from '../notes.ts';
import { markHandled } from '../day/lost-callers.ts';
import { auditRecords } from '../audit.ts';
import { eraseNumber, eraseNumberOfCall } from './erase-number.ts';

const LEAD = { id: null, username: 'lead-test' };
const ADMIN = { id: null, username: 'admin-test' };
const DIGITS = '5550203'; // the number's last 7 digits: in no other number of these exports

let db: Database;

/** Rows of every table of the database that hold the number in any column, by table. */
async function whereItIs(): Promise<Record<string, number>> {
  const tables = await db.all<{ name: string }>(
    `SELECT table_name AS name FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main' AND NOT temporary`
  );
  const found: Record<string, number> = {};
  for (const { name } of tables) {
    const [{ n }] = await db.all<{ n: number }>(
      `SELECT CAST(count(*) AS INTEGER) AS n FROM "${name}" t WHERE contains(regexp_replace(CAST(t AS VARCHAR), '[^0-9]', '', 'g'), $digits)`,
      { digits: DIGITS }
    );
    if (n > 0) found[name] = n;
  }
  return found;
}

const offered = async () => (await computeMetrics(db, { from: '2026-03-12', to: '2026-03-13', timeZone: TZ, by: 'total' })).rows[0].offered;

beforeAll(async () => {
  db = await fixtureDb('follow-up.queue_log', 'follow-up-callbacks.cdr.csv');
  await catchUpCallFacts(db);
  // The number in free text too: a lead's note and a lost-call handling note (both audited).
  await db.run(`INSERT INTO roster (interface, rep_id, name) VALUES ('PJSIP/7001', 'ana', 'Ana Ruiz')`);
  await createNote(db, LEAD, 'ana', { text: 'Call back 3125550203 about the bill', category: 'coaching', call_ref: null, ref_date: null, evaluation_id: null, follow_up_date: null });
  await markHandled(db, LEAD, { callid: 'u3', queue: 'billing', note: 'rang +13125550203, left a message' });
});
afterAll(() => db.close());

describe('eraseNumber', () => {
  it('finds the number in the calls, raw events, CDR legs, facts, notes and audit log before', async () => {
    expect(Object.keys(await whereItIs()).sort()).toEqual(
      // (the raw events are stored in queue_event_rows, migration 042; queue_events is its view)
      ['audit_log', 'calls', 'call_facts', 'cdr_records', 'lost_call_facts', 'lost_call_handling', 'note_versions', 'notes', 'queue_event_rows'].sort()
    );
  });

  it('removes it from every table, keeps the calls in the figures, and audits by the last 4 digits', async () => {
    const before = await offered();
    const e = await eraseNumber(db, ADMIN, '+1 (312) 555-0203');
    expect(e.number).toBe('•••-•••-0203');
    // 3 calls (u3, u3b, the CDR call-back), their 2 ENTERQUEUE lines, the CDR leg, the lost call's fact,
    // the note and its first version, the handling note; the audit entries of both notes
    expect(e.erased).toMatchObject({ calls: 3, queue_events: 2, cdr_records: 1, lost_call_facts: 1, notes: 2, lost_call_handling: 1 });
    expect(e.erased.audit_log).toBeGreaterThanOrEqual(2);
    expect(await whereItIs()).toEqual({});
    expect(await offered()).toBe(before);
    const [entry] = await auditRecords(db, { entity: 'caller_number', limit: 1 });
    expect(entry).toMatchObject({ username: 'admin-test', action: 'erase', entity_id: '•••-•••-0203' });
    expect(JSON.stringify(entry)).not.toContain(DIGITS);
    const [note] = await db.all<{ text: string }>(`SELECT text FROM notes`);
    expect(note.text).toBe('Call back [number erased] about the bill');
  });

  it('is idempotent: erasing again finds nothing, changes nothing, and is audited', async () => {
    const e = await eraseNumber(db, ADMIN, '3125550203');
    expect(e.total).toBe(0);
    expect(await whereItIs()).toEqual({});
    expect((await auditRecords(db, { entity: 'caller_number' })).length).toBe(2);
  });

  it('erases a call\'s number from its id (the call page\'s button), and refuses what is not a number', async () => {
    const [{ id }] = await db.all<{ id: string }>(`SELECT file_id || '-' || line_no AS id FROM calls WHERE callid = 'u2'`);
    const e = await eraseNumberOfCall(db, TZ, ADMIN, id);
    expect(e.number).toBe('•••-•••-0202');
    expect(e.erased.calls).toBeGreaterThan(0);
    expect((await db.all(`SELECT 1 FROM calls WHERE caller LIKE '%5550202%'`)).length).toBe(0);
    await expect(eraseNumber(db, ADMIN, '0203')).rejects.toThrow(/at least 7 digits/);
  });
});
