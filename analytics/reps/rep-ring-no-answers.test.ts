// The day view's reps whose phone rang without an answer come from rep-ring-no-answers.sql, which
// counts only those (repRingNoAnswers), not from repActivity, which also works out every rep's time
// logged in and paused. Held on the demo center to repActivity, kept below as the day view asked it:
// the same reps, names and counts for ten days (two closed Sundays among them) and a week, in
// two zones (the demo's reps are on the roster; one of them is given a second interface).
import { describe, expect, it } from 'vitest';
import type { Database } from '../../sql/db.ts';
import { DEMO_TZ } from '../test-support/coverage-demo-db.ts';
import { useDemoDatabase } from '../test-support/use-demo-database.ts';
import { addDays } from '../roster/schedule-model.ts';
import { repActivity, repRingNoAnswers } from './rep-activity.ts';

async function ringsBefore(db: Database, opts: { from: string; to: string; timeZone: string }) {
  const { reps } = await repActivity(db, opts);
  return reps.filter((r) => r.ring_no_answer > 0).map(({ rep_id, rep, ring_no_answer }) => ({ rep_id, rep, ring_no_answer }));
}

describe('the reps whose phone rang without an answer', () => {
  let db: Database;
  useDemoDatabase((d) => (db = d));

  it('are repActivity’s, counted alone', async () => {
    // (the demo's data: 2026-02-06 to 2026-06-05)
    const [one] = await db.all<{ rep_id: string }>(
      `SELECT p.rep_id FROM ring_attempts r JOIN roster p ON p.interface = r.agent WHERE r.result = 'no_answer' GROUP BY p.rep_id ORDER BY count(*) DESC LIMIT 1`
    );
    await db.run(`INSERT INTO roster SELECT 'Agent/9999', rep_id, name, team, true FROM roster WHERE rep_id = $id LIMIT 1`, { id: one.rep_id });
    let rings = 0;
    for (const timeZone of [DEMO_TZ, 'Asia/Kolkata']) {
      const ranges = Array.from({ length: 10 }, (_, i) => addDays('2026-05-15', i)).map((d) => [d, d]);
      for (const [from, to] of [...ranges, ['2026-05-18', '2026-05-24']]) {
        const now = await repRingNoAnswers(db, { from, to, timeZone });
        expect(now).toEqual(await ringsBefore(db, { from, to, timeZone }));
        rings += now.reduce((n, r) => n + r.ring_no_answer, 0);
      }
    }
    expect(rings).toBeGreaterThan(100);
    expect((await repRingNoAnswers(db, { from: '2026-05-04', to: '2026-06-02', timeZone: DEMO_TZ })).some((r) => r.rep_id === one.rep_id)).toBe(true);
  });
});
