/**
 * Managers' annotations (a note pinned to a local date, shown on trend charts and in reports): adding
 * and hiding one is written with its audit record in one transaction; nothing is deleted.
 */
import type { Database } from '../../sql/db.ts';
import { hideAnnotation, insertAnnotation, type Annotation } from '../../analytics/trends/trends-annotations.ts';
import { audit, type Actor } from './audit.ts';
import { cleanText, recordRedactions } from './privacy/card-redactions.ts';

export async function addAnnotation(db: Database, user: Actor, input: { date: string; text: string }): Promise<Annotation> {
  const author = { id: user.id, username: user.username };
  const clean = cleanText(input.text); // card numbers never kept
  return db.transaction(async (conn) => {
    const created = await insertAnnotation(db, conn, { date: input.date, text: clean.text, author });
    await recordRedactions(db, conn, author, { entity: 'annotation', entityId: created.id, field: 'text' }, clean.redacted);
    await audit(db, conn, { user: author, action: 'create', entity: 'annotation', entityId: created.id, after: created });
    return created;
  });
}

export async function removeAnnotation(db: Database, user: Actor, id: number): Promise<void> {
  const actor = { id: user.id, username: user.username };
  await db.transaction(async (conn) => {
    const before = await hideAnnotation(db, conn, id);
    await audit(db, conn, { user: actor, action: 'delete', entity: 'annotation', entityId: id, before });
  });
}
