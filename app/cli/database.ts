/** The database of the commands that read one (loaded only when such a command runs). */
import { existsSync } from 'node:fs';
import { getDatabase, hasDatabase, type Database } from '../../sql/db.ts';
import { InputError } from '../../sql/errors.ts';

/**
 * The database of a command that reads it (metrics, report, forecast, roster, backup): a mistyped
 * --db must not answer with zeros from a database made on the spot, so a missing file is refused.
 * A database the process already has (installed by tests or `serve`) is used as it is.
 */
export function existingDatabase(path: string): Promise<Database> {
  if (!hasDatabase() && path !== ':memory:' && !existsSync(path)) {
    throw new InputError(`no database at ${path}: check --db or CALLBOARD_DB (this command reads a database and never creates one)`);
  }
  return getDatabase(path);
}
