// Records retention on a small center counted by hand (retention-fixture.ts): what a purge removes,
// what a legal hold keeps, the audit record's counts, the source fingerprints that stop a purged
// export from loading again, the figures that still answer from the summary afterwards, the
// refusal of a setting shorter than an open report period, and a purge that fails before its
// commit leaving everything as it was.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../sql/db.ts';
import { ingestFile } from '../../ingest/load.ts';
import { computeMetrics } from '../../analytics/metrics/metrics.ts';
import { computeTrends } from '../../analytics/trends/trends.ts';
import { getReport } from '../../analytics/reports/reports-store.ts';
import { auditRecords } from './audit.ts';
import { buildAndStoreReport } from './report-jobs.ts';
import { searchCalls } from './calls.ts';
import { dayReview } from './day/day-review.ts';
import { addLegalHold, purgeRecords, purgedBefore, removeLegalHold, retentionState, saveRetention } from './retention.ts';
import { DAYS, FIXTURE_TZ as TZ, TODAY_CLOCK, addAudit, addEvaluation, addNote, callOf, markBuilt, writeFixture } from '../../analytics/test-support/retention-fixture.ts';

const admin = { id: null, username: 'admin' };
const ctx = { timeZone: TZ, clock: TODAY_CLOCK };
const dir = mkdtempSync(join(tmpdir(), 'callboard-retention-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = writeFixture(join(dir, 'queue_log'));

const n = async (db: Database, sql: string, params = {}) => Number((await db.one<{ n: number }>(sql, params))!.n);
const callsOn = (db: Database, day: string) =>
  n(db, `SELECT count(*) AS n FROM calls WHERE CAST(timezone($tz, enter_ts) AS DATE) = CAST($day AS DATE)`, { tz: TZ, day });

/** The fixture loaded, reports of the periods before today's built (only today's periods are open). */
async function center(path = ':memory:'): Promise<Database> {
  const db = await openDatabase(path);
  await ingestFile(db, file, { timeZone: TZ });
  await markBuilt(db, [['weekly', '2026-W24', '2026-06-08', '2026-06-14'], ['monthly', '2026-05', '2026-05-01', '2026-05-31']]);
  return db;
}

/** Everything a purge touches, to compare a database before and after. */
const STATE = `SELECT
  (SELECT count(*) || ':' || COALESCE(sum(hash(file_id, line_no, caller)), 0) FROM calls) AS calls,
  (SELECT count(*) || ':' || COALESCE(sum(hash(file_id, line_no, data2)), 0) FROM queue_events) AS events,
  (SELECT count(*) FROM notes) || '/' || (SELECT count(*) FROM note_versions) AS notes,
  (SELECT count(*) FROM quality_evaluations) AS evaluations,
  (SELECT count(*) FROM audit_log) AS audit,
  (SELECT count(*) FROM retention_purged) AS purged,
  (SELECT calls FROM call_slices_state) AS slices_state`;

describe('a purge on the hand-counted center', () => {
  let db: Database;
  let q1Id = 0;
  // Set up once in a database file, closed, and each test given a copy of it to open.
  const setUp = join(dir, 'purge-set-up.duckdb');
  let copies = 0;
  beforeAll(async () => {
    const db = await center(setUp);
    const q1 = await buildAndStoreReport(db, { kind: 'quarterly', period: '2026-Q1', timeZone: TZ, actor: admin, clock: TODAY_CLOCK });
    q1Id = q1.id;
    // Kept: calls 4 months (before 2026-02-15 go), numbers 3 months (before 2026-03-15), raw lines
    // 30 days (before 2026-05-16), notes and evaluations 3 months, audit log 30 days.
    for (const [kind, amount, unit] of [['calls', 4, 'months'], ['caller_numbers', 3, 'months'], ['raw_events', 30, 'days'],
      ['notes', 3, 'months'], ['evaluations', 3, 'months'], ['audit_log', 30, 'days']] as const) {
      await saveRetention(db, admin, { kind, amount, unit }, ctx);
    }
    // Held: the whole of 2026-02-10 (day 2), and caller 312-555-9999 (day 1's call c).
    await addLegalHold(db, admin, { scope: 'dates', from_date: DAYS[1], to_date: DAYS[1], reason: 'case 17-A' });
    await addLegalHold(db, admin, { scope: 'caller', caller: '(312) 555-9999', reason: 'records request 88' });
    const d1a = await callOf(db, DAYS[0], 'PJSIP/7001');
    const d1c = await callOf(db, DAYS[0], 'PJSIP/7002');
    const d3a = await callOf(db, DAYS[2], 'PJSIP/7001');
    await addNote(db, 'pjsip-7001', '2026-01-20T15:00:00Z'); // goes
    await addNote(db, 'pjsip-7002', '2026-01-21T15:00:00Z', `${d1c.file_id}:${d1c.line_no}`); // about a held call: stays
    await addNote(db, 'pjsip-7001', '2026-02-10T16:00:00Z'); // on a held day: stays
    await addNote(db, 'pjsip-7001', '2026-05-01T15:00:00Z'); // young enough: stays
    await addEvaluation(db, d1a, 'PJSIP/7001'); // goes
    await addEvaluation(db, d1c, 'PJSIP/7002'); // held call: stays
    await addEvaluation(db, d3a, 'PJSIP/7001'); // 2026-03-10, before 2026-03-15: goes
    await addAudit(db, '2026-01-01T12:00:00Z'); // goes
    await addAudit(db, '2026-02-10T18:00:00Z'); // held day: stays
    await addAudit(db, '2026-06-01T12:00:00Z'); // stays
    db.close();
  });
  beforeEach(async () => {
    const path = join(dir, `purge-${++copies}.duckdb`);
    copyFileSync(setUp, path);
    db = await openDatabase(path);
  });

  it('removes exactly what is past its retention and not held, and audits the counts', async () => {
    expect(await n(db, 'SELECT count(*) AS n FROM calls')).toBe(12);
    const dry = await purgeRecords(db, { ...ctx, actor: admin, dryRun: true });
    const state = await db.one(STATE);
    const result = await purgeRecords(db, { ...ctx, actor: admin });
    expect(result.before).toMatchObject({ calls: '2026-02-15', caller_numbers: '2026-03-15', raw_events: '2026-05-16', notes: '2026-03-15',
      evaluations: '2026-03-15', audit_log: '2026-05-16', reports: null });
    // calls: day 1's a and b (c is held by its number; day 2 by its date). numbers: day 3's three calls.
    // raw lines: day 1's a and b (3 + 2) and day 3's eight call lines; the log-ins stay.
    const removed = { raw_events: 13, calls: 2, caller_numbers: 3, notes: 1, evaluations: 2, audit_log: 1, reports: 0 };
    expect(result.removed).toEqual(removed);
    expect(dry.removed).toEqual(removed);
    expect(dry.dry_run).toBe(true);
    expect(await n(db, 'SELECT count(*) AS n FROM calls')).toBe(10);
    expect(await callsOn(db, DAYS[0])).toBe(1);
    expect(await callsOn(db, DAYS[1])).toBe(3);
    expect(await n(db, `SELECT count(*) AS n FROM calls WHERE caller = '3125559999'`)).toBe(1);
    expect(await n(db, `SELECT count(*) AS n FROM calls WHERE caller IS NULL`)).toBe(3);
    expect(await n(db, `SELECT count(*) AS n FROM queue_events WHERE event = 'ENTERQUEUE' AND data2 IS NULL`)).toBe(0);
    expect(await n(db, `SELECT count(*) AS n FROM queue_events`)).toBe(48 - 13);
    expect(await n(db, `SELECT count(*) AS n FROM queue_events WHERE event IN ('ADDMEMBER', 'REMOVEMEMBER')`)).toBe(16);
    expect(await n(db, 'SELECT count(*) AS n FROM notes')).toBe(3);
    expect(await n(db, 'SELECT count(*) AS n FROM note_versions')).toBe(3);
    expect(await n(db, 'SELECT count(*) AS n FROM quality_evaluations')).toBe(1);
    expect(await purgedBefore(db)).toEqual({ calls: '2026-02-15', caller_numbers: '2026-03-15', raw_events: '2026-05-16', notes: '2026-03-15',
      evaluations: '2026-03-15', audit_log: '2026-05-16' });
    // The file's span is kept for the trends' coverage, whatever lines of it are left.
    expect(await db.all(`SELECT strftime(first_ts, '%Y-%m-%d %H:%M') AS a, strftime(last_ts, '%Y-%m-%d %H:%M') AS b FROM retention_spans`))
      .toEqual([{ a: '2026-01-12 15:00', b: '2026-06-10 15:10' }]);
    const [entry] = await auditRecords(db, { entity: 'records' });
    expect(entry).toMatchObject({ action: 'purge', username: 'admin', after: { removed, held_calls: 4 } });
    // The dry run changed nothing.
    expect(state).not.toEqual(await db.one(STATE));
    // A second run finds nothing more.
    expect(Object.values((await purgeRecords(db, { ...ctx, actor: admin })).removed).every((x) => x === 0)).toBe(true);
  });

  it('keeps source fingerprints: the same export, or a rotated copy of it, brings nothing back', async () => {
    await purgeRecords(db, { ...ctx, actor: admin });
    const before = await db.one(STATE);
    const again = await ingestFile(db, file, { timeZone: TZ });
    const rotated = join(dir, 'queue_log.1');
    copyFileSync(file, rotated);
    const copy = await ingestFile(db, rotated, { timeZone: TZ });
    expect([again.calls_added, copy.calls_added, again.rows_loaded, copy.rows_loaded]).toEqual([0, 0, 0, 0]);
    expect(await db.one(STATE)).toEqual(before);
    expect(await callsOn(db, DAYS[0])).toBe(1);
  });

  it('answers trends and reports from the summary after the calls are gone, and says "purged before" for detail', async () => {
    const range = { from: '2026-01-01', to: '2026-06-30', timeZone: TZ };
    const monthly = () => computeMetrics(db, { ...range, by: 'month', group: 'queue' });
    const total = () => computeMetrics(db, { ...range, by: 'total' });
    const trend = () => computeTrends(db, { by: 'month', from: '2026-01-01', to: '2026-06-30', timeZone: TZ, today: '2026-06-15' });
    const [m0, t0, tr0] = [await monthly(), await total(), await trend()];
    expect(t0.rows[0].offered).toBe(12);
    const frozen = await getReport(db, q1Id);
    await purgeRecords(db, { ...ctx, actor: admin });
    // A refresh from scratch (a settings change) keeps the purged slices.
    await db.transaction(async (conn) => (await import('../../sql/upkeep/call-slices.ts')).refreshCallSlices(db, conn));
    const [m1, t1] = [await monthly(), await total()];
    expect(m1.rows).toEqual(m0.rows);
    expect(t1.rows).toEqual(t0.rows);
    expect(m1.purged_before).toBeUndefined();
    // Trends: the months keep their coverage and figures per queue; what needs numbers or each call is a gap.
    const tr1 = await trend();
    const keep = (p: (typeof tr0.series)[number]) => ({ period: p.period, covered: p.covered_days, offered: p.offered, sl: p.service_level, asa: p.asa_s });
    expect(tr1.series.map(keep)).toEqual(tr0.series.map(keep));
    expect(tr0.series[0]).toMatchObject({ covered_days: 20, offered: 3 }); // the export spans 12 January to 10 June
    expect(tr1.series.map((p) => p.lost_callers === null)).toEqual([true, true, true, false, false, false]);
    expect(tr1.series.slice(0, 2).map((p) => p.quality_score)).toEqual([null, null]);
    // Per rep needs every call: January is not shown as zero; the answer says where the detail ends.
    const byRep = await computeMetrics(db, { ...range, by: 'month', group: 'rep' });
    expect(byRep.purged_before).toBe('2026-02-15');
    expect(byRep.rows.some((r) => r.period_start === '2026-01-01')).toBe(false);
    // The calls list and the day view say where the calls end instead of showing an empty day.
    const list = await searchCalls(db, TZ, { from: '2026-01-01', to: '2026-06-30' });
    expect([list.total, list.purged_before, list.numbers_purged_before]).toEqual([10, '2026-02-15', undefined]);
    expect((await searchCalls(db, TZ, { caller: '3125550101' })).numbers_purged_before).toBe('2026-03-15');
    expect((await searchCalls(db, TZ, { from: '2026-03-01' })).purged_before).toBeUndefined();
    const purgedDay = await dayReview(db, { date: DAYS[0], timeZone: TZ, now: TODAY_CLOCK() });
    expect(purgedDay).toMatchObject({ purged_before: '2026-02-15', has_calls: true });
    expect(purgedDay.tiles.find((t) => t.key === 'offered')).toMatchObject({ value: 3 });
    expect((await dayReview(db, { date: DAYS[3], timeZone: TZ, now: TODAY_CLOCK() })).purged_before).toBeNull();
    // The frozen report reads as it was; built again, its figures per queue are the same.
    expect(await getReport(db, q1Id)).toEqual(frozen);
    const rebuilt = await buildAndStoreReport(db, { kind: 'quarterly', period: '2026-Q1', timeZone: TZ, actor: admin, clock: TODAY_CLOCK });
    const volume = (r: typeof frozen) => r.sections.find((x) => x.key === 'volume')!;
    const numberKeys = ['lost_callers', 'recovered', 'recovery_rate', 'median_recovery_s', 'repeat_rate'];
    const summarised = (r: typeof frozen) => [...volume(r).figures.filter((f) => !numberKeys.includes(f.key)),
      ...r.sections.find((x) => x.key === 'service_level')!.figures];
    expect(summarised(rebuilt)).toEqual(summarised(frozen));
    expect(summarised(frozen).find((f) => f.key === 'offered')!.value).toBe(9);
    // What needs each caller's number is missing, not zero, and the report says why.
    expect(volume(frozen).figures.find((f) => f.key === 'lost_callers')!.value).toBeGreaterThan(0);
    expect(volume(rebuilt).figures.filter((f) => numberKeys.includes(f.key)).map((f) => f.value)).toEqual([null, null, null, null, null]);
    expect(volume(rebuilt).notes.join(' ')).toContain('purged before 2026-03-15');
    expect(rebuilt.sections.find((x) => x.key === 'staff')!.notes[0]).toContain('from 2026-02-15 on');
  });

  it('leaves the old state when the purge fails before its commit', async () => {
    const before = await db.one(STATE);
    await expect(purgeRecords(db, { ...ctx, actor: admin, beforeCommit: async () => { throw new Error('killed'); } })).rejects.toThrow('killed');
    expect(await db.one(STATE)).toEqual(before);
  });

  it('lets go of what a removed hold kept', async () => {
    const hold = (await retentionState(db, ctx)).holds.find((h) => h.scope === 'dates')!;
    await removeLegalHold(db, admin, hold.id);
    expect((await purgeRecords(db, { ...ctx, actor: admin })).removed.calls).toBe(5);
    expect((await auditRecords(db, { entity: 'legal_hold' }))[0]).toMatchObject({ action: 'delete', before: { reason: 'case 17-A' } });
  });
});

describe('holds on a rep, report retention', () => {
  it('keeps what the held rep answered and what was written about them; purges old reports', async () => {
    const db = await center();
    await markBuilt(db, [['quarterly', '2026-Q1', '2026-01-01', '2026-03-31'], ['monthly', '2026-01', '2026-01-01', '2026-01-31']]);
    await saveRetention(db, admin, { kind: 'calls', amount: 4, unit: 'months' }, ctx);
    await saveRetention(db, admin, { kind: 'notes', amount: 4, unit: 'months' }, ctx);
    await saveRetention(db, admin, { kind: 'reports', amount: 1, unit: 'months' }, ctx);
    await addLegalHold(db, admin, { scope: 'rep', rep_id: 'pjsip-7001', reason: 'grievance 4' });
    await addNote(db, 'pjsip-7001', '2026-01-20T15:00:00Z');
    await addNote(db, 'pjsip-7002', '2026-01-20T15:00:00Z');
    const r = await purgeRecords(db, { ...ctx, actor: admin });
    // Days 1 and 2 before 2026-02-15: b and c of each go, a (answered by the held rep) stays.
    expect(r.removed).toMatchObject({ calls: 4, notes: 1, reports: 2 });
    expect(await n(db, `SELECT count(*) AS n FROM calls WHERE agent = 'PJSIP/7001'`)).toBe(4);
    expect(await n(db, `SELECT count(*) AS n FROM reports`)).toBe(2);
  });
});

describe('settings', () => {
  it('refuses a retention that would purge inside an open report period, with the reason', async () => {
    const db = await openDatabase(':memory:');
    // Nothing built: the first quarter (its report not built yet) is open, from 2026-01-01.
    await expect(saveRetention(db, admin, { kind: 'calls', amount: 3, unit: 'months' }, ctx)).rejects.toThrow(
      /Call records kept 3 months would purge them before 2026-03-15, inside the open quarterly report period 2026-Q1 \(2026-01-01 to 2026-03-31\), which is not built yet: keep them at least 165 days/
    );
    await markBuilt(db, [['quarterly', '2026-Q1', '2026-01-01', '2026-03-31'], ['monthly', '2026-05', '2026-05-01', '2026-05-31'],
      ['weekly', '2026-W24', '2026-06-08', '2026-06-14']]);
    await expect(saveRetention(db, admin, { kind: 'notes', amount: 30, unit: 'days' }, ctx)).rejects.toThrow(/open quarterly report period 2026-Q2.*at least 75 days/);
    expect((await saveRetention(db, admin, { kind: 'calls', amount: 3, unit: 'months' }, ctx)).described).toBe('3 months');
    // The audit log and reports are not what a report is built from: any length is taken.
    expect((await saveRetention(db, admin, { kind: 'audit_log', amount: 7, unit: 'days' }, ctx)).described).toBe('7 days');
    expect((await saveRetention(db, admin, { kind: 'calls', amount: 'forever' }, ctx)).retention).toBeNull();
    const audits = await auditRecords(db, { entity: 'retention' });
    expect(audits.map((a) => [a.entity_id, a.after])).toEqual([
      ['calls', { kept: 'forever' }], ['audit_log', { kept: '7 days' }], ['calls', { kept: '3 months' }]
    ]);
    await expect(saveRetention(db, admin, { kind: 'calls', amount: -2, unit: 'days' }, ctx)).rejects.toThrow(/whole number of days or months above 0/);
    await expect(saveRetention(db, admin, { kind: 'calls', amount: 2, unit: 'weeks' }, ctx)).rejects.toThrow(/days or months/);
    await expect(addLegalHold(db, admin, { scope: 'dates', from_date: '2026-03-01', to_date: '2026-02-01', reason: 'x' })).rejects.toThrow(/after/);
    await expect(addLegalHold(db, admin, { scope: 'caller', caller: '12', reason: 'x' })).rejects.toThrow(/at least 3/);
    await expect(addLegalHold(db, admin, { scope: 'rep', rep_id: 'a', reason: ' ' })).rejects.toThrow(/reason/);
  });
});
