// quarter_hour(ts) (migration 045): time_bucket(INTERVAL 15 MINUTE, ts)'s slice as a whole number, for
// every call of the demo center and at the edges (a slice's first and last microsecond, before 1970).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from './db.ts';
import { demoDatabase } from '../analytics/test-support/coverage-demo-db.ts';

const SAME = `epoch_us(time_bucket(INTERVAL 15 MINUTE, ts)) = quarter_hour(ts) * 900000000`;

describe('quarter_hour', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDatabase(':memory:');
  });
  afterAll(() => db.close());

  it('is the number of the 15-minute slice time_bucket gives, at the edges and before 1970', async () => {
    const instants = [
      '2026-03-08 07:59:59.999999+00', '2026-03-08 08:00:00+00', '2026-03-08 08:14:59.999999+00', '2026-03-08 08:15:00+00',
      '1970-01-01 00:00:00+00', '1969-12-31 23:59:59.999999+00', '1969-12-31 23:45:00+00', '1969-12-31 23:44:59.999999+00', '1900-06-01 12:07:00+00'
    ];
    const rows = await db.all<{ ts: string; same: boolean }>(
      `SELECT CAST(ts AS VARCHAR) AS ts, ${SAME} AS same FROM (SELECT CAST(unnest([${instants.map((t) => `'${t}'`).join(', ')}]) AS TIMESTAMPTZ) AS ts)`
    );
    expect(rows).toHaveLength(instants.length);
    expect(rows.filter((r) => !r.same)).toEqual([]);
  });

  it('gives every call of the demo center the slice time_bucket gives it', async () => {
    const { db: demo, dispose } = await demoDatabase();
    try {
      const r = await demo.one<{ calls: number; same: number }>(
        `SELECT CAST(count(*) AS INTEGER) AS calls, CAST(count(*) FILTER (WHERE ${SAME}) AS INTEGER) AS same FROM (SELECT enter_ts AS ts FROM calls)`
      );
      expect(r!.calls).toBeGreaterThan(10_000);
      expect(r!.same).toBe(r!.calls);
    } finally {
      dispose();
    }
  }, 300_000);
});
