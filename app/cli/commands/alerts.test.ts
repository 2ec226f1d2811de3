// `callboard alerts` in-process on the service-level fixture (its episodes are worked out by hand in
// analytics/live/alert-log.test.ts; here: the shell prints them, and says why a log is empty).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandOutput } from '../test-support.ts';
import { setDatabase, type Database } from '../../../sql/db.ts';
import { fixtureDb } from '../../../analytics/test-support/fixture-db.ts';
import { alerts as register } from './index.ts';

const run = (...args: string[]) => commandOutput([register], ['alerts', ...args]);

describe('callboard alerts', () => {
  let db: Database;
  beforeAll(async () => {
    delete process.env.CALLBOARD_TZ;
    db = await fixtureDb('service-level.queue_log');
    setDatabase(db);
  });
  afterAll(() => db.close());

  it('says when no rule is set, then prints the day’s episodes, as text or JSON', async () => {
    expect(await run('--date', '2026-03-10')).toBe('No alert rules are set (an admin sets them on the Settings page).\n');
    await db.run("INSERT INTO alert_rules VALUES ('*', 'longest_wait', 60)");
    expect(await run('--date', '2026-03-10')).toBe('billing  09:41–09:42 longest wait over 1 min, peak 2 min\nbilling  11:01–12:00 longest wait over 1 min, peak 1 h\n');
    const out = JSON.parse(await run('--date', '2026-03-10', '--json'));
    expect(out.rows[0]).toMatchObject({ queue: 'billing', kind: 'longest_wait', threshold: 60, from: '2026-03-10T14:41:00.000Z', to: '2026-03-10T14:42:00.000Z', peak: 120 });
    expect(await run('--date', '2026-03-11')).toBe('No alerts on 2026-03-11.\n');
  });
});
