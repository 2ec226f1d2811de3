/**
 * `callboard backup FILE` and `callboard restore FILE [--force]`.
 *
 * Backup works whether or not the server runs: with no server, this process opens the database and
 * copies it in one DuckDB transaction; while a server holds the file (DuckDB allows one process per
 * file), the server takes the same snapshot and streams it here (app/server/backup.ts explains why).
 * Restore needs the server stopped, and refuses to overwrite a database without --force.
 */
import { existsSync } from 'node:fs';
import { getDatabase } from '../../../sql/db.ts';
import { DatabaseBusyError, InputError } from '../../../sql/errors.ts';
import { backupDatabase, backupThroughServer, restoreDatabase, type BackupSummary } from '../../server/backup.ts';
import { readServerAdvert } from '../../server/local-control.ts';
import { existingDatabase } from '../database.ts';
import type { CommonOptions } from '../options.ts';

export interface BackupOptions extends CommonOptions {
  force?: boolean;
}

function describe(s: BackupSummary): string {
  const rows = (t: string) => s.tables[t] ?? 0;
  return `${Object.keys(s.tables).length} tables; ${rows('calls')} calls, ${rows('notes')} notes, ${rows('users')} users`;
}

export async function backup(file: string, opts: BackupOptions): Promise<void> {
  if (existsSync(file) && !opts.force) throw new InputError(`${file} already exists; choose a new name or add --force`);
  if (opts.db === ':memory:') throw new InputError('--db :memory: holds nothing to back up');
  let summary: BackupSummary;
  let via = '';
  try {
    summary = await backupDatabase(await existingDatabase(opts.db), file, { replace: opts.force });
  } catch (e) {
    if (!(e instanceof DatabaseBusyError)) throw e;
    const advert = readServerAdvert(opts.db);
    if (!advert) {
      throw new DatabaseBusyError(
        `${opts.db} is in use ${/by process \d+/.exec(e.message)?.[0] ?? 'by another process'}, which offers no backup service: ` +
          'download a backup in the app as an admin (POST /api/backup), or stop that process and run this again'
      );
    }
    summary = await backupThroughServer(advert, file, { replace: opts.force });
    via = ` (taken by the running server, process ${advert.pid})`;
  }
  process.stdout.write(`Backed up ${opts.db} to ${file}${via}: ${describe(summary)}\n`);
}

export async function restore(file: string, opts: BackupOptions): Promise<void> {
  const summary = await restoreDatabase(file, opts.db, { force: opts.force });
  await getDatabase(opts.db); // brings an older backup's schema up to date
  process.stdout.write(`Restored ${file} to ${opts.db}: ${describe(summary)}\n`);
  if (summary.kept_as) process.stdout.write(`The database it replaced is kept as ${summary.kept_as}\n`);
}
