/** Options every command shares (--db, --timezone) and their environment fallbacks. */
import { Option, type Command } from 'commander';
import { existsSync } from 'node:fs';
import { DEFAULT_DB_PATH, getDatabase, hasDatabase, type Database } from '../../sql/db.ts';
import { InputError } from '../../sql/errors.ts';

export const DEFAULT_TIMEZONE = 'America/Chicago';

export interface CommonOptions {
  db: string;
  timezone: string;
}

export function withCommonOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--db <path>', 'database file').env('CALLBOARD_DB').default(DEFAULT_DB_PATH))
    .addOption(
      new Option('--timezone <tz>', "the center's local time zone, in which days and intervals are cut")
        .env('CALLBOARD_TZ')
        .default(DEFAULT_TIMEZONE)
    );
}

/** Rejects a zone name that the platform does not know, before any work starts. */
export function checkTimeZone(tz: string): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return tz;
  } catch {
    throw new InputError(`Unknown time zone "${tz}" (use an IANA name such as America/Chicago)`);
  }
}

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
