// A rep is found in the shared directory look-up (listReps) instead of rep-directory.sql asked for
// one id: held on the demo center to the query for each id, kept below, and a rep nobody knows is
// still refused.
import { describe, expect, it } from 'vitest';
import type { Database } from '../../sql/db.ts';
import { NotFoundError } from '../../sql/errors.ts';
import { useDemoDatabase } from '../../analytics/test-support/use-demo-database.ts';
import { findRep, listReps, type Rep } from './rep-directory.ts';

describe('finding a rep', () => {
  let db: Database;
  useDemoDatabase((d) => (db = d));

  it('finds each rep as rep-directory.sql asked for that id does', async () => {
    await db.run(`INSERT INTO roster VALUES ('PJSIP/9001', 'pat-kim', 'Pat Kim', 'Billing', false), ('Agent/9001', 'pat-kim', 'Pat Kim', 'Billing', false)`);
    db.changed();
    const reps = await listReps(db);
    expect(reps.length).toBeGreaterThan(10);
    for (const rep of reps) {
      const [before] = await db.query<Rep>('rep-directory', { id: rep.id });
      expect(await findRep(db, rep.id)).toEqual(before);
    }
    expect((await findRep(db, 'pat-kim')).interfaces).toEqual(['Agent/9001', 'PJSIP/9001']);
    await expect(findRep(db, 'nobody-here')).rejects.toBeInstanceOf(NotFoundError);
  });
});
