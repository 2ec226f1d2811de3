/**
 * The audit log: every change people make (notes, evaluations, schedules, settings, users) is recorded
 * with who, when, and the entity before and after. `audit()` takes the connection of the change's own
 * transaction, so the change and its record are published together or not at all.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Database } from '../../sql/db.ts';

/** Who made a change: a signed-in user, or the command line (id null). */
export interface Actor {
  id: number | null;
  username: string;
}

export interface AuditEntry {
  user: Actor;
  /** create | update | delete | disable | acknowledge | backup | ... */
  action: string;
  /** user | note | schedule | setting | database | ... */
  entity: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
}

export interface AuditRecord {
  id: number;
  at: string;
  user_id: number | null;
  username: string;
  action: string;
  entity: string;
  entity_id: string | null;
  before: unknown;
  after: unknown;
}

/** Keys whose values never reach the log, at any depth. */
const SECRET_KEYS = new Set(['password', 'password_hash', 'passwordHash', 'token', 'token_hash']);

function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value).filter(([k]) => !SECRET_KEYS.has(k)).map(([k, v]) => [k, redact(v)])
    );
  }
  return typeof value === 'bigint' ? Number(value) : value;
}

const asJson = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(redact(value)));

const AUDIT_INSERT = `INSERT INTO audit_log (user_id, username, action, entity, entity_id, before, after)
     VALUES ($user_id, $username, $action, $entity, $entity_id, $before::JSON, $after::JSON)`;

const auditParams = (entry: AuditEntry) => ({
  user_id: entry.user.id,
  username: entry.user.username,
  action: entry.action,
  entity: entry.entity,
  entity_id: entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
  before: asJson(entry.before),
  after: asJson(entry.after)
});

/** Records a change, inside the transaction that makes it. */
export async function audit(db: Database, conn: DuckDBConnection, entry: AuditEntry): Promise<void> {
  await db.run(AUDIT_INSERT, auditParams(entry), conn);
}

/**
 * Records that someone read something (a lead shown callers' numbers): no figure depends on it, so it
 * is written as a write no shared answer depends on (Database.runUncounted). Counted, every page a lead
 * opened would make every reader's shared answers stale and wake the live floor's feed.
 */
export async function auditRead(db: Database, entry: AuditEntry): Promise<void> {
  await db.runUncounted(AUDIT_INSERT, auditParams(entry));
}

export interface AuditQuery {
  entity?: string;
  entityId?: string;
  limit?: number;
}

/** The newest records first, optionally of one entity. */
export async function auditRecords(db: Database, q: AuditQuery = {}): Promise<AuditRecord[]> {
  const rows = await db.all<AuditRecord & { before: string | null; after: string | null }>(
    `SELECT id, strftime(changed_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS at, user_id, username, action, entity, entity_id,
            CAST(before AS VARCHAR) AS before, CAST(after AS VARCHAR) AS after
     FROM audit_log
     WHERE ($entity IS NULL OR entity = $entity) AND ($entity_id IS NULL OR entity_id = $entity_id)
     ORDER BY id DESC
     LIMIT $limit`,
    { entity: q.entity ?? null, entity_id: q.entityId ?? null, limit: q.limit ?? 200 }
  );
  return rows.map((r) => ({
    ...r,
    before: r.before === null ? null : JSON.parse(r.before),
    after: r.after === null ? null : JSON.parse(r.after)
  }));
}
