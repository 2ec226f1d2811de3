/**
 * The score of one evaluation, 0-100: each applicable item earns its weight for "yes", half for
 * "partial", nothing for "no"; "N/A" items leave both the earned points and the possible points.
 * A critical item answered "no" fails the whole evaluation: the score is 0 whatever else was earned.
 * With every item N/A there is nothing to score: null (never 0, as with every rate in Callboard).
 */
import { ANSWERS, FormProblem, formItems, type Answer, type FormDefinition } from './evaluation-form.ts';

export type Answers = Record<string, Answer>;

export interface SectionScore {
  id: string;
  title: string;
  earned: number;
  possible: number;
  /** 0-100, or null when every item of the section was N/A. */
  score: number | null;
}

export interface EvaluationScore {
  score: number | null;
  critical_failed: boolean;
  /** Item ids of failed critical items. */
  failed_critical: string[];
  earned: number;
  possible: number;
  sections: SectionScore[];
}

const POINTS: Record<Answer, number | null> = { yes: 1, partial: 0.5, no: 0, na: null };

/** Every item answered, with a known answer, and no "partial" on a critical item; nothing extra. */
export function checkAnswers(def: FormDefinition, answers: Record<string, unknown>): Answers {
  const items = formItems(def);
  const known = new Set(items.map((i) => i.id));
  for (const key of Object.keys(answers)) {
    if (!known.has(key)) throw new FormProblem(`answer for "${key}", which is not an item of this form version`);
  }
  const checked: Answers = {};
  for (const item of items) {
    const a = answers[item.id];
    if (a === undefined || a === null) throw new FormProblem(`"${item.text}" has no answer`);
    if (!ANSWERS.includes(a as Answer)) throw new FormProblem(`"${item.text}": "${String(a)}" is not one of ${ANSWERS.join(', ')}`);
    if (item.critical && a === 'partial') throw new FormProblem(`"${item.text}" is critical: answer yes, no or N/A`);
    checked[item.id] = a as Answer;
  }
  return checked;
}

const percent = (earned: number, possible: number) => (possible > 0 ? (100 * earned) / possible : null);

/** The score of answers (as far as given: unanswered items count as not yet applicable, for live previews). */
export function scoreEvaluation(def: FormDefinition, answers: Partial<Answers>): EvaluationScore {
  const failed: string[] = [];
  let earned = 0;
  let possible = 0;
  const sections = def.sections.map((s) => {
    let e = 0;
    let p = 0;
    for (const item of s.items) {
      const a = answers[item.id];
      const points = a === undefined ? null : POINTS[a];
      if (points === null) continue;
      if (item.critical && a === 'no') failed.push(item.id);
      e += item.weight * points;
      p += item.weight;
    }
    earned += e;
    possible += p;
    return { id: s.id, title: s.title, earned: e, possible: p, score: percent(e, p) };
  });
  const raw = percent(earned, possible);
  return {
    score: failed.length > 0 ? 0 : raw,
    critical_failed: failed.length > 0,
    failed_critical: failed,
    earned,
    possible,
    sections
  };
}
