import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, sqlDir, type Database } from './db.ts';

let db: Database;
beforeAll(async () => {
  db = await openDatabase(':memory:');
});
afterAll(() => db.close());

const bounds = (tz: string, day: string) =>
  db.one<{ start_ts: string; end_ts: string; hours: number }>(
    `SELECT local_day_start($tz, $day) AS start_ts, local_day_end($tz, $day) AS end_ts,
            epoch(local_day_end($tz, $day) - local_day_start($tz, $day)) / 3600 AS hours`,
    { tz, day }
  );

describe('local_day_start / local_day_end (migration 024)', () => {
  it('cut a local date at local midnight, as UTC instants', async () => {
    expect(await bounds('America/Chicago', '2026-03-05')).toEqual({
      start_ts: '2026-03-05T06:00:00.000Z',
      end_ts: '2026-03-06T06:00:00.000Z',
      hours: 24
    });
    expect((await bounds('Europe/Berlin', '2026-07-01'))?.start_ts).toBe('2026-06-30T22:00:00.000Z');
  });

  it('give the spring-forward day 23 hours and the fall-back day 25', async () => {
    expect(await bounds('America/Chicago', '2026-03-08')).toEqual({
      start_ts: '2026-03-08T06:00:00.000Z',
      end_ts: '2026-03-09T05:00:00.000Z',
      hours: 23
    });
    expect((await bounds('America/Chicago', '2026-11-01'))?.hours).toBe(25);
  });

  it('answer null for a missing date (optional ranges stay open)', async () => {
    expect(await db.one(`SELECT local_day_start('UTC', CAST(NULL AS DATE)) AS s`)).toEqual({ s: null });
  });

  it('are the only place the queries write the local-date snippet', () => {
    const copies = readdirSync(sqlDir())
      .filter((f) => f.endsWith('.sql'))
      .filter((f) => /timezone\(\$tz,\s*CAST\(CAST\(/.test(readFileSync(join(sqlDir(), f), 'utf8')));
    expect(copies).toEqual([]);
  });
});
