// The publish confirmation's words: what goes out and what it replaces.
import { describe, expect, it } from 'vitest';
import { publishQuestion } from './publish-question.ts';

const week = { week_start: '2026-11-30', status: 'draft' as const, version: 4, published_at: null, published_by: null, shifts: [1, 2, 3] };

describe('publish question', () => {
  it('says nothing is replaced for a first publication', () => {
    expect(publishQuestion(week, (x) => x)).toEqual({
      title: 'Publish version 4 of the week of 2026-11-30 (3 shifts)?',
      replaces: 'Nothing is published for this week yet: the reps see these shifts from now on.'
    });
  });

  it('names the schedule it replaces', () => {
    const q = publishQuestion({ ...week, published_at: '2026-11-26T15:00:00Z', published_by: 'scheduler' }, () => '26 November 2026, 09:00 CST');
    expect(q.replaces).toBe('It replaces the schedule published 26 November 2026, 09:00 CST by scheduler: the reps see these shifts instead, and the change is in the audit log.');
  });
});
