import { describe, expect, it } from 'vitest';
import type { ShiftTemplate } from '../../../analytics/roster/schedule-model.ts';
import { breakText, defaultBreaks, endsText, lengthText, startsText, templateBody, templateChange, templateDraft, weekdaysText } from './template-form.ts';

const early: ShiftTemplate = {
  id: 3, name: 'Early', earliest_start: 420, latest_start: 480, start_step_minutes: 30, length_minutes: 510, weekdays: [1, 2, 3, 4, 5],
  breaks: [{ kind: 'lunch', minutes: 30, paid: false, earliest_after: 210, latest_after: 285 }], active: true
};

describe('the template form', () => {
  it('round-trips a template through its draft (times as HH:MM, lengths in hours)', () => {
    const d = templateDraft(early);
    expect(d).toMatchObject({ name: 'Early', earliest: '07:00', latest: '08:00', step: 30, hours: 8.5, weekdays: [1, 2, 3, 4, 5] });
    expect(d.breaks).toEqual([{ kind: 'lunch', minutes: 30, paid: false, earliestHours: 3.5, latestHours: 4.75 }]);
    const { id: _id, active: _active, ...body } = early;
    expect(templateBody(d)).toEqual(body);
    expect(templateChange(early, d)).toBeNull();
  });

  it('sends only what changed, trimmed and in order', () => {
    const d = templateDraft(early);
    d.name = ' Early desk ';
    d.latest = '09:30';
    d.weekdays = [6, 1];
    expect(templateChange(early, d)).toEqual({ name: 'Early desk', latest_start: 570, weekdays: [1, 6] });
    d.breaks[0].latestHours = 5;
    expect(templateChange(early, d)!.breaks).toEqual([{ kind: 'lunch', minutes: 30, paid: false, earliest_after: 210, latest_after: 300 }]);
  });

  it('starts a new template at 09:00 for 8 h on weekdays with the default breaks for its length', () => {
    const d = templateDraft(null);
    expect(templateBody(d)).toMatchObject({ name: '', earliest_start: 540, latest_start: 540, length_minutes: 480, weekdays: [1, 2, 3, 4, 5] });
    expect(d.breaks.map((b) => b.kind)).toEqual(['break', 'lunch', 'break']);
    expect(defaultBreaks({ ...d, hours: 4 })).toEqual([{ kind: 'break', minutes: 15, paid: true, earliestHours: 1.25, latestHours: 2.25 }]);
    expect(defaultBreaks({ ...d, hours: 3 })).toEqual([]);
  });

  it('describes a template to a reader', () => {
    expect(weekdaysText([5, 4, 3, 2, 1])).toBe('Mon–Fri');
    expect(weekdaysText([1, 3, 6])).toBe('Mon Wed Sat');
    expect(weekdaysText([6, 7])).toBe('Sat Sun');
    expect(weekdaysText([1, 2, 3, 4, 5, 6, 7])).toBe('every day');
    expect(startsText(early)).toBe('07:00–08:00 every 30 min');
    expect(startsText({ ...early, latest_start: 420 })).toBe('07:00');
    expect(endsText(early)).toBe('15:30–16:30');
    expect(endsText({ ...early, earliest_start: 1200, latest_start: 1200 })).toBe('04:30 the next day');
    expect(lengthText(510)).toBe('8.5 h');
    expect(lengthText(490)).toBe('8.17 h');
    expect(breakText(early.breaks[0])).toBe('30-min lunch (unpaid) 3.5–4.75 h in');
  });
});
