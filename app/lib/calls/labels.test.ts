import { describe, expect, it } from 'vitest';
import { inputValue, outcomeText } from './labels.ts';

describe('call labels', () => {
  it('says what happened', () => {
    const c = { outcome: 'answered', lost: false, transferred: false, direction: 'inbound' };
    expect(outcomeText(c)).toBe('Answered');
    expect(outcomeText({ ...c, transferred: true })).toBe('Answered, transferred');
    expect(outcomeText({ ...c, outcome: 'abandoned', lost: true })).toBe('Abandoned');
    expect(outcomeText({ ...c, outcome: 'abandoned' })).toBe('Short abandon');
    expect(outcomeText({ ...c, outcome: 'timed_out', lost: true })).toBe('Timed out');
    expect(outcomeText({ ...c, outcome: 'timed_out', direction: 'outbound' })).toBe('Not picked up');
    expect(outcomeText({ ...c, outcome: null })).toBe('Open');
  });

  it('shows search bounds in date-time inputs with the same meaning', () => {
    expect(inputValue('from', '2026-03-10')).toBe('2026-03-10T00:00');
    expect(inputValue('to', '2026-03-31')).toBe('2026-04-01T00:00'); // the whole of the 31st
    expect(inputValue('to', '2026-03-10 09:30')).toBe('2026-03-10T09:30');
    expect(inputValue('from', null)).toBe('');
  });
});
