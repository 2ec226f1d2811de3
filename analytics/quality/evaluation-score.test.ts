/** The evaluation score, case by case, against numbers worked out by hand. */
import { describe, expect, it } from 'vitest';
import { FormProblem, normaliseForm, type FormDefinition } from './evaluation-form.ts';
import { checkAnswers, scoreEvaluation, type Answers } from './evaluation-score.ts';

// Greeting (weights 1, 1), Resolution (weights 3, 2 and a critical identity check of weight 1).
const FORM: FormDefinition = normaliseForm({
  description: 'Billing calls',
  sections: [
    { title: 'Greeting', items: [{ text: 'Greets with name', weight: 1 }, { text: 'Offers help', weight: 1 }] },
    {
      title: 'Resolution',
      items: [
        { text: 'Answers the question', weight: 3 },
        { text: 'Explains next steps', weight: 2 },
        { text: 'Verifies identity before account details', weight: 1, critical: true }
      ]
    }
  ]
});
const [g1, g2, r1, r2, c] = ['i1', 'i2', 'i3', 'i4', 'i5'];
const all = (a: Answers['x']): Answers => Object.fromEntries([g1, g2, r1, r2, c].map((id) => [id, a]));

describe('scoreEvaluation', () => {
  const cases: { name: string; answers: Answers; score: number | null; critical: boolean; earned: number; possible: number }[] = [
    { name: 'all yes', answers: all('yes'), score: 100, critical: false, earned: 8, possible: 8 },
    { name: 'all no but the critical item', answers: { ...all('no'), [c]: 'yes' }, score: 12.5, critical: false, earned: 1, possible: 8 },
    // 1 + 0.5 + 3 + 0 + 1 = 5.5 of 8
    { name: 'partial is half', answers: { [g1]: 'yes', [g2]: 'partial', [r1]: 'yes', [r2]: 'no', [c]: 'yes' }, score: 68.75, critical: false, earned: 5.5, possible: 8 },
    // g2 and r2 N/A: 1 + 3 + 1 = 5 earned of 8 - 1 - 2 = 5 possible
    { name: 'N/A drops out of the denominator', answers: { [g1]: 'yes', [g2]: 'na', [r1]: 'yes', [r2]: 'na', [c]: 'yes' }, score: 100, critical: false, earned: 5, possible: 5 },
    // 0 + 3 * 0.5 = 1.5 of 1 + 3 = 4 (g2, r2 and the critical item N/A)
    { name: 'N/A and partial together', answers: { [g1]: 'no', [g2]: 'na', [r1]: 'partial', [r2]: 'na', [c]: 'na' }, score: 37.5, critical: false, earned: 1.5, possible: 4 },
    { name: 'a failed critical item fails everything', answers: { ...all('yes'), [c]: 'no' }, score: 0, critical: true, earned: 7, possible: 8 },
    { name: 'a critical item may be N/A', answers: { ...all('yes'), [c]: 'na' }, score: 100, critical: false, earned: 7, possible: 7 },
    { name: 'all N/A: nothing to score', answers: all('na'), score: null, critical: false, earned: 0, possible: 0 }
  ];
  for (const t of cases) {
    it(t.name, () => {
      const s = scoreEvaluation(FORM, checkAnswers(FORM, t.answers));
      expect(s.score).toBe(t.score);
      expect(s.critical_failed).toBe(t.critical);
      expect([s.earned, s.possible]).toEqual([t.earned, t.possible]);
    });
  }

  it('scores each section on its own', () => {
    const s = scoreEvaluation(FORM, { [g1]: 'yes', [g2]: 'no', [r1]: 'partial', [r2]: 'yes', [c]: 'na' });
    expect(s.sections.map((x) => [x.title, x.earned, x.possible, x.score])).toEqual([
      ['Greeting', 1, 2, 50],
      ['Resolution', 3.5, 5, 70]
    ]);
    expect(s.score).toBeCloseTo((100 * 4.5) / 7, 12);
  });

  it('previews a sheet being filled in: unanswered items do not count yet', () => {
    expect(scoreEvaluation(FORM, {}).score).toBeNull();
    expect(scoreEvaluation(FORM, { [r1]: 'yes' }).score).toBe(100);
    expect(scoreEvaluation(FORM, { [r1]: 'yes', [c]: 'no' })).toMatchObject({ score: 0, failed_critical: [c] });
  });
});

describe('checkAnswers', () => {
  it('wants every item answered, known answers only, and no "partial" on a critical item', () => {
    const bad: [Record<string, unknown>, RegExp][] = [
      [{ ...all('yes'), [r2]: undefined }, /Explains next steps" has no answer/],
      [{ ...all('yes'), [r2]: 'maybe' }, /"maybe" is not one of yes, partial, no, na/],
      [{ ...all('yes'), [c]: 'partial' }, /is critical: answer yes, no or N\/A/],
      [{ ...all('yes'), i99: 'yes' }, /"i99", which is not an item/]
    ];
    for (const [answers, message] of bad) expect(() => checkAnswers(FORM, answers)).toThrow(message);
    expect(checkAnswers(FORM, all('na'))).toEqual(all('na'));
  });
});

describe('normaliseForm', () => {
  it('gives sections and items ids, keeping the ones an edit brings along', () => {
    expect(FORM.sections.map((s) => [s.id, s.items.map((i) => i.id)])).toEqual([
      ['s1', ['i1', 'i2']],
      ['s2', ['i3', 'i4', 'i5']]
    ]);
    const edited = normaliseForm({
      sections: [{ id: 's2', title: ' Resolution ', items: [{ id: 'i4', text: 'Explains', weight: 2 }, { text: 'New item', weight: 1 }] }]
    });
    expect(edited).toEqual({
      description: '',
      sections: [{ id: 's2', title: 'Resolution', items: [{ id: 'i4', text: 'Explains', weight: 2, critical: false }, { id: 'i1', text: 'New item', weight: 1, critical: false }] }]
    });
  });

  it('refuses forms that cannot be scored, naming the place', () => {
    const cases: [unknown, RegExp][] = [
      [{ sections: [] }, /at least one section/],
      [{ sections: [{ title: ' ', items: [{ text: 'x', weight: 1 }] }] }, /section 1 needs a title/],
      [{ sections: [{ title: 'A', items: [] }] }, /section "A" needs at least one item/],
      [{ sections: [{ title: 'A', items: [{ text: 'x', weight: 0 }] }] }, /section "A", item 1: the weight/],
      [{ sections: [{ title: 'A', items: [{ text: 'x', weight: Number.NaN }] }] }, /the weight/],
      [{ sections: [{ title: 'A', items: [{ text: '', weight: 1 }] }] }, /item 1 needs a text/],
      [{ sections: [{ id: 'x', title: 'A', items: [{ id: 'x', text: 'y', weight: 1 }] }] }, /"x" is used twice/],
      [{ sections: [{ id: 'Bad Id', title: 'A', items: [{ text: 'y', weight: 1 }] }] }, /not an id/],
      [{ sections: [{ title: 'A', items: Array.from({ length: 201 }, () => ({ text: 'y', weight: 1 })) }] }, /at most 200 items/]
    ];
    for (const [draft, message] of cases) {
      expect(() => normaliseForm(draft as never)).toThrow(FormProblem);
      expect(() => normaliseForm(draft as never)).toThrow(message);
    }
  });
});
