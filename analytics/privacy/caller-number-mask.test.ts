import { describe, expect, it } from 'vitest';
import { maskCallerNumber } from './caller-number-mask.ts';

describe('maskCallerNumber: the last 4 digits of a number of 7 or more digits', () => {
  it.each([
    ['+1 (312) 555-0120', '•••-•••-0120'],
    ['3125550120', '•••-•••-0120'],
    ['13125550120', '•••-•••-0120'],
    ['555-0199', '•••-•••-0199'],
    ['7009', '•••'],
    ['123456', '•••'],
    ['anonymous', '•••'],
    ['•••-•••-0120', '•••-•••-0120'],
    ['', '']
  ])('%s → %s', (input, masked) => {
    expect(maskCallerNumber(input)).toBe(masked);
  });

  it('keeps no number as no number', () => {
    expect(maskCallerNumber(null)).toBeNull();
    expect(maskCallerNumber(undefined)).toBeNull();
  });

  it('never leaves more than 4 digits of a number', () => {
    for (const n of ['+44 20 7946 0958', '0049 30 1234567890', '312.555.0120']) {
      expect(maskCallerNumber(n)!.replace(/\D/g, '').length).toBe(4);
    }
  });
});
