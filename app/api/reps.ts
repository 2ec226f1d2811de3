/**
 * /api/reps: the reps Callboard knows, and each rep's feedback notes. Who may use which route is in
 * access.ts (a rep: their own notes only, and acknowledging them); every change is audit-logged.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { findRep, listReps } from '../server/rep-directory.ts';
import {
  NOTE_CATEGORIES,
  acknowledgeNote,
  createNote,
  deleteNote,
  editNote,
  listNotes,
  noteVersions
} from '../server/notes.ts';
import { currentUser, type AuthEnv } from './auth.ts';
import { flag, idParam, isoDate, jsonBody, noQuery, params, query, repId } from './validate.ts';

const RepPath = z.strictObject({ id: repId });
const NotePath = z.strictObject({ id: repId, noteId: idParam });
const NotesQuery = z.strictObject({ include_deleted: flag.optional() });

const callRef = z.string().regex(/^[A-Za-z0-9._:-]{1,100}$/, 'a call reference such as 12:3456 (file_id:line_no)');
const fields = {
  text: z.string().trim().min(1, 'write something').max(10_000),
  category: z.enum(NOTE_CATEGORIES),
  call_ref: callRef.nullable(),
  ref_date: isoDate.nullable(),
  evaluation_id: z.number().int().positive().max(2_147_483_647).nullable(),
  follow_up_date: isoDate.nullable()
};

const NewNote = z.strictObject({
  text: fields.text,
  category: fields.category.default('coaching'),
  call_ref: fields.call_ref.default(null),
  ref_date: fields.ref_date.default(null),
  evaluation_id: fields.evaluation_id.default(null),
  follow_up_date: fields.follow_up_date.default(null)
});

const NoteEdit = z
  .strictObject({
    text: fields.text.optional(),
    category: fields.category.optional(),
    call_ref: fields.call_ref.optional(),
    ref_date: fields.ref_date.optional(),
    evaluation_id: fields.evaluation_id.optional(),
    follow_up_date: fields.follow_up_date.optional(),
    state: z.enum(['open', 'done']).optional(),
    /** The version the edit was made from: refused (409) if the note changed since. */
    version: z.number().int().positive().optional()
  })
  .refine((e) => Object.keys(e).some((k) => k !== 'version'), 'nothing to change');

export const reps = new Hono<AuthEnv>()
  .get('/', async (c) => {
    noQuery(c);
    const user = currentUser(c);
    const all = await listReps(c.var.ctx.db);
    const visible = user.role === 'rep' ? all.filter((r) => r.id === user.rep_id) : all;
    return c.json({ reps: visible.map((r) => ({ id: r.id, name: r.name, interface: r.interface, interfaces: r.interfaces, team: r.team, active: r.active })) });
  })
  .get('/:id/notes', async (c) => {
    const { id } = params(c, RepPath);
    const { include_deleted } = query(c, NotesQuery);
    const db = c.var.ctx.db;
    // Deleted notes stay readable for the people who write notes, not for the rep.
    const includeDeleted = !!include_deleted && currentUser(c).role !== 'rep';
    const notes = await listNotes(db, id, { includeDeleted });
    if (notes.length === 0) await findRep(db, id); // a rep gone from the roster still shows their notes
    return c.json({ notes });
  })
  .post('/:id/notes', async (c) => {
    const { id } = params(c, RepPath);
    noQuery(c);
    const input = await jsonBody(c, NewNote);
    const db = c.var.ctx.db;
    await findRep(db, id);
    return c.json({ note: await createNote(db, currentUser(c), id, input) }, 201);
  })
  .patch('/:id/notes/:noteId', async (c) => {
    const { id, noteId } = params(c, NotePath);
    noQuery(c);
    const { version, ...edit } = await jsonBody(c, NoteEdit);
    return c.json({ note: await editNote(c.var.ctx.db, currentUser(c), id, noteId, edit, version) });
  })
  .delete('/:id/notes/:noteId', async (c) => {
    const { id, noteId } = params(c, NotePath);
    noQuery(c);
    return c.json({ note: await deleteNote(c.var.ctx.db, currentUser(c), id, noteId) });
  })
  .get('/:id/notes/:noteId/versions', async (c) => {
    const { id, noteId } = params(c, NotePath);
    noQuery(c);
    // As with the list: a deleted note (and every earlier wording of it) is gone for the rep.
    const includeDeleted = currentUser(c).role !== 'rep';
    return c.json({ versions: await noteVersions(c.var.ctx.db, id, noteId, { includeDeleted }) });
  })
  .post('/:id/notes/:noteId/acknowledge', async (c) => {
    const { id, noteId } = params(c, NotePath);
    noQuery(c);
    return c.json({ note: await acknowledgeNote(c.var.ctx.db, currentUser(c), id, noteId) });
  });
