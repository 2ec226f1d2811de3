/** The reps Callboard knows (sql/rep-directory.sql): roster people and unrostered interfaces seen in the data. */
import type { Database } from '../../sql/db.ts';
import { NotFoundError } from '../../sql/errors.ts';

export interface Rep {
  id: string;
  name: string;
  interface: string;
  interfaces: string[];
  team: string | null;
  active: boolean;
}

/**
 * Read once while nothing is written (db.lookups): it reads every call's rep (0.5-1.5 s at 10M
 * calls), and the reps, calls, day, live and schedule pages all ask. Nothing of it moves with the
 * clock, so it is kept until the next write (no refresh every few seconds).
 */
export async function listReps(db: Database): Promise<Rep[]> {
  return [...(await db.lookups.get('rep-directory', () => db.query<Rep>('rep-directory', { id: null }), Infinity))];
}

/** One rep, from the same shared look-up (rep-directory.sql for one id reads every call's rep all the same). */
export async function findRep(db: Database, id: string): Promise<Rep> {
  const rep = (await listReps(db)).find((r) => r.id === id);
  if (!rep) throw new NotFoundError(`No rep "${id}"`);
  return { ...rep, interfaces: [...rep.interfaces] }; // (a copy: the look-up's rows are shared)
}
