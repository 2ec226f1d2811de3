// The alert log on imported history: fixture queue_logs loaded through the real ingest into DuckDB,
// the admin's rules in alert_rules, episodes worked out by hand from fixtures/queue-logs/README.md.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../sql/db.ts';
import { fixtureDb, TZ } from '../test-support/fixture-db.ts';
import { alertDay, alertLog } from './alert-log.ts';
import { ALERT_DEFINITIONS } from '../glossary.ts';

const setRules = async (db: Database, rules: Array<[string, string, number | null]>) => {
  await db.run('DELETE FROM alert_rules');
  for (const [queue, kind, threshold] of rules) await db.run('INSERT INTO alert_rules VALUES ($queue, $kind, $threshold)', { queue, kind, threshold });
};
const LATER = new Date('2027-01-01T00:00:00Z');
const texts = async (db: Database, date: string, asOf = LATER) => (await alertLog(db, { date, timeZone: TZ, asOf, maxWaitS: 3600 })).map((e) => e.text);

describe('service-level.queue_log, 2026-03-10 (billing; nobody ever logged in)', () => {
  let db: Database;
  beforeAll(async () => (db = await fixtureDb('service-level.queue_log')));
  afterAll(() => db.close());

  it('no rules, no log', async () => {
    expect(await texts(db, '2026-03-10')).toEqual([]);
  });

  it('longest wait over 20 s: c3 (21 s), c6 (30 s), c7 (120 s), and c9 open with no end (held at most 1 h)', async () => {
    await setRules(db, [['*', 'longest_wait', 20]]);
    // c2 is answered after exactly 20 s: never over. c9 entered 11:00 and has no end in the data.
    expect(await texts(db, '2026-03-10')).toEqual([
      '09:10–09:10 longest wait over 20 s, peak 21 s',
      '09:30–09:30 longest wait over 20 s, peak 30 s',
      '09:40–09:42 longest wait over 20 s, peak 2 min',
      '11:00–12:00 longest wait over 20 s, peak 1 h'
    ]);
    const [first] = await alertLog(db, { date: '2026-03-10', timeZone: TZ, asOf: LATER, maxWaitS: 3600 });
    expect(Object.keys(first)).toEqual(ALERT_DEFINITIONS.map((d) => d.key)); // the glossary covers every key
    expect(first).toMatchObject({ queue: 'billing', label: 'billing', kind: 'longest_wait', threshold: 20, from: '2026-03-10T14:10:20.000Z', to: '2026-03-10T14:10:21.000Z', peak: 21, firing_text: null });
  });

  it("a queue's own rule wins over every queue's; the next day has its own log", async () => {
    await setRules(db, [['*', 'longest_wait', 20], ['billing', 'longest_wait', 60]]);
    expect(await texts(db, '2026-03-10')).toEqual(['09:41–09:42 longest wait over 1 min, peak 2 min', '11:01–12:00 longest wait over 1 min, peak 1 h']);
    expect(await texts(db, '2026-03-11')).toEqual([]);
  });

  it('nobody available with callers waiting: with no rep logged in, every wait over the hold', async () => {
    await setRules(db, [['*', 'nobody_available', 25]]);
    expect(await texts(db, '2026-03-10')).toEqual([
      '09:30–09:30 callers waiting, nobody available for over 25 s, peak 1 waiting',
      '09:40–09:42 callers waiting, nobody available for over 25 s, peak 1 waiting',
      '11:00–12:00 callers waiting, nobody available for over 25 s, peak 1 waiting'
    ]);
  });

  it('on the day itself, as it was at 09:41: c7 has waited 60 s and is still waiting, so the alert is firing', async () => {
    await setRules(db, [['*', 'longest_wait', 20]]);
    const log = await alertLog(db, { date: '2026-03-10', timeZone: TZ, asOf: new Date('2026-03-10T14:41:00Z'), maxWaitS: 3600 });
    expect(log.map((e) => e.text)).toEqual(['09:10–09:10 longest wait over 20 s, peak 21 s', '09:30–09:30 longest wait over 20 s, peak 30 s', '09:40–now longest wait over 20 s, peak 1 min']);
    expect(log[2]).toMatchObject({ to: null, peak: 60, firing_text: 'Longest wait over 20 s since 09:40' });
  });

  it('looks ahead for the next alert the clock alone will start: c7 (entered 09:40:00) crosses 20 s at 09:40:20', async () => {
    await setRules(db, [['*', 'longest_wait', 20]]);
    const at = (iso: string, lookaheadS: number) => alertDay(db, { date: '2026-03-10', timeZone: TZ, asOf: new Date(iso), maxWaitS: 3600, lookaheadS });
    expect((await at('2026-03-10T14:40:05Z', 20)).next_at).toBe('2026-03-10T14:40:20.000Z');
    expect((await at('2026-03-10T14:40:05Z', 10)).next_at).toBeNull(); // further than it looks
    expect((await at('2026-03-10T14:40:25Z', 20)).next_at).toBeNull(); // already firing: nothing new to start
    expect((await at('2026-03-10T14:40:25Z', 20)).entries.at(-1)).toMatchObject({ to: null, peak: 25 });
  });

  it('service level is judged only once ten calls count (nine here)', async () => {
    await setRules(db, [['*', 'service_level', 0.99]]);
    expect(await texts(db, '2026-03-10')).toEqual([]);
  });
});

describe('dst-days.queue_log: the 23-hour day (2026-03-08), every call answered after 5 s', () => {
  let db: Database;
  beforeAll(async () => {
    db = await fixtureDb('dst-days.queue_log');
    await setRules(db, [['*', 'longest_wait', 4]]);
  });
  afterAll(() => db.close());

  it('reads local times on both sides of the change; calls of the days around stay out', async () => {
    expect(await texts(db, '2026-03-08')).toEqual([
      '00:10–00:10 longest wait over 4 s, peak 5 s',
      '01:59–01:59 longest wait over 4 s, peak 5 s',
      '03:00–03:00 longest wait over 4 s, peak 5 s',
      '23:59–23:59 longest wait over 4 s, peak 5 s'
    ]);
  });
});
