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

export function listReps(db: Database): Promise<Rep[]> {
  return db.query<Rep>('rep-directory', { id: null });
}

export async function findRep(db: Database, id: string): Promise<Rep> {
  const [rep] = await db.query<Rep>('rep-directory', { id });
  if (!rep) throw new NotFoundError(`No rep "${id}"`);
  return rep;
}
