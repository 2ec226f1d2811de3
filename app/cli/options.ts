/**
 * Options every command shares (--db, --timezone) and their environment fallbacks, and the command's
 * context made from them once, by a pre-action hook that withCommonOptions adds, before the command
 * runs: the zone is checked there, and the database is opened only when the command asks for it.
 */
import { Option, type Command } from 'commander';
import { existsSync } from 'node:fs';
import { DEFAULT_DB_PATH, getDatabase, hasDatabase, type Database } from '../../sql/db.ts';
import { InputError } from '../../sql/errors.ts';
import { centerTimeZone, DEFAULT_TIME_ZONE } from '../../analytics/center-settings.ts';
import { checkTimeZone } from '../../analytics/metrics/metric-query.ts';
import type { Context } from '../server/context.ts';


export interface CommonOptions {
  db: string;
  timezone: string;
}

export function withCommonOptions(cmd: Command): Command {
  return cmd
    .hook('preAction', prepareContext)
    .addOption(new Option('--db <path>', 'database file').env('CALLBOARD_DB').default(DEFAULT_DB_PATH))
    .addOption(
      new Option('--timezone <tz>', "the center's local time zone, in which days and intervals are cut")
        .env('CALLBOARD_TZ')
        .default(DEFAULT_TIME_ZONE)
    );
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

/** What a command with the common options runs with (made by the pre-action hook). */
export interface CommandContext {
  dbPath: string;
  /** The zone the user gave (--timezone / CALLBOARD_TZ), checked; null: the stored zone applies. */
  explicitZone: string | null;
  /** The database (a read command's must exist) and the center's zone: the given one, else the stored one. */
  open(): Promise<Context>;
}

const contexts = new WeakMap<Command, CommandContext>();

/** The pre-action hook: makes the context of the command about to run (nothing is opened yet). */
export function prepareContext(_program: Command, action: Command): void {
  const opts = action.opts<Partial<CommonOptions>>();
  if (opts.db === undefined || opts.timezone === undefined) return; // a command without the common options
  const zone = checkTimeZone(opts.timezone);
  const explicitZone = action.getOptionValueSource('timezone') === 'default' ? null : zone;
  const dbPath = opts.db;
  contexts.set(action, {
    dbPath,
    explicitZone,
    async open() {
      const db = await existingDatabase(dbPath);
      return { db, timeZone: await centerTimeZone(db, explicitZone), operatorTimeZone: explicitZone };
    }
  });
}

/** The context the pre-action hook made for this command. */
export function commandContext(cmd: Command): CommandContext {
  const ctx = contexts.get(cmd);
  if (!ctx) throw new Error(`${cmd.name()}: no context (the command lacks withCommonOptions)`);
  return ctx;
}
