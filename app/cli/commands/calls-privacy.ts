/**
 * `callboard calls export --from --to --out FILE.csv [--redacted]` and `callboard calls erase-number
 * NUMBER`: a records request's CSV of calls (the public-records copy with callers' numbers left out,
 * or whole, audited) and erasing one caller's number everywhere (app/server/privacy/). Both run as
 * the command line's user, an admin, and are in the audit log.
 */
import { writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { exportCalls } from '../../server/privacy/calls-export.ts';
import { eraseNumber } from '../../server/privacy/erase-number.ts';
import { commandContext, type CommonOptions } from '../options.ts';

export interface CallsExportOptions extends CommonOptions {
  from: string;
  to: string;
  out: string;
  redacted?: boolean;
}

export interface EraseOptions extends CommonOptions {
  json?: boolean;
}

const admin = () => ({ id: null, username: `cli:${userInfo().username}`, role: 'admin' as const });

export async function exportCsv(opts: CallsExportOptions, cmd: Command): Promise<void> {
  const { db, timeZone } = await commandContext(cmd).open();
  const redacted = !!opts.redacted;
  const { csv, calls } = await exportCalls(db, admin(), { from: opts.from, to: opts.to, timeZone, redacted });
  writeFileSync(opts.out, csv);
  process.stdout.write(`Wrote ${calls} calls from ${opts.from} to ${opts.to} to ${opts.out}${redacted ? " (callers' numbers redacted)" : " (callers' numbers whole; the export is in the audit log)"}\n`);
}

export async function erase(number: string, opts: EraseOptions, cmd: Command): Promise<void> {
  const { db } = await commandContext(cmd).open();
  const e = await eraseNumber(db, admin(), number);
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(e)}\n`);
    return;
  }
  const where = Object.entries(e.erased).filter(([, n]) => n > 0).map(([t, n]) => `${t} ${n}`).join(', ');
  process.stdout.write(e.total ? `Erased ${e.number} from ${where}\n` : `${e.number} is not kept anywhere (already erased, or never loaded)\n`);
}
