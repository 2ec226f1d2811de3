/**
 * A quality form: sections of weighted items a call is judged on. Shared by the server (which checks
 * and stores forms) and the pages (which edit them and show a live score), so it imports nothing.
 */

export const ANSWERS = ['yes', 'partial', 'no', 'na'] as const;
export type Answer = (typeof ANSWERS)[number];
export const ANSWER_LABELS: Record<Answer, string> = { yes: 'Yes', partial: 'Partly', no: 'No', na: 'N/A' };

export interface FormItem {
  /** Unique within the form version; answers are keyed by it. */
  id: string;
  text: string;
  /** Relative weight, > 0. */
  weight: number;
  /** Answered "no", it fails the whole evaluation (score 0). Answered yes, no or N/A only. */
  critical: boolean;
}

export interface FormSection {
  id: string;
  title: string;
  items: FormItem[];
}

export interface FormDefinition {
  description: string;
  sections: FormSection[];
}

export const MAX_ITEMS = 200;
export const MAX_WEIGHT = 100;

export interface DraftItem {
  id?: string | null;
  text: string;
  weight: number;
  critical?: boolean;
}
export interface DraftSection {
  id?: string | null;
  title: string;
  items: DraftItem[];
}
export interface DraftForm {
  description?: string | null;
  sections: DraftSection[];
}

/** Thrown for a form or an answer sheet that cannot be used; the message names the place. */
export class FormProblem extends Error {}

const ID = /^[a-z0-9][a-z0-9_-]{0,31}$/;

/**
 * A checked definition from a draft: texts trimmed, every section and item given an id (kept where
 * the draft has one, so an edited form's items keep theirs; new ones get the next free `s<n>` / `i<n>`).
 */
export function normaliseForm(draft: DraftForm): FormDefinition {
  if (!Array.isArray(draft.sections) || draft.sections.length === 0) throw new FormProblem('a form needs at least one section');
  const used = new Set<string>();
  for (const s of draft.sections) {
    for (const id of [s.id, ...(s.items ?? []).map((i) => i.id)]) {
      if (id == null || id === '') continue;
      if (!ID.test(id)) throw new FormProblem(`"${id}" is not an id (lower-case letters, digits, - and _)`);
      if (used.has(id)) throw new FormProblem(`the id "${id}" is used twice`);
      used.add(id);
    }
  }
  const next = (prefix: string) => {
    let n = 1;
    while (used.has(`${prefix}${n}`)) n++;
    used.add(`${prefix}${n}`);
    return `${prefix}${n}`;
  };
  let count = 0;
  const sections = draft.sections.map((s, si) => {
    const title = (s.title ?? '').trim();
    if (!title) throw new FormProblem(`section ${si + 1} needs a title`);
    if (!Array.isArray(s.items) || s.items.length === 0) throw new FormProblem(`section "${title}" needs at least one item`);
    const items = s.items.map((item, ii) => {
      const text = (item.text ?? '').trim();
      const where = `section "${title}", item ${ii + 1}`;
      if (!text) throw new FormProblem(`${where} needs a text`);
      if (typeof item.weight !== 'number' || !Number.isFinite(item.weight) || item.weight <= 0 || item.weight > MAX_WEIGHT) {
        throw new FormProblem(`${where}: the weight must be a number above 0 and at most ${MAX_WEIGHT}`);
      }
      count++;
      return { id: item.id || next('i'), text, weight: item.weight, critical: item.critical === true };
    });
    return { id: s.id || next('s'), title, items };
  });
  if (count > MAX_ITEMS) throw new FormProblem(`a form holds at most ${MAX_ITEMS} items (this one has ${count})`);
  return { description: (draft.description ?? '').trim(), sections };
}

export const formItems = (def: FormDefinition): FormItem[] => def.sections.flatMap((s) => s.items);
