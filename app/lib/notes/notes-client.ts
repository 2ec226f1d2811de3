/** The pages' calls to the notes API (app/api/reps.ts): write, edit, close, delete, acknowledge, history. */
import { getJson, sendJson } from '../api-client.ts';
import type { Note, NoteCategory, NoteVersion } from '../../server/notes.ts';

export type { Note, NoteCategory, NoteVersion };

export const CATEGORY_LABELS: Record<NoteCategory, string> = { coaching: 'Coaching', praise: 'Praise', procedure: 'Procedure' };

export interface NoteDraft {
  category: NoteCategory;
  text: string;
  call_ref: string | null;
  ref_date: string | null;
  evaluation_id: number | null;
  follow_up_date: string | null;
}

const base = (repId: string) => `/reps/${encodeURIComponent(repId)}/notes`;

export const createNote = (repId: string, draft: NoteDraft) => sendJson<{ note: Note }>('POST', base(repId), draft);

export const editNote = (repId: string, noteId: number, edit: Partial<NoteDraft> & { state?: 'open' | 'done' }, version: number) =>
  sendJson<{ note: Note }>('PATCH', `${base(repId)}/${noteId}`, { ...edit, version });

export const deleteNote = (repId: string, noteId: number) => sendJson<{ note: Note }>('DELETE', `${base(repId)}/${noteId}`);

export const acknowledgeNote = (repId: string, noteId: number) => sendJson<{ note: Note }>('POST', `${base(repId)}/${noteId}/acknowledge`);

export const noteVersions = (repId: string, noteId: number) => getJson<{ versions: NoteVersion[] }>(`${base(repId)}/${noteId}/versions`);

/** The fields of a draft as the form holds them (text inputs) turned into what the API takes. */
export function draftFrom(form: { category: string; text: string; call_ref: string; ref_date: string; evaluation_id: string; follow_up_date: string }): NoteDraft {
  const orNull = (v: string) => (v.trim() === '' ? null : v.trim());
  const evaluation = orNull(form.evaluation_id);
  return {
    category: form.category as NoteCategory,
    text: form.text,
    call_ref: orNull(form.call_ref),
    ref_date: orNull(form.ref_date),
    evaluation_id: evaluation === null ? null : Number(evaluation),
    follow_up_date: orNull(form.follow_up_date)
  };
}
