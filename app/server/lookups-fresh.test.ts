// The look-ups kept while nothing is written (db.lookups): the staffing targets, the rep directory and
// the known queues are read once, and read again after any write: a new target, a rep put on the
// roster, a load that brings a new queue and a new rep.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../sql/db.ts';
import { ingestFile } from '../../ingest/load.ts';
import { fixtureDb, queueLog, TZ } from '../../analytics/test-support/fixture-db.ts';
import { readTargets } from '../../analytics/staffing/coverage-targets.ts';
import { knownQueues } from '../../analytics/center-settings.ts';
import { listReps } from './rep-directory.ts';
import { setTarget } from './schedules.ts';

describe('look-ups read again after a write', () => {
  let db: Database;
  beforeAll(async () => {
    db = await fixtureDb('rep-activity.queue_log');
  });
  afterAll(() => db.close());

  it('staffing targets: a target set is read at once', async () => {
    const before = await readTargets(db);
    expect(before.get('*')?.source).toBe('default');
    expect(await readTargets(db)).toEqual(before);
    await setTarget(db, { id: null, username: 'test' }, '*', { sl_target: 0.9, sl_threshold_s: 30, asa_target_s: null, max_occupancy: 0.85, shrinkage: 0.1, model: 'erlang-c' });
    const after = await readTargets(db);
    expect(after.get('*')).toMatchObject({ sl_target: 0.9, sl_threshold_s: 30, source: 'queue', model: 'erlang-c' });
    const queues = [...after.keys()].filter((q) => q !== '*');
    expect(queues.length).toBeGreaterThan(0);
    for (const q of queues) expect(after.get(q)).toMatchObject({ sl_target: 0.9, source: 'center' });
  });

  it('reps and queues: a roster change and a load are read at once, and a caller cannot change the kept answer', async () => {
    const reps = await listReps(db);
    const queues = await knownQueues(db);
    expect(reps.length).toBeGreaterThan(0);
    reps.pop();
    queues.pop();
    expect(await listReps(db)).toHaveLength(reps.length + 1);
    expect(await knownQueues(db)).toHaveLength(queues.length + 1);
    const first = (await listReps(db))[0];
    await db.run(`INSERT INTO roster (rep_id, name, interface, team, active) VALUES ('ann', 'Ann Example', $i, NULL, true)`, { i: first.interface });
    expect((await listReps(db)).find((r) => r.interface === first.interface)).toMatchObject({ id: 'ann', name: 'Ann Example' });
    const known = await knownQueues(db);
    expect((await ingestFile(db, queueLog('queue-move.queue_log'), { timeZone: TZ })).error).toBeUndefined();
    const grown = await knownQueues(db);
    expect(grown.length).toBeGreaterThan(known.length);
    expect(grown).toEqual(expect.arrayContaining(known));
  });
});
