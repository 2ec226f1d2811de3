/**
 * Tests only: a copy of an in-memory test database as it is now (sql/memory-template.ts), to branch
 * its history: loads shared by several orders of loading are made once, then each order goes on in
 * a copy of its own. The copy is what the database would be if closed and opened again.
 */
import { Database, instanceOptions, migrate } from '../../sql/db.ts';
import { copyOfCopy } from '../../sql/memory-template.ts';

export async function forkDatabase(db: Database): Promise<Database> {
  const { instance, removeCopy } = await copyOfCopy(db.instance, instanceOptions());
  const copy = new Database(instance, db.path, removeCopy);
  await migrate(copy); // nothing to apply: as openDatabase does
  return copy;
}
