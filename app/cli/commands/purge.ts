/**
 * `callboard purge [--dry-run] [--json]`: removes every record past its kind's retention (set on the
 * Settings page), except what a legal hold keeps, audited with the counts per kind; the server runs
 * the same each night (app/server/jobs.ts). --dry-run counts what would go and changes nothing.
 * While a server holds the database, it purges on its own schedule (or use Settings, Records retention).
 */
import type { Command } from 'commander';
import { userInfo } from 'node:os';
import { DatabaseBusyError } from '../../../sql/errors.ts';
import { RETENTION_KINDS, RETENTION_LABELS } from '../../../analytics/retention/retention-rules.ts';
import { purgeRecords, type PurgeResult } from '../../server/retention.ts';
import { commandContext, type CommonOptions } from '../options.ts';

export interface PurgeOptions extends CommonOptions {
  dryRun?: boolean;
  json?: boolean;
}

export function purgeText(r: PurgeResult): string {
  const limited = RETENTION_KINDS.filter((k) => r.before[k] !== null);
  if (!limited.length) return 'Every kind of record is kept forever: nothing to purge (set retention on the Settings page).\n';
  const verb = r.dry_run ? 'would remove' : 'removed';
  const lines = limited.map((k) => `  ${RETENTION_LABELS[k]} before ${r.before[k]}: ${verb} ${r.removed[k]}`);
  const held = r.held_calls ? `\n  ${r.held_calls} calls are under a legal hold and stay.` : '';
  return `${r.dry_run ? 'Dry run (nothing changed)' : 'Purged'} on ${r.today}:\n${lines.join('\n')}${held}\n`;
}

export async function run(opts: PurgeOptions, cmd: Command): Promise<void> {
  let ctx;
  try {
    ctx = await commandContext(cmd).open();
  } catch (e) {
    if (e instanceof DatabaseBusyError) {
      throw new DatabaseBusyError(`${opts.db} is held by the running server, which purges each night: see Settings, Records retention`);
    }
    throw e;
  }
  const result = await purgeRecords(ctx.db, { timeZone: ctx.timeZone, actor: { id: null, username: `cli:${userInfo().username}` }, dryRun: opts.dryRun });
  process.stdout.write(opts.json ? `${JSON.stringify(result)}\n` : purgeText(result));
}
