/**
 * Free text on its way into the database: card-number-like strings replaced
 * (analytics/privacy/card-numbers.ts) and each save that had any counted in
 * `card_number_redactions` (migration 032), inside the save's own transaction. Call ids and callers'
 * numbers never pass through here: only notes, evaluation comments, lost-call handling notes,
 * annotations and exclusion reasons.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Database } from '../../../sql/db.ts';
import { redactCardNumbers } from '../../../analytics/privacy/card-numbers.ts';
import type { Actor } from '../audit.ts';

export interface FreeText {
  entity: string;
  field: string;
}

/** The text without card numbers, and how many were taken out. */
export function cleanText<T extends string | null | undefined>(text: T): { text: T; redacted: number } {
  if (typeof text !== 'string') return { text, redacted: 0 };
  const r = redactCardNumbers(text);
  return { text: r.text as T, redacted: r.redacted };
}

export async function recordRedactions(db: Database, conn: DuckDBConnection, actor: Actor, where: FreeText & { entityId?: string | number | null }, redacted: number): Promise<void> {
  if (redacted <= 0) return;
  await db.run(
    `INSERT INTO card_number_redactions (entity, entity_id, field, redacted, username) VALUES ($entity, $entity_id, $field, $redacted, $username)`,
    { entity: where.entity, entity_id: where.entityId === undefined || where.entityId === null ? null : String(where.entityId), field: where.field, redacted, username: actor.username },
    conn
  );
}

export interface RedactionCount {
  entity: string;
  field: string;
  saves: number;
  redacted: number;
}

/** How many card-number-like strings were kept out, per kind of text. */
export function redactionCounts(db: Database): Promise<RedactionCount[]> {
  return db.all<RedactionCount>(
    `SELECT entity, field, CAST(count(*) AS INTEGER) AS saves, CAST(sum(redacted) AS INTEGER) AS redacted
     FROM card_number_redactions GROUP BY entity, field ORDER BY entity, field`
  );
}
