/**
 * `callboard export --format parquet --out DIR [--with-caller-numbers] [--json]`: calls, rep states
 * and the 15-minute summary as Hive-partitioned Parquet by month, written again only where the data
 * changed (app/server/export/parquet-export.ts). Callers' numbers are masked unless asked for; every
 * export is audited as the command line's user. It reads the database, so a missing one is refused.
 */
import type { Command } from 'commander';
import { userInfo } from 'node:os';
import { DatabaseBusyError } from '../../../sql/errors.ts';
import { exportParquet, type ExportSummary } from '../../server/export/parquet-export.ts';
import { commandContext, type CommonOptions } from '../options.ts';

export interface ExportCliOptions extends CommonOptions {
  format: 'parquet';
  out: string;
  withCallerNumbers?: boolean;
  json?: boolean;
}

const months = (list: string[]) => (list.length <= 4 ? list.join(', ') : `${list[0]} .. ${list[list.length - 1]}`);

export function describeExport(s: ExportSummary): string {
  const lines = Object.entries(s.tables).map(([name, t]) => {
    const parts = [`${t.write.length} month(s) written${t.write.length ? ` (${months(t.write)})` : ''}`, `${t.unchanged.length} unchanged`];
    if (t.remove.length) parts.push(`${t.remove.length} removed (${months(t.remove)})`);
    return `  ${name}: ${t.rows} rows; ${parts.join(', ')}`;
  });
  const numbers = s.caller_numbers === 'full' ? "callers' numbers in full (audited)" : "callers' numbers masked";
  return `Exported to ${s.out} (${numbers}):\n${lines.join('\n')}\n`;
}

/** The database, or what to do while the server holds it: export a backup (taken through the server). */
async function open(cmd: Command, dbPath: string) {
  try {
    return await commandContext(cmd).open();
  } catch (e) {
    if (!(e instanceof DatabaseBusyError)) throw e;
    throw new DatabaseBusyError(
      `${dbPath} is held by the running server: export a backup of it (callboard backup FILE, then callboard export --db FILE ...), or stop the server first`
    );
  }
}

export async function run(opts: ExportCliOptions, cmd: Command): Promise<void> {
  const { db, timeZone } = await open(cmd, opts.db);
  const summary = await exportParquet(db, {
    out: opts.out,
    timeZone,
    withCallerNumbers: opts.withCallerNumbers === true,
    actor: { id: null, username: `cli:${userInfo().username}` }
  });
  process.stdout.write(opts.json ? JSON.stringify(summary) + '\n' : describeExport(summary));
}
