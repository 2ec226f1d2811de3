/**
 * `callboard user add USERNAME --role ROLE [--rep INTERFACE]`: adds a sign-in account. The password is
 * read from standard input, one line (so it never appears in the shell's history or `ps`). While a
 * server holds the database, the account is added through it (app/server/local-control.ts).
 */
import { userInfo } from 'node:os';
import { getDatabase } from '../../../sql/db.ts';
import { CallboardError, DatabaseBusyError, InputError } from '../../../sql/errors.ts';
import { ROLES, checkPassword, checkUsername, createUser, isRole, type User } from '../../server/accounts.ts';
import { callServer, readServerAdvert } from '../../server/local-control.ts';
import type { CommonOptions } from '../options.ts';

export interface AddOptions extends CommonOptions {
  role?: string;
  rep?: string;
}

/** The first line of standard input (prompting when it is a terminal). */
async function readPasswordLine(username: string): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write(`Password for ${username}: `);
  let text = '';
  for await (const chunk of process.stdin) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  const line = text.split('\n')[0].replace(/\r$/, '');
  if (!line) throw new InputError('no password on standard input (send it as one line, e.g. from a file or a pipe)');
  return line;
}

async function addThroughServer(dbPath: string, busy: DatabaseBusyError, body: object): Promise<User> {
  const advert = readServerAdvert(dbPath);
  if (!advert) {
    throw new DatabaseBusyError(
      `${dbPath} is in use ${/by process \d+/.exec(busy.message)?.[0] ?? 'by another process'}: add the user in the ` +
        'running app as an admin (Settings, or POST /api/users), or stop that process and run this again'
    );
  }
  const response = await callServer(advert, 'POST', '/api/users', body);
  const answer = (await response.json().catch(() => ({}))) as { user?: User; error?: string };
  if (!response.ok || !answer.user) throw new CallboardError(answer.error ?? `the server answered ${response.status}`, response.status, 2);
  return answer.user;
}

export async function add(username: string, opts: AddOptions): Promise<void> {
  if (!opts.role) throw new InputError(`--role is required (${ROLES.join(', ')})`);
  if (!isRole(opts.role)) throw new InputError(`--role: "${opts.role}" is not a role (use ${ROLES.join(', ')})`);
  if (opts.role === 'rep' && !opts.rep) throw new InputError('--rep: a rep needs their member interface, e.g. --rep PJSIP/7009');
  const name = checkUsername(username);
  const password = checkPassword(await readPasswordLine(name));
  const input = { username: name, password, role: opts.role, repInterface: opts.rep ?? null };
  let created: User;
  try {
    const db = await getDatabase(opts.db);
    created = await createUser(db, { id: null, username: `cli:${userInfo().username}` }, input);
  } catch (e) {
    if (!(e instanceof DatabaseBusyError)) throw e;
    created = await addThroughServer(opts.db, e, { username: name, password, role: opts.role, rep_interface: opts.rep ?? null });
  }
  const rep = created.rep_id ? ` (rep ${created.rep_id}, ${created.rep_interface})` : '';
  process.stdout.write(`Added ${created.role} ${created.username}${rep}\n`);
}
