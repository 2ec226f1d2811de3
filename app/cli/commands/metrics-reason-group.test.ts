// `callboard metrics --group reason_group` in-process on the two hand-written weeks
// (fixtures/queue-logs/README.md: reason-groups.queue_log; analytics/trends/trends-reasons.test.ts works
// the numbers out): a row per group and week adding up to the week, the share without a reason under it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandOutput } from '../test-support.ts';
import { setDatabase, type Database } from '../../../sql/db.ts';
import { fixtureDb } from '../../../analytics/test-support/fixture-db.ts';
import { metrics as register } from './index.ts';

const run = (...args: string[]) => commandOutput([register], ['metrics', '--from', '2026-03-09', '--to', '2026-03-22', '--by', 'week', ...args]);

describe('callboard metrics by reason group', () => {
  let db: Database;
  beforeAll(async () => {
    delete process.env.CALLBOARD_TZ;
    db = await fixtureDb('reason-groups.queue_log');
    await db.run(`INSERT INTO reason_catalogue VALUES ('bulky-item', 'Bulky-item pick-up', 'Bulky item', now(), 'test')`);
    setDatabase(db);
  });
  afterAll(() => db.close());

  it('--group reason_group: catalogue groups, codes it lacks, no reason; each week adds up; coverage printed', async () => {
    const totals = JSON.parse(await run('--json')).rows as Array<{ period_start: string; offered: number }>;
    const { rows } = JSON.parse(await run('--group', 'reason_group', '--json'));
    expect(rows.map((r: { period_start: string; reason_group: string | null; offered: number }) => [r.period_start, r.reason_group, r.offered])).toEqual([
      ['2026-03-09', 'Bulky item', 2],
      ['2026-03-09', 'Not in catalogue', 2], // billing-dispute, missed-pickup: only bulky-item is in this catalogue
      ['2026-03-09', null, 1],
      ['2026-03-16', 'Not in catalogue', 3],
      ['2026-03-16', null, 1]
    ]);
    for (const t of totals) {
      expect(rows.filter((r: { period_start: string }) => r.period_start === t.period_start).reduce((n: number, r: { offered: number }) => n + r.offered, 0)).toBe(t.offered);
    }
    const table = await run('--group', 'reason_group');
    expect(table.split('\n')[0].split(/\s+/).slice(0, 3)).toEqual(['period_start', 'reason_group', 'offered']);
    expect(table).toContain('calls without a reason: 22.2% (2 of 9)');
  });
});
