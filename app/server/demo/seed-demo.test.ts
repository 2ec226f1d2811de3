/**
 * The demo's call reasons from each source, seeded through the real ingest path (the browser tests'
 * demo: 35 days to 2026-11-25 14:00 Chicago): queue_log wrap-up codes and IVR choices, the special
 * line's CDR userfield (the reason of the calls whose rep logged no code; queue_log wins where both
 * exist), and the city's service-request export (the reason of calls with neither; the requests
 * opened on the web or in the app match no call and are counted). Figures by reason add up to the totals.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../sql/db.ts';
import { computeMetrics } from '../../../analytics/metrics/metrics.ts';
import { callFactsUsable, catchUpCallFacts } from '../../../analytics/callers/call-facts.ts';
import { DEMO, demoTemplate } from '../../test/app-server.ts';
import { reasonOverview } from '../reasons.ts';
import { generateDemoCenter } from './generate-demo-center.ts';

const dir = mkdtempSync(join(tmpdir(), 'callboard-demo-reasons-'));
let db: Database;
let requestRows: string[][];

beforeAll(async () => {
  const path = join(dir, 'demo.duckdb');
  copyFileSync(await demoTemplate(), path);
  db = await openDatabase(path);
  const center = generateDemoCenter({ end: DEMO.end, days: DEMO.days, timeZone: DEMO.timeZone });
  requestRows = center.serviceRequests.trim().split('\n').slice(1).map((l) => l.split(','));
});

afterAll(async () => {
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the demo: call reasons from each source', () => {
  it('gives calls reasons from queue_log, the CDR and service requests, queue_log first', async () => {
    const bySource = Object.fromEntries(
      (await db.all<{ source: string; n: number }>('SELECT source, CAST(count(*) AS INTEGER) AS n FROM call_reasons GROUP BY source'))
        .map((r) => [r.source, r.n])
    );
    expect(Object.keys(bySource).sort()).toEqual(['cdr', 'queue_log', 'service_request']);
    expect(bySource.queue_log).toBeGreaterThan(10 * bySource.cdr);
    expect(bySource.cdr).toBeGreaterThan(50);
    expect(bySource.service_request).toBeGreaterThan(50);

    // A CDR reason is the userfield of the call's member leg, on a call with no queue_log reason line.
    const cdrWins = await db.one<{ n: number; same: number; with_line: number }>(`
      SELECT CAST(count(*) AS INTEGER) AS n,
             CAST(count(*) FILTER (WHERE d.userfield = r.code) AS INTEGER) AS same,
             CAST(count(*) FILTER (WHERE EXISTS (SELECT 1 FROM reason_lines l
               WHERE l.call_file_id = r.file_id AND l.call_line_no = r.line_no)) AS INTEGER) AS with_line
      FROM call_reasons r JOIN cdr_records d ON d.file_id = r.src_file_id AND d.line_no = r.src_line_no
      WHERE r.source = 'cdr'`);
    expect(cdrWins).toEqual({ n: bySource.cdr, same: bySource.cdr, with_line: 0 });
    // Where the rep logged a code too, the queue_log's code won over the userfield.
    const both = await db.one<{ n: number; queue_log: number }>(`
      SELECT CAST(count(*) AS INTEGER) AS n, CAST(count(*) FILTER (WHERE r.source = 'queue_log') AS INTEGER) AS queue_log
      FROM calls c JOIN cdr_records d ON d.linkedid = c.callid AND nullif(d.userfield, '') IS NOT NULL
      JOIN call_reasons r ON r.file_id = c.file_id AND r.line_no = c.line_no
      WHERE EXISTS (SELECT 1 FROM reason_lines l WHERE l.call_file_id = c.file_id AND l.call_line_no = c.line_no)`);
    expect(both!.n).toBeGreaterThan(5 * bySource.cdr);
    expect(both!.queue_log).toBe(both!.n);
    // The member legs are no calls of their own: every call is the queue_log's or a callback.
    const cdrCalls = await db.one<{ inbound: number }>(`SELECT CAST(count(*) FILTER (WHERE direction <> 'outbound') AS INTEGER) AS inbound FROM calls WHERE source = 'cdr'`);
    expect(cdrCalls?.inbound).toBe(0);
  });

  it('gives a call with neither its service request type, and counts the requests no call matched', async () => {
    const viaRequest = await db.one<{ n: number; other: number }>(`
      SELECT CAST(count(*) AS INTEGER) AS n,
             CAST(count(*) FILTER (WHERE EXISTS (SELECT 1 FROM reason_lines l WHERE l.call_file_id = r.file_id AND l.call_line_no = r.line_no)
               OR EXISTS (SELECT 1 FROM cdr_records d WHERE d.linkedid = r.callid AND nullif(d.userfield, '') IS NOT NULL)) AS INTEGER) AS other
      FROM call_reasons r WHERE r.source = 'service_request'`);
    expect(viaRequest?.other).toBe(0);
    const codes = (await db.all<{ code: string }>(`SELECT DISTINCT code FROM call_reasons WHERE source = 'service_request' ORDER BY code`)).map((r) => r.code);
    expect(codes).toEqual(expect.arrayContaining(['bulky-item', 'missed-pickup']));
    expect(codes.every((c) => ['bulky-item', 'cart-repair', 'missed-pickup', 'special-needs', 'tree-debris'].includes(c))).toBe(true);

    // The export's phone requests all match their caller's call; the web's and the app's match none.
    const fromCalls = requestRows.filter((r) => r[2] === 'Phone Call').length;
    const { sources } = await reasonOverview(db, DEMO.timeZone);
    expect(sources.service_requests).toBe(requestRows.length);
    expect(sources.service_requests_without_number).toBe(0);
    expect(sources.service_requests_unmatched).toBe(requestRows.length - fromCalls);
    expect(sources.service_requests_unmatched).toBeGreaterThan(0.1 * requestRows.length);
    expect(sources.service_requests_unmatched).toBeLessThan(0.4 * requestRows.length);
  });

  it('adds the figures by reason up to the totals', async () => {
    const period = { from: '2026-10-22', to: DEMO.day, by: 'week', timeZone: DEMO.timeZone } as const;
    const total = (await computeMetrics(db, period)).rows;
    const byReason = await computeMetrics(db, { ...period, group: 'reason' });
    for (const key of ['offered', 'answered', 'lost'] as const) {
      const sum = new Map<string, number>();
      for (const r of byReason.rows) sum.set(String(r.period_start), (sum.get(String(r.period_start)) ?? 0) + Number(r[key]));
      expect(Object.fromEntries(sum), key).toEqual(Object.fromEntries(total.map((r) => [String(r.period_start), Number(r[key])])));
    }
    const offered = total.reduce((n, r) => n + Number(r.offered), 0);
    expect(byReason.reason_coverage?.offered).toBe(offered);
    // Wrap-up codes (86% of answered calls), lost callers' IVR choices (70%), the CDR and service
    // requests leave about 1 call in 9 without a reason (11.6% of these weeks; queue_log alone: 17%).
    expect(byReason.reason_coverage!.share_without_reason).toBeGreaterThan(0.09);
    expect(byReason.reason_coverage!.share_without_reason).toBeLessThan(0.14);
  });
});

describe('the seeded demo', () => {
  it('has its repeat and follow-up facts built, so its first Trends and Day pages read them', async () => {
    expect(await callFactsUsable(db)).toEqual({ repeat: true, followUp: true });
    expect(await catchUpCallFacts(db)).toBe('current'); // nothing left for `serve` to build at its start
  });
});
