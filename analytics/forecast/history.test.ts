// The history forecasts learn from is the same read from the call_slices summary as from every call:
// on the demo center (17 weeks through the real ingest, across the March clock change), for each
// interval length and in zones whose offsets are not whole hours; and a stale summary is never read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../sql/db.ts';
import { DEMO_TZ, demoDatabase } from '../test-support/coverage-demo-db.ts';
import { callHistory, dataSpan } from './history.ts';

let db: Database;
let dispose: () => void;

beforeAll(async () => {
  ({ db, dispose } = await demoDatabase());
});
afterAll(() => dispose?.());

describe('the forecast history from the summary', () => {
  for (const tz of [DEMO_TZ, 'Asia/Kathmandu', 'Australia/Adelaide']) {
    for (const interval_minutes of [15, 30, 60]) {
      it(`equals the one from every call: ${tz}, ${interval_minutes}-minute intervals`, async () => {
        const q = { from: '2026-03-01', to: '2026-03-14', tz, interval_minutes };
        const fromCalls = await db.query('forecast-history', q);
        const fromSummary = await db.query('forecast-history-summary', q);
        expect(fromCalls.length).toBeGreaterThan(100);
        expect(fromSummary).toEqual(fromCalls);
      });
    }
  }

  it('gives the same data span per queue', async () => {
    const fromCalls = await db.query('forecast-data-span', { tz: DEMO_TZ });
    expect(fromCalls.length).toBeGreaterThan(1);
    expect(await db.query('forecast-data-span-summary', { tz: DEMO_TZ })).toEqual(fromCalls);
    expect(await dataSpan(db, DEMO_TZ)).toEqual(fromCalls);
  });

  it('reads every call while the summary is not current', async () => {
    const q = { from: '2026-03-02', to: '2026-03-02', tz: DEMO_TZ, interval_minutes: 30 };
    const before = await callHistory(db, q);
    const names: string[] = [];
    const query = db.query.bind(db);
    db.query = ((name: string, params?: Record<string, unknown>, conn?: unknown) => {
      if (name.startsWith('forecast-history')) names.push(name);
      return query(name, params as never, conn as never);
    }) as typeof db.query;
    try {
      await callHistory(db, q);
      // a write the summary has not caught up with (as a crashed load would leave it)
      await db.transaction(async (conn) => {
        await conn.run(`UPDATE call_slices SET offered = offered + 1000`);
        await conn.run(`UPDATE call_slices_state SET calls = calls - 1`);
      });
      expect(await callHistory(db, q)).toEqual(before);
    } finally {
      db.query = query;
    }
    expect(names).toEqual(['forecast-history-summary', 'forecast-history']);
  });
});
