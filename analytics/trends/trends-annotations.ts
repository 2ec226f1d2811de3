/**
 * Annotations: what a manager pins to a local date ("new billing system", "storm week") so every trend
 * chart and report shows it beside the figures. Reading and writing rows only; the API wraps writes in
 * a transaction with their audit record (app/api/annotations.ts).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Database } from '../../sql/db.ts';
import { InputError, NotFoundError } from '../../sql/errors.ts';
import { checkDate } from '../metrics/metric-query.ts';

export interface Annotation {
  id: number;
  date: string;
  text: string;
  author: string;
  created_at: string;
}

export const MAX_ANNOTATION_LENGTH = 200;

export function listAnnotations(db: Database, from: string, to: string): Promise<Annotation[]> {
  return db.query<Annotation>('annotations-in-range', { from: checkDate('from', from), to: checkDate('to', to) });
}

export async function getAnnotation(db: Database, id: number, conn?: DuckDBConnection): Promise<Annotation & { deleted_at: string | null }> {
  const [row] = await db.query<Annotation & { deleted_at: string | null }>('annotation-by-id', { id }, conn);
  if (!row) throw new NotFoundError(`No annotation ${id}`);
  return row;
}

export function checkAnnotationText(text: unknown): string {
  const t = typeof text === 'string' ? text.replace(/\s+/g, ' ').trim() : '';
  if (!t) throw new InputError('text: say what happened (e.g. "storm week")');
  if (t.length > MAX_ANNOTATION_LENGTH) throw new InputError(`text: at most ${MAX_ANNOTATION_LENGTH} characters`);
  return t;
}

export async function insertAnnotation(
  db: Database,
  conn: DuckDBConnection,
  fields: { date: string; text: string; author: { id: number | null; username: string } }
): Promise<Annotation> {
  const [{ id }] = await db.query<{ id: number }>(
    'annotation-insert',
    { date: checkDate('date', fields.date), text: checkAnnotationText(fields.text), author_id: fields.author.id, author: fields.author.username },
    conn
  );
  const { deleted_at: _, ...annotation } = await getAnnotation(db, id, conn);
  return annotation;
}

/** Hides an annotation; answers it as it was. */
export async function hideAnnotation(db: Database, conn: DuckDBConnection, id: number): Promise<Annotation> {
  const before = await getAnnotation(db, id, conn);
  if (before.deleted_at) throw new NotFoundError(`No annotation ${id}`);
  await db.query('annotation-delete', { id }, conn);
  const { deleted_at: _, ...annotation } = before;
  return annotation;
}
