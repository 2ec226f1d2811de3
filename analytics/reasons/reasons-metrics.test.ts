// Call reasons end to end on a hand-written queue_log (fixtures/queue-logs/README.md, reasons.queue_log):
// which visit each reason line attaches to, the precedence of the sources, and every figure by reason
// adding up to the ungrouped totals, through the real loader and a real DuckDB.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../sql/db.ts';
import { mappingSchema } from '../../ingest/csv-mapping.ts';
import { ingestFile } from '../../ingest/load.ts';
import { rebuildCallReasons } from '../../sql/upkeep/call-reasons.ts';
import { fixtureDb, queueLog, TZ } from '../test-support/fixture-db.ts';
import { computeMetrics, FIGURE_KEYS, metricKeys } from '../metrics/metrics.ts';

const DAY = { from: '2026-03-10', to: '2026-03-10', by: 'day', timeZone: TZ } as const;

async function reasonsByCallid(db: Database) {
  const rows = await db.all<{ callid: string; enter: string; code: string; source: string }>(
    `SELECT c.callid, strftime(timezone('America/Chicago', c.enter_ts), '%H:%M') AS enter, r.code, r.source
     FROM call_reasons r JOIN calls c USING (file_id, line_no) ORDER BY c.enter_ts`
  );
  return rows.map((r) => `${r.callid} ${r.enter} ${r.code} (${r.source})`);
}

describe('reasons.queue_log', () => {
  let db: Database;
  beforeAll(async () => {
    db = await fixtureDb('reasons.queue_log');
  });
  afterAll(() => db.close());

  it('attaches each line to the visit of its callid and queue that ended at or before it, within 30 minutes', async () => {
    expect(await reasonsByCallid(db)).toEqual([
      'r1.1 09:00 billing-dispute (queue_log)',
      'r3.3 09:20 payment-plan (queue_log)', // CALLSTATUS, after an abandoned call
      'r4.4 09:30 missed-pickup (queue_log)', // the later of two lines
      'r6.6 09:50 missed-pickup (queue_log)', // the first visit of r6: its line came before the second entered
      'r6.6 10:00 bulky-item (queue_log)'
    ]);
    // Kept and listed, never dropped: 31 minutes late (r2), during the call and naming another queue (r7).
    const unattached = await db.all<{ callid: string; code: string }>(
      'SELECT callid, code FROM reason_lines WHERE call_file_id IS NULL ORDER BY ts'
    );
    expect(unattached).toEqual([
      { callid: 'r2.2', code: 'billing-dispute' },
      { callid: 'r7.7', code: 'general' },
      { callid: 'r7.7', code: 'bulky-item' }
    ]);
  });

  it('counts reason lines as known events, not unknown ones', async () => {
    const unknown = await db.one<{ n: number }>("SELECT count(*) AS n FROM queue_events WHERE NOT known");
    expect(Number(unknown?.n)).toBe(0);
  });

  it('gives rows by reason that add up to the ungrouped totals', async () => {
    const total = (await computeMetrics(db, DAY)).rows[0];
    const grouped = await computeMetrics(db, { ...DAY, group: 'reason' });
    expect(grouped.rows.map((r) => [r.reason, r.offered, r.answered, r.lost, r.aht_s])).toEqual([
      ['billing-dispute', 1, 1, 0, 120],
      ['bulky-item', 1, 1, 0, 120],
      ['missed-pickup', 2, 2, 0, 120], // (180 + 60) / 2
      ['payment-plan', 1, 0, 1, null],
      [null, 4, 3, 1, (300 + 100 + 100) / 3] // r2 r5 r7 answered, r8 timed out
    ]);
    expect(Object.keys(grouped.rows[0])).toEqual(metricKeys('reason'));
    for (const key of ['offered', 'answered', 'abandoned', 'timed_out', 'lost', 'answered_within_sl', 'ring_no_answer'] as const) {
      expect(grouped.rows.reduce((n, r) => n + r[key], 0), key).toBe(total[key]);
    }
    const handle = grouped.rows.reduce((n, r) => n + (r.aht_s ?? 0) * r.answered, 0);
    expect(handle / total.answered).toBeCloseTo(total.aht_s!, 9);
    expect(grouped.reason_coverage).toEqual({ offered: 9, with_reason: 5, share_without_reason: 4 / 9 });
    expect(FIGURE_KEYS.every((k) => k in grouped.rows[0])).toBe(true);
  });

  it('filters by one reason (and says how much of the range has a reason)', async () => {
    const { rows, reason_coverage } = await computeMetrics(db, { ...DAY, reason: 'missed-pickup', group: 'queue' });
    expect(rows.map((r) => [r.queue, r.offered, r.answered])).toEqual([['pickups', 2, 2]]);
    expect(reason_coverage?.share_without_reason).toBe(4 / 9);
  });

  it('loads the same file again without changing a reason (idempotent)', async () => {
    const before = await reasonsByCallid(db);
    await ingestFile(db, queueLog('reasons.queue_log'), { timeZone: TZ });
    expect(await reasonsByCallid(db)).toEqual(before);
  });
});

describe('reasons from the CDR: queue_log beats CDR', () => {
  let db: Database;
  beforeAll(async () => {
    db = await fixtureDb('reasons.queue_log');
    await ingestFile(db, queueLog('reasons-userfield.cdr.csv'), { timeZone: TZ });
  });
  afterAll(() => db.close());

  it('fills a call without a queue_log reason from the userfield, and keeps the queue_log one where both have one', async () => {
    const rows = await reasonsByCallid(db);
    expect(rows).toContain('r1.1 09:00 billing-dispute (queue_log)'); // the CDR said general
    expect(rows).toContain('r5.5 09:40 bulky-item (cdr)');
  });

  it('reads the accountcode instead when the setting says so', async () => {
    await db.run(`INSERT OR REPLACE INTO settings (key, value) VALUES ('reason_cdr_field', to_json('accountcode'))`);
    await db.transaction((conn) => rebuildCallReasons(db, conn)); // as app/server/reasons.ts does on a change
    expect((await reasonsByCallid(db)).filter((r) => r.includes('(cdr)'))).toEqual([]); // both accountcodes are empty
  });
});

describe('reasons from a mapped CSV field', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDatabase(':memory:');
    const mapping = {
      name: 'reasons test export',
      timezone: TZ,
      fields: {
        callid: { column: 'id' },
        queue: { column: 'queue' },
        enter_ts: { column: 'started' },
        wait_s: { column: 'waited' },
        talk_s: { column: 'talked' },
        outcome: { column: 'result' },
        reason: { column: 'why' }
      }
    };
    await ingestFile(db, queueLog('reasons-mapped.csv'), { timeZone: TZ, format: 'csv', mapping: mappingSchema.parse(mapping) });
  });
  afterAll(() => db.close());

  it("fills the call's reason from the row (source csv), and groups it like any other", async () => {
    expect(await reasonsByCallid(db)).toEqual(['m1 11:00 billing-dispute (csv)', 'm3 11:10 missed-pickup (csv)']);
    const { rows, reason_coverage } = await computeMetrics(db, { ...DAY, group: 'reason' });
    expect(rows.map((r) => [r.reason, r.offered])).toEqual([['billing-dispute', 1], ['missed-pickup', 1], [null, 1]]);
    expect(reason_coverage).toEqual({ offered: 3, with_reason: 2, share_without_reason: 1 / 3 });
  });
});

describe('reasons from service requests, matched by caller number', () => {
  let db: Database;
  let warnings: string[];
  const mapping = {
    kind: 'service_requests',
    timezone: TZ,
    fields: {
      request_id: { column: 'request_no' },
      created_ts: { column: 'opened' },
      caller: { column: 'phone' },
      request_type: { column: 'type' }
    }
  };
  beforeAll(async () => {
    db = await fixtureDb('reasons.queue_log');
    const s = await ingestFile(db, queueLog('service-requests.csv'), { timeZone: TZ, format: 'csv', mapping: mappingSchema.parse(mapping) });
    warnings = s.warnings;
    expect(s.quarantined).toEqual([expect.objectContaining({ line_no: 7, field: 'created_ts' })]);
    expect(s.rows_loaded).toBe(5);
  });
  afterAll(() => db.close());

  it('matches a request to the call from its number that ended within 2 hours before it; queue_log still wins', async () => {
    const rows = await reasonsByCallid(db);
    expect(rows).toContain('r5.5 09:40 bulky-item-request (service_request)');
    expect(rows).toContain('r1.1 09:00 billing-dispute (queue_log)'); // SR-2 matched r1 but loses
    const matched = await db.all<{ request_id: string; callid: string | null }>(
      `SELECT s.request_id, c.callid FROM service_requests s
       LEFT JOIN calls c ON c.file_id = s.call_file_id AND c.line_no = s.call_line_no ORDER BY s.request_id`
    );
    expect(matched).toEqual([
      { request_id: 'SR-1', callid: 'r5.5' },
      { request_id: 'SR-2', callid: 'r1.1' },
      { request_id: 'SR-3', callid: null }, // never called
      { request_id: 'SR-4', callid: null }, // no number
      { request_id: 'SR-5', callid: null } // its call ended more than 2 hours before
    ]);
    expect(warnings).toContain('service requests: 2 of 5 matched a call (the caller\'s call that ended in the 2 hours before the request); 3 unmatched');
  });

  it('loads an export with no phone numbers and says nothing could be matched', async () => {
    const { caller: _none, ...fields } = mapping.fields;
    const s = await ingestFile(db, queueLog('service-requests-no-numbers.csv'), { timeZone: TZ, format: 'csv', mapping: mappingSchema.parse({ ...mapping, fields }) });
    expect(s.rows_loaded).toBe(2);
    expect(s.warnings).toContain("service requests: none of the 2 has a caller's number, so nothing could be matched to a call");
  });
});

describe('reasons after records retention purged the raw lines', () => {
  it('keeps each call its reason when its queue_log or CDR line is gone and the reasons are rebuilt', async () => {
    const db = await fixtureDb('reasons.queue_log');
    try {
      await ingestFile(db, queueLog('reasons-userfield.cdr.csv'), { timeZone: TZ });
      const before = await reasonsByCallid(db);
      // What the raw-lines purge does (sql/retention-purge-apply.sql), then the next load's rebuild.
      await db.run("DELETE FROM queue_event_rows WHERE event_code IN (SELECT code FROM queue_log_names WHERE name IN ('WRAPUPCODE', 'CALLSTATUS'))");
      await db.run('DELETE FROM cdr_records');
      await db.transaction((conn) => rebuildCallReasons(db, conn));
      expect(await reasonsByCallid(db)).toEqual(before);
    } finally {
      await db.close();
    }
  });
});
