/**
 * Options every command shares (--db, --timezone) and their environment fallbacks, and the command's
 * context made from them once, by a pre-action hook that withCommonOptions adds, before the command
 * runs: the zone is checked there, and the database is opened only when the command asks for it.
 * Light on purpose: `--help` loads this, so it never imports the database module (database.ts is
 * loaded by `open()`, when a command needs it).
 */
import { Option, type Command } from 'commander';
import { DEFAULT_TIME_ZONE, centerTimeZone } from '../../analytics/center-settings.ts';
import { checkTimeZone } from '../../analytics/metrics/metric-query.ts';
import { DEFAULT_DB_PATH } from '../../sql/default-db-path.ts';
import type { Context } from '../server/context.ts';

export { checkTimeZone };

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
      const { existingDatabase } = await import('./database.ts');
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
