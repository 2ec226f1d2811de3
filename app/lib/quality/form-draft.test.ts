import { describe, expect, it } from 'vitest';
import { normaliseForm } from '../../../analytics/quality/evaluation-form.ts';
import { draftOf, editorFrom, moved, shares, starterForm } from './form-draft.ts';

describe('the form editor\'s working copy', () => {
  it('round-trips a saved definition, keeping ids', () => {
    const def = normaliseForm({ sections: [{ title: 'A', items: [{ text: 'x', weight: 2, critical: true }, { text: 'y', weight: 0.5 }] }] });
    const draft = draftOf(editorFrom('Billing', def));
    expect(draft).toEqual({
      name: 'Billing',
      description: '',
      sections: [{ id: 's1', title: 'A', items: [{ id: 'i1', text: 'x', weight: 2, critical: true }, { id: 'i2', text: 'y', weight: 0.5, critical: false }] }]
    });
    expect(normaliseForm(draft)).toEqual(def);
  });

  it('starts new forms from a usable example, and sends new items without ids', () => {
    const draft = draftOf({ ...starterForm(), name: 'New' });
    expect(draft.sections.map((s) => s.items.length)).toEqual([2, 3, 1]);
    expect(draft.sections[0].items[1]).toEqual({ text: 'Verifies the caller before discussing the account', weight: 2, critical: true });
    expect(normaliseForm(draft).sections[2].items[0].id).toBe('i6');
  });

  it('moves within bounds and shows each item\'s share', () => {
    expect(moved(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moved(['a', 'b', 'c'], 2, 5)).toEqual(['a', 'b', 'c']);
    expect(moved(['a', 'b', 'c'], 1, -9)).toEqual(['b', 'a', 'c']);
    const f = starterForm(); // weights 1 2 | 2 3 2 | 1 = 11
    const s = shares(f);
    expect(s.get(f.sections[1].items[1].key)).toBeCloseTo(3 / 11, 12);
    f.sections[2].items[0].weight = 'x';
    expect(shares(f).get(f.sections[2].items[0].key)).toBeNull();
  });
});
