import { describe, expect, it } from 'vitest';
import type { RepPlan } from '../../../analytics/roster/schedule.ts';
import type { ShiftTemplate } from '../../../analytics/roster/schedule-model.ts';
import { availableDays, choose, patternText, planBody, planDraft, planProblems, startsOf, templatesOn } from './rep-plan-form.ts';

const template = (id: number, name: string, start: number, latest: number, length: number, weekdays: number[], active = true): ShiftTemplate => ({
  id, name, earliest_start: start, latest_start: latest, start_step_minutes: 30, length_minutes: length, weekdays, breaks: [], active
});
const early = template(1, 'Early', 420, 480, 510, [1, 2, 3, 4, 5]);
const late = template(2, 'Late', 660, 720, 510, [1, 2, 3, 4, 5, 6]);
const old = template(3, 'Old', 540, 540, 480, [1, 2, 3, 4, 5], false);
const templates = [early, late, old];
// Open Monday to Saturday, closed on Sunday.
const opening = Object.fromEntries([1, 2, 3, 4, 5, 6].map((d) => [String(d), { open: 420, close: d === 6 ? 960 : 1140 }]));

const rep: RepPlan = {
  rep_id: 'ana', name: 'Ana', team: null, contracted_minutes: 2400, tolerance_minutes: 240, max_days: 5, min_rest_minutes: 660,
  primary_queue: 'billing', active: true, template_ids: [1], availability: null,
  pattern: { 1: { template_id: 1, start_minute: 420 }, 2: { template_id: 1, start_minute: 450 } }
};

describe("a rep's plan in the form", () => {
  it('drafts the usual week Monday to Sunday, off where there is no pattern', () => {
    const d = planDraft(rep, opening);
    expect(d).toMatchObject({ hours: 40, tolerance: 4, maxDays: 5, restHours: 11, queue: 'billing', days: [1, 2, 3, 4, 5, 6], anyTemplate: false, templateIds: [1] });
    expect(d.pattern.map((p) => p.templateId)).toEqual([1, 1, null, null, null, null, null]);
    expect(d.pattern[1]).toEqual({ weekday: 2, templateId: 1, start: 450 });
  });

  it('sends the whole profile back unchanged when nothing was changed', () => {
    expect(planBody(planDraft(rep, opening), rep, opening)).toEqual({
      contracted_minutes: 2400, tolerance_minutes: 240, max_days: 5, min_rest_minutes: 660, primary_queue: 'billing', template_ids: [1], active: true,
      availability: [], pattern: [{ weekday: 1, template_id: 1, start_minute: 420 }, { weekday: 2, template_id: 1, start_minute: 450 }]
    });
  });

  it('limits availability to the ticked days, keeping their spans, and sends the new usual week', () => {
    const limited = { ...rep, availability: { 1: [[420, 720]] as Array<[number, number]>, 3: [[600, 1140]] as Array<[number, number]> } };
    const d = planDraft(limited, opening);
    expect(d.days).toEqual([1, 3]);
    d.days = [1, 4];
    d.anyTemplate = true;
    d.queue = '  ';
    d.pattern[3] = choose(d.pattern[3], 2, templates);
    const body = planBody(d, limited, opening);
    expect(body.availability).toEqual([{ weekday: 1, from_minute: 420, to_minute: 720 }, { weekday: 4, from_minute: 420, to_minute: 1140 }]);
    expect(body.template_ids).toBeNull();
    expect(body.primary_queue).toBeNull();
    expect(body.pattern).toContainEqual({ weekday: 4, template_id: 2, start_minute: 660 });
    const fewer = planDraft(rep, opening);
    fewer.days = [1, 2, 3];
    expect(planBody(fewer, rep, opening).availability.map((a) => a.weekday)).toEqual([1, 2, 3]);
  });

  it('offers per weekday the active templates that apply then, and keeps a start the new template allows', () => {
    expect(templatesOn(templates, 1, null).map((t) => t.name)).toEqual(['Early', 'Late']);
    expect(templatesOn(templates, 6, null).map((t) => t.name)).toEqual(['Late']);
    expect(templatesOn(templates, 2, 3).map((t) => t.name)).toEqual(['Early', 'Late', 'Old']);
    expect(startsOf(early)).toEqual([420, 450, 480]);
    const monday = { weekday: 1, templateId: 1, start: 450 };
    expect(choose(monday, 2, templates)).toEqual({ weekday: 1, templateId: 2, start: 660 });
    expect(choose(monday, 1, templates)).toEqual(monday);
    expect(choose(monday, null, templates)).toEqual({ ...monday, templateId: null });
  });

  it('finds what the usual week would break', () => {
    const d = planDraft(rep, opening);
    expect(planProblems(d, templates, opening)).toEqual([]);
    d.pattern[2] = choose(d.pattern[2], 2, templates); // Wed Late: not among her templates
    d.pattern[6] = { weekday: 7, templateId: 2, start: 660 }; // Sunday: closed, and Late is not a Sunday template
    d.days = [1, 2, 4, 5, 6];
    d.pattern[4] = choose(d.pattern[4], 1, templates);
    d.pattern[5] = choose(d.pattern[5], 2, templates);
    d.pattern[3] = choose(d.pattern[3], 1, templates);
    expect(planProblems(d, templates, opening)).toEqual([
      'Wed: they cannot work that day (see "Can work on").',
      'Wed: Late is not among the shift templates they work.',
      'Sat: Late is not among the shift templates they work.',
      'Sun: the center is closed.',
      'Sun: Late does not apply on Sun.',
      'Sun: Late is not among the shift templates they work.',
      'The usual week has 7 working days; they work at most 5.'
    ]);
    expect(planProblems({ ...planDraft(rep, opening), templateIds: [] }, templates, opening)[0]).toBe('Tick the shift templates they work, or "Any".');
  });

  it('describes the usual week and the days a rep can work', () => {
    expect(patternText(rep, templates)).toBe('Mon 07:00–15:30, Tue 07:30–16:00');
    expect(patternText({ pattern: {} }, templates)).toBe('–');
    expect(availableDays(rep, opening)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(availableDays({ availability: { 5: [[420, 600]], 2: [[420, 600]] } }, opening)).toEqual([2, 5]);
  });
});
