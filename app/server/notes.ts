/**
 * Feedback notes for reps. Nothing written here is ever lost: a note is never deleted (deleting sets
 * deleted_at), every version is kept in note_versions (the first included), and every change is in
 * the audit log, all in one transaction. An edit may name the version it was made from; if someone
 * changed the note since, it is refused (409) rather than silently overwriting their words.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Database } from '../../sql/db.ts';
import { ConflictError, NotFoundError, errorMessage } from '../../sql/errors.ts';
import { cleanText, recordRedactions } from './privacy/card-redactions.ts';
import { audit, type Actor } from './audit.ts';

export const NOTE_CATEGORIES = ['coaching', 'praise', 'procedure'] as const;
export const NOTE_STATES = ['open', 'done', 'acknowledged'] as const;
export type NoteCategory = (typeof NOTE_CATEGORIES)[number];
export type NoteState = (typeof NOTE_STATES)[number];

/** What an author writes (API keys, snake_case). Dates are local ISO dates (YYYY-MM-DD). */
export interface NoteFields {
  text: string;
  category: NoteCategory;
  call_ref: string | null;
  ref_date: string | null;
  evaluation_id: number | null;
  follow_up_date: string | null;
}

export interface Note extends NoteFields {
  id: number;
  rep_id: string;
  author: string;
  state: NoteState;
  version: number;
  created_at: string;
  updated_at: string;
  acknowledged_at: string | null;
  deleted_at: string | null;
}

export interface NoteVersion extends NoteFields {
  note_id: number;
  version: number;
  state: NoteState;
  deleted_at: string | null;
  edited_by: string;
  edited_at: string;
}

export type NoteEdit = Partial<NoteFields> & { state?: 'open' | 'done' };

const ts = (column: string) => `strftime(${column}, '%Y-%m-%dT%H:%M:%S.%gZ') AS ${column}`;
const day = (column: string) => `CAST(${column} AS VARCHAR) AS ${column}`;

const NOTE_SELECT = `
  SELECT id, rep_id, author, category, text, call_ref, ${day('ref_date')}, evaluation_id, ${day('follow_up_date')},
         state, version, ${ts('created_at')}, ${ts('updated_at')}, ${ts('acknowledged_at')}, ${ts('deleted_at')}
  FROM notes`;

export async function listNotes(db: Database, repId: string, opts: { includeDeleted?: boolean } = {}): Promise<Note[]> {
  return db.all<Note>(
    `${NOTE_SELECT} WHERE rep_id = $rep_id AND ($deleted OR deleted_at IS NULL) ORDER BY created_at DESC, id DESC`,
    { rep_id: repId, deleted: opts.includeDeleted ?? false }
  );
}

async function noteOfRep(db: Database, repId: string, noteId: number, conn?: DuckDBConnection): Promise<Note> {
  const note = await db.one<Note>(`${NOTE_SELECT} WHERE id = $id AND rep_id = $rep_id`, { id: noteId, rep_id: repId }, conn);
  if (!note) throw new NotFoundError(`No note ${noteId} for rep "${repId}"`);
  return note;
}

export const getNote = (db: Database, repId: string, noteId: number) => noteOfRep(db, repId, noteId);

/**
 * Every version of a note, oldest first. A deleted note's versions are for the people who write notes
 * (admins, managers, leads read them as they read deleted notes); `includeDeleted: false` (a rep asking)
 * answers a deleted note as no note at all.
 */
export async function noteVersions(
  db: Database,
  repId: string,
  noteId: number,
  opts: { includeDeleted?: boolean } = {}
): Promise<NoteVersion[]> {
  const note = await noteOfRep(db, repId, noteId);
  if (note.deleted_at && opts.includeDeleted === false) throw new NotFoundError(`No note ${noteId} for rep "${repId}"`);
  return db.all<NoteVersion>(
    `SELECT note_id, version, category, text, call_ref, ${day('ref_date')}, evaluation_id, ${day('follow_up_date')},
            state, ${ts('deleted_at')}, edited_by, ${ts('edited_at')}
     FROM note_versions WHERE note_id = $id ORDER BY version`,
    { id: noteId }
  );
}

/** Keeps the note as it now stands as its newest version. */
async function keepVersion(db: Database, conn: DuckDBConnection, noteId: number, actor: Actor): Promise<void> {
  await db.run(
    `INSERT INTO note_versions
       (note_id, version, rep_id, category, text, call_ref, ref_date, evaluation_id, follow_up_date, state,
        deleted_at, edited_by_id, edited_by)
     SELECT id, version, rep_id, category, text, call_ref, ref_date, evaluation_id, follow_up_date, state,
            deleted_at, $by_id, $by
     FROM notes WHERE id = $id`,
    { id: noteId, by_id: actor.id, by: actor.username },
    conn
  );
}

/** DuckDB refuses a transaction that wrote a row another one changed since it began. */
async function inTransaction<T>(db: Database, fn: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
  try {
    return await db.transaction(fn);
  } catch (e) {
    if (/conflict/i.test(errorMessage(e)) && !(e instanceof ConflictError)) {
      throw new ConflictError('Someone else changed this note at the same moment; reload it and try again.');
    }
    throw e;
  }
}

export async function createNote(db: Database, actor: Actor, repId: string, given: NoteFields): Promise<Note> {
  const clean = cleanText(given.text); // card numbers never kept (app/server/privacy/card-redactions.ts)
  const fields = { ...given, text: clean.text };
  return inTransaction(db, async (conn) => {
    const [{ id }] = await db.all<{ id: number }>(
      `INSERT INTO notes (rep_id, author_id, author, category, text, call_ref, ref_date, evaluation_id, follow_up_date)
       VALUES ($rep_id, $author_id, $author, $category, $text, $call_ref, $ref_date::DATE, $evaluation_id, $follow_up_date::DATE)
       RETURNING id`,
      { rep_id: repId, author_id: actor.id, author: actor.username, ...fields },
      conn
    );
    await keepVersion(db, conn, id, actor);
    await recordRedactions(db, conn, actor, { entity: 'note', entityId: id, field: 'text' }, clean.redacted);
    const note = await noteOfRep(db, repId, id, conn);
    await audit(db, conn, { user: actor, action: 'create', entity: 'note', entityId: id, after: note });
    return note;
  });
}

type Change = NoteEdit & { acknowledge?: boolean; delete?: boolean };

async function changeNote(
  db: Database,
  actor: Actor,
  repId: string,
  noteId: number,
  action: string,
  change: Change,
  fromVersion?: number
): Promise<Note> {
  const clean = cleanText(change.text); // card numbers never kept (app/server/privacy/card-redactions.ts)
  change = { ...change, text: clean.text };
  return inTransaction(db, async (conn) => {
    const before = await noteOfRep(db, repId, noteId, conn);
    if (before.deleted_at) throw new ConflictError(`Note ${noteId} was deleted; it can be read, not changed.`);
    if (fromVersion !== undefined && fromVersion !== before.version) {
      throw new ConflictError(`Note ${noteId} was changed since version ${fromVersion} (now ${before.version}); reload it.`);
    }
    const next = {
      category: change.category ?? before.category,
      text: change.text ?? before.text,
      call_ref: change.call_ref === undefined ? before.call_ref : change.call_ref,
      ref_date: change.ref_date === undefined ? before.ref_date : change.ref_date,
      evaluation_id: change.evaluation_id === undefined ? before.evaluation_id : change.evaluation_id,
      follow_up_date: change.follow_up_date === undefined ? before.follow_up_date : change.follow_up_date,
      state: change.acknowledge ? 'acknowledged' : (change.state ?? before.state)
    };
    const same = (Object.keys(next) as (keyof typeof next)[]).every((k) => next[k] === before[k]);
    if (same && !change.delete) return before;
    await db.run(
      `UPDATE notes SET category = $category, text = $text, call_ref = $call_ref, ref_date = $ref_date::DATE,
              evaluation_id = $evaluation_id, follow_up_date = $follow_up_date::DATE, state = $state,
              acknowledged_at = CASE WHEN $acknowledge THEN now() ELSE acknowledged_at END,
              deleted_at = CASE WHEN $delete THEN now() ELSE deleted_at END,
              version = version + 1, updated_at = now()
       WHERE id = $id`,
      { ...next, id: noteId, acknowledge: !!change.acknowledge, delete: !!change.delete },
      conn
    );
    await keepVersion(db, conn, noteId, actor);
    await recordRedactions(db, conn, actor, { entity: 'note', entityId: noteId, field: 'text' }, clean.redacted);
    const after = await noteOfRep(db, repId, noteId, conn);
    await audit(db, conn, { user: actor, action, entity: 'note', entityId: noteId, before, after });
    return after;
  });
}

export const editNote = (db: Database, actor: Actor, repId: string, noteId: number, edit: NoteEdit, fromVersion?: number) =>
  changeNote(db, actor, repId, noteId, 'update', edit, fromVersion);

/** The rep has read the note. */
export const acknowledgeNote = (db: Database, actor: Actor, repId: string, noteId: number) =>
  changeNote(db, actor, repId, noteId, 'acknowledge', { acknowledge: true });

/** Hides a note from the rep's list; it stays in the database with its history. */
export const deleteNote = (db: Database, actor: Actor, repId: string, noteId: number) =>
  changeNote(db, actor, repId, noteId, 'delete', { delete: true });
