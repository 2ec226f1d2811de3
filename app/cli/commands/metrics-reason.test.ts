// `callboard metrics --group reason` and `--reason CODE` in-process on the hand-written reasons
// fixture (fixtures/queue-logs/README.md: reasons.queue_log; analytics/reasons works the numbers out).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandOutput } from '../test-support.ts';
import { setDatabase, type Database } from '../../../sql/db.ts';
import { fixtureDb } from '../../../analytics/test-support/fixture-db.ts';
import { metrics as register } from './index.ts';

const run = (...args: string[]) => commandOutput([register], ['metrics', '--from', '2026-03-10', '--to', '2026-03-10', ...args]);

describe('callboard metrics by reason', () => {
  let db: Database;
  beforeAll(async () => {
    delete process.env.CALLBOARD_TZ;
    db = await fixtureDb('reasons.queue_log');
    setDatabase(db);
  });
  afterAll(() => db.close());

  it('--group reason --json gives a reason per row, null for calls without one, adding up to the total', async () => {
    const total = JSON.parse(await run('--json')).rows[0];
    const { rows } = JSON.parse(await run('--group', 'reason', '--json'));
    expect(rows.map((r: { reason: string | null }) => r.reason)).toEqual(['billing-dispute', 'bulky-item', 'missed-pickup', 'payment-plan', null]);
    expect(rows.reduce((n: number, r: { offered: number }) => n + r.offered, 0)).toBe(total.offered);
    expect(rows.reduce((n: number, r: { lost: number }) => n + r.lost, 0)).toBe(total.lost);
  });

  it('--reason CODE keeps that code, and the table says how many calls have no reason', async () => {
    const { rows } = JSON.parse(await run('--reason', 'missed-pickup', '--json'));
    expect(rows).toEqual([expect.objectContaining({ offered: 2, answered: 2, aht_s: 120 })]);
    const table = await run('--group', 'reason');
    expect(table.split('\n')[0].split(/\s+/).slice(0, 4)).toEqual(['period_start', 'reason', 'reason_name', 'reason_group']);
    expect(table).toContain('calls without a reason: 44.4% (4 of 9)');
  });
});
