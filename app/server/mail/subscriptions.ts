/**
 * Who gets which periodic report by mail (`mail_subscriptions`, migration 030). An admin adds and
 * removes anyone; a manager adds and removes their own address only. Every change is audited.
 */
import type { Database } from '../../../sql/db.ts';
import { ConflictError, ForbiddenError, InputError, NotFoundError } from '../../../sql/errors.ts';
import type { DuckDBConnection } from '@duckdb/node-api';
import { REPORT_KINDS, type ReportKind } from '../../../analytics/reports/reports-period.ts';
import { audit, type Actor } from '../audit.ts';
import { checkAddress } from './smtp-settings.ts';

export interface Subscription {
  id: number;
  kind: ReportKind;
  address: string;
  /** Set when a user subscribed themself. */
  user_id: number | null;
  created_by: string;
  created_at: string;
}

const COLUMNS = `id, kind, address, user_id, created_by, strftime(created_at, '%Y-%m-%dT%H:%M:%SZ') AS created_at`;

/** Every subscription, or one user's own. */
export function listSubscriptions(db: Database, q: { userId?: number } = {}): Promise<Subscription[]> {
  return db.all<Subscription>(
    `SELECT ${COLUMNS} FROM mail_subscriptions WHERE ($user IS NULL OR user_id = $user)
     ORDER BY CASE kind WHEN 'weekly' THEN 1 WHEN 'monthly' THEN 2 ELSE 3 END, address`,
    { user: q.userId ?? null }
  );
}

/** The addresses a kind of report goes to. */
export async function subscribersOf(db: Database, kind: ReportKind, conn?: DuckDBConnection): Promise<string[]> {
  const rows = await db.all<{ address: string }>('SELECT address FROM mail_subscriptions WHERE kind = $kind ORDER BY address', { kind }, conn);
  return rows.map((r) => r.address);
}

export interface SubscribeInput {
  kind: ReportKind;
  address: string;
  /** A user subscribing themself (a manager): the entry is theirs to remove. */
  self: boolean;
}

export async function subscribe(db: Database, user: Actor, input: SubscribeInput): Promise<Subscription> {
  if (!REPORT_KINDS.includes(input.kind)) throw new InputError(`kind: weekly, monthly or quarterly (got ${input.kind})`);
  const address = checkAddress(input.address);
  return db.transaction(async (conn) => {
    const existing = await db.one<Subscription>(`SELECT ${COLUMNS} FROM mail_subscriptions WHERE kind = $kind AND address = $address`, { kind: input.kind, address }, conn);
    if (existing) throw new ConflictError(`${address} gets the ${input.kind} report already`);
    const [row] = await db.all<Subscription>(
      `INSERT INTO mail_subscriptions (kind, address, user_id, created_by) VALUES ($kind, $address, $user, $by) RETURNING ${COLUMNS}`,
      { kind: input.kind, address, user: input.self ? user.id : null, by: user.username },
      conn
    );
    await audit(db, conn, { user, action: 'create', entity: 'mail_subscription', entityId: row.id, after: { kind: row.kind, address: row.address, self: input.self } });
    return row;
  });
}

/** Removes a subscription; `ownOnly` (a manager) may remove only one they made for themself. */
export async function unsubscribe(db: Database, user: Actor, id: number, ownOnly: boolean): Promise<void> {
  await db.transaction(async (conn) => {
    const before = await db.one<Subscription>(`SELECT ${COLUMNS} FROM mail_subscriptions WHERE id = $id`, { id }, conn);
    if (!before) throw new NotFoundError(`No mail subscription ${id}`);
    if (ownOnly && (before.user_id === null || before.user_id !== user.id)) throw new ForbiddenError('you may remove only your own subscriptions; an admin removes the others');
    await db.run('DELETE FROM mail_subscriptions WHERE id = $id', { id }, conn);
    await audit(db, conn, { user, action: 'delete', entity: 'mail_subscription', entityId: id, before: { kind: before.kind, address: before.address } });
  });
}
