/**
 * Options every command shares (--db, --timezone) and their environment fallbacks. Light on purpose:
 * `--help` loads this, so it never imports the database module (that is database.ts).
 */
import { Option, type Command } from 'commander';
import { DEFAULT_DB_PATH } from '../../sql/default-db-path.ts';
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
