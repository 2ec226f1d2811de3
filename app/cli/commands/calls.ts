/**
 * `callboard calls exclude CALL_ID --reason TEXT` / `calls include CALL_ID` / `calls excluded`: an
 * admin's taking a loaded call out of every figure, and putting it back, audited as the command
 * line's user (app/server/call-exclusions.ts). CALL_ID is the call's id on /calls and in the API:
 * FILE-LINE, the file and line the call was read from (e.g. 3-1520). While the server holds the
 * database, do it on the call's page instead (signed in as an admin).
 */
import { userInfo } from 'node:os';
import { DatabaseBusyError, InputError } from '../../../sql/errors.ts';
import type { Exclusion } from '../../../analytics/metrics/call-exclusions.ts';
import { excludeCall, exclusions, includeCall } from '../../server/call-exclusions.ts';
import { existingDatabase } from '../database.ts';
import type { CommonOptions } from '../options.ts';

export interface ExcludeOptions extends CommonOptions {
  reason?: string;
  json?: boolean;
}

const actor = () => ({ id: null, username: `cli:${userInfo().username}` });

async function open(path: string) {
  try {
    return await existingDatabase(path);
  } catch (e) {
    if (e instanceof DatabaseBusyError) {
      throw new DatabaseBusyError(`${path} is held by the running server: exclude or include the call on its page (/calls, as an admin)`);
    }
    throw e;
  }
}

const line = (x: Exclusion) =>
  `${x.id}\t${x.queue ?? '?'}\t${x.enter_ts ?? '?'}\t${x.outcome ?? 'open'}\texcluded by ${x.excluded_by} at ${x.excluded_at}: ${x.reason}`;

export async function exclude(id: string, opts: ExcludeOptions): Promise<void> {
  if (opts.reason === undefined) throw new InputError('--reason is required: say why the call is taken out of the figures');
  const x = await excludeCall(await open(opts.db), actor(), id, opts.reason);
  process.stdout.write(opts.json ? `${JSON.stringify({ exclusion: x })}\n` : `Excluded call ${x.id} (${x.queue}, ${x.outcome ?? 'open'}): ${x.reason}\n`);
}

export async function include(id: string, opts: ExcludeOptions): Promise<void> {
  const x = await includeCall(await open(opts.db), actor(), id);
  process.stdout.write(opts.json ? `${JSON.stringify({ included: x })}\n` : `Included call ${x.id} again (it was excluded by ${x.excluded_by}: ${x.reason})\n`);
}

export async function excluded(opts: ExcludeOptions): Promise<void> {
  const list = await exclusions(await open(opts.db));
  if (opts.json) process.stdout.write(`${JSON.stringify({ exclusions: list })}\n`);
  else process.stdout.write(list.length ? `${list.map(line).join('\n')}\n` : 'No calls are excluded.\n');
}
