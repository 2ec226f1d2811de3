import { describe, expect, it } from 'vitest';
import { draftFrom } from './notes-client.ts';

describe('draftFrom', () => {
  it('turns empty inputs into null and the evaluation into a number', () => {
    expect(draftFrom({ category: 'praise', text: 'Kind and quick', call_ref: ' 1-4 ', ref_date: '', evaluation_id: '12', follow_up_date: '2026-03-20' })).toEqual({
      category: 'praise',
      text: 'Kind and quick',
      call_ref: '1-4',
      ref_date: null,
      evaluation_id: 12,
      follow_up_date: '2026-03-20'
    });
  });
});
