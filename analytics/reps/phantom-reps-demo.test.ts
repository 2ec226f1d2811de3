// Issue 13.1: the real 2018 PBXware export (fixtures/real/pbxware-queue-cdr-2018) uploaded into the
// demo center. Eight of its agents' last log-ins have no log-off in the file; before migration 018
// they ran to the newest event of any kind (the demo's June 2026) and put those agents on the phones
// on every 2026 day. Now the 2018 file is superseded by later data and its open log-ins end at each
// member's last activity in it: every 2026 figure is what it was before the upload.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../sql/db.ts';
import { ingestFile } from '../../ingest/load.ts';
import { realdata } from '../../fixtures/paths.ts';
import { demoDatabase, DEMO_TZ } from '../test-support/coverage-demo-db.ts';
import { repActivity } from './rep-activity.ts';
import { pastCoverage } from '../staffing/coverage-past.ts';
import { dataQuality } from '../metrics/data-quality.ts';

// The demo's last full week, Monday to Friday (the data ends Friday 2026-06-05 18:00).
const WEEK = { from: '2026-06-01', to: '2026-06-05', timeZone: DEMO_TZ };

async function figures(db: Database) {
  const activity = await repActivity(db, { ...WEEK, intervalMinutes: 60 });
  const coverage = await pastCoverage(db, { ...WEEK, intervalMinutes: 60 });
  const days = await db.query('schedule-history-days', { from: WEEK.from, to: WEEK.to, tz: WEEK.timeZone });
  const slices = await db.query('coverage-rep-slices', { from: WEEK.from, to: WEEK.to, tz: WEEK.timeZone });
  return { activity, coverage, days, slices };
}

describe('the 2018 PBXware export uploaded into the demo', () => {
  let demo: Awaited<ReturnType<typeof demoDatabase>>;
  let before: Awaited<ReturnType<typeof figures>>;
  let after: Awaited<ReturnType<typeof figures>>;
  beforeAll(async () => {
    demo = await demoDatabase();
    before = await figures(demo.db);
    const s = await ingestFile(demo.db, realdata('pbxware-queue-cdr-2018/queue_log.csv'), { timeZone: 'America/New_York' });
    expect(s.error).toBeUndefined();
    after = await figures(demo.db);
  }, 300_000);
  afterAll(() => demo?.dispose());

  it('puts no 2018 agent on the phones on a 2026 day', () => {
    const friday7 = (r: typeof before) => r.activity.intervals.find((i) => i.period_start === '2026-06-05T07:00:00')!;
    expect(friday7(after).reps_on_phones).toBe(friday7(before).reps_on_phones);
    expect(after.activity.intervals).toEqual(before.activity.intervals);
    expect(after.coverage.intervals).toEqual(before.coverage.intervals);
    expect(after.coverage.adherence).toEqual(before.coverage.adherence);
    expect(after.slices).toEqual(before.slices);
    expect(after.days).toEqual(before.days);
  });

  it('does not add them to the Reps table of a 2026 week', () => {
    const ids = after.activity.reps.map((r) => r.interfaces).join(', ');
    expect(ids).not.toContain('1109');
    expect(after.activity.reps).toEqual(before.activity.reps);
  });

  it('shows the lead where their log-ins were ended', async () => {
    const dq = await dataQuality(demo.db, { from: '2018-11-29', to: '2018-12-04', timeZone: 'America/New_York' });
    const agents = new Set(dq.inferred_ends.map((e) => e.interface));
    expect(agents).toContain('Agent/1109');
    expect(agents).toContain('Local/1109@callback-agent');
    // Worked from the file: 1109 was active past a shift after its 04:29:05 log-in on 12-03; the
    // PBX restarted (QUEUESTART 04:06:59 on 12-04) under 1126; 1141 and 1127 end at their last events.
    expect(dq.inferred_ends.filter((e) => e.state === 'logged_in' && e.interface.startsWith('Agent/')).map((e) => [e.interface, e.ended, e.rule])).toEqual([
      ['Agent/1109', '2018-12-03T16:29:05', 'max_shift'],
      ['Agent/1126', '2018-12-04T04:06:59', 'queue_restart'],
      ['Agent/1141', '2018-12-04T12:00:37', 'last_activity'],
      ['Agent/1127', '2018-12-04T11:50:06', 'last_activity']
    ]);
    expect(dq.inferred_ends.every((e) => e.ended.startsWith('2018-'))).toBe(true);
  });
});
