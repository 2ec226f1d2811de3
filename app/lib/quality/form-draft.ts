/**
 * The form editor's working copy: sections and items as the page edits them (weights as typed text),
 * and the moves it offers. Pure, so the editor component stays a thin view.
 */
import type { DraftForm, FormDefinition } from '../../../analytics/quality/evaluation-form.ts';

export interface EditorItem {
  key: number;
  id: string | null;
  text: string;
  weight: string;
  critical: boolean;
}
export interface EditorSection {
  key: number;
  id: string | null;
  title: string;
  items: EditorItem[];
}
export interface EditorForm {
  name: string;
  description: string;
  sections: EditorSection[];
}

let nextKey = 1;
const key = () => nextKey++;

export const blankItem = (): EditorItem => ({ key: key(), id: null, text: '', weight: '1', critical: false });
export const blankSection = (): EditorSection => ({ key: key(), id: null, title: '', items: [blankItem()] });

/** A starting point most call centers use, to edit rather than type from nothing. */
export function starterForm(): EditorForm {
  const item = (text: string, weight: number, critical = false): EditorItem => ({ key: key(), id: null, text, weight: String(weight), critical });
  return {
    name: '',
    description: '',
    sections: [
      { key: key(), id: null, title: 'Opening', items: [item('Greets the caller and gives their name', 1), item('Verifies the caller before discussing the account', 2, true)] },
      { key: key(), id: null, title: 'Handling', items: [item('Understands the request', 2), item('Gives correct information', 3), item('Offers a clear next step', 2)] },
      { key: key(), id: null, title: 'Closing', items: [item('Confirms nothing else is needed', 1)] }
    ]
  };
}

export function editorFrom(name: string, def: FormDefinition): EditorForm {
  return {
    name,
    description: def.description,
    sections: def.sections.map((s) => ({
      key: key(),
      id: s.id,
      title: s.title,
      items: s.items.map((i) => ({ key: key(), id: i.id, text: i.text, weight: String(i.weight), critical: i.critical }))
    }))
  };
}

/** What the API takes (weights as numbers; the server checks everything again). */
export function draftOf(f: EditorForm): DraftForm & { name: string } {
  return {
    name: f.name,
    description: f.description,
    sections: f.sections.map((s) => ({
      ...(s.id ? { id: s.id } : {}),
      title: s.title,
      items: s.items.map((i) => ({ ...(i.id ? { id: i.id } : {}), text: i.text, weight: Number(i.weight), critical: i.critical }))
    }))
  };
}

/** A list with element `index` moved by `by` places (clamped to the ends). */
export function moved<T>(list: readonly T[], index: number, by: number): T[] {
  const to = Math.max(0, Math.min(list.length - 1, index + by));
  const copy = [...list];
  const [x] = copy.splice(index, 1);
  copy.splice(to, 0, x);
  return copy;
}

/** Each item's share of the form's possible points, as the lead weighs them. */
export function shares(f: EditorForm): Map<number, number | null> {
  const total = f.sections.flatMap((s) => s.items).reduce((t, i) => t + (Number(i.weight) > 0 ? Number(i.weight) : 0), 0);
  const out = new Map<number, number | null>();
  for (const i of f.sections.flatMap((s) => s.items)) out.set(i.key, total > 0 && Number(i.weight) > 0 ? Number(i.weight) / total : null);
  return out;
}
