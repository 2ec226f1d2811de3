/**
 * The database of the commands that read one. Light on purpose: the pre-action hook (options.ts)
 * refuses a missing file through it before the command's modules and DuckDB are loaded; the database
 * module itself is imported only when a command opens one.
 */
import { existsSync } from 'node:fs';
import type { Database } from '../../sql/db.ts';
import { InputError } from '../../sql/errors.ts';

/** Whether this process already has its database (installed by tests or `serve`; sql/db.ts keeps it on globalThis). */
export const hasInstalledDatabase = (): boolean => (globalThis as { __callboardDb?: unknown }).__callboardDb !== undefined;

/**
 * A command that reads a database (metrics, report, forecast, roster, backup, ...) refuses a missing
 * file: a mistyped --db must not answer with zeros from a database made on the spot. A database the
 * process already has is used as it is.
 */
export function refuseMissingDatabase(path: string): void {
  if (!hasInstalledDatabase() && path !== ':memory:' && !existsSync(path)) {
    throw new InputError(`no database at ${path}: check --db or CALLBOARD_DB (this command reads a database and never creates one)`);
  }
}

/** The database of a command that reads it; a missing file is refused (refuseMissingDatabase). */
export async function existingDatabase(path: string): Promise<Database> {
  refuseMissingDatabase(path);
  const { getDatabase } = await import('../../sql/db.ts');
  return getDatabase(path);
}
