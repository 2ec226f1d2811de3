import { describe, expect, it } from 'vitest';
import { breaksLabel, endOptions, paidHours, shiftLabel, startOptions } from './schedule-grid.ts';

const template = { id: 1, name: 'Full', earliest_start: 420, latest_start: 630, start_step_minutes: 30, length_minutes: 510, weekdays: [1], breaks: [], active: true };
const shift = { start_minute: 420, end_minute: 930, breaks: [{ kind: 'break' as const, start_minute: 525, minutes: 15, paid: true }, { kind: 'lunch' as const, start_minute: 660, minutes: 30, paid: false }] };

describe('schedule grid text and choices', () => {
  it('labels a shift and its breaks', () => {
    expect(shiftLabel(shift)).toBe('07:00–15:30');
    expect(breaksLabel(shift)).toBe('break 08:45 · lunch 11:00');
    expect(paidHours([shift, shift])).toBe(16);
  });

  it('offers a template its starts and a custom shift every quarter hour', () => {
    expect(startOptions(template, { open: 420, close: 1140 })).toEqual([420, 450, 480, 510, 540, 570, 600, 630]);
    expect(startOptions(null, { open: 420, close: 480 })).toEqual([420, 435, 450, 465]);
    expect(endOptions(1020, { open: 420, close: 1140 })).toEqual([1080, 1095, 1110, 1125, 1140]);
  });
});
