/**
 * The roster problem both rosterers solve (the greedy heuristic and the HiGHS model), and the one
 * score they are judged by. Pure.
 *
 * A week of 15-minute slots; per slot the reps required (the interval's requirement). For each rep
 * and day the candidate shifts: every start a shift template allows, inside the day's opening
 * hours and the rep's availability, off their time off. Rules: at most one shift a day, at most
 * max_days shifts, paid minutes within the contract band (after paid time off), at least
 * min_rest_minutes between one day's end and the next day's start (within the week: the previous
 * week's Sunday is not looked at). Breaks start anywhere their rule allows on the slot grid.
 *
 * Score: under-coverage (rep-hours short of the requirement) weighted 1, over-coverage (rep-hours
 * beyond it) weighted OVER_WEIGHT: a missing rep-hour costs four times an idle one, since a short
 * interval loses calls while a long one only costs wages the contract pays anyway.
 */
import {
  SLOT_MINUTES,
  SLOTS_PER_DAY,
  breakStarts,
  contractBounds,
  isAvailable,
  isoWeekday,
  overlapsTimeOff,
  paidMinutes,
  ruleProblems,
  shiftSlots,
  slotGaps,
  templateStarts,
  weekDates,
  type BreakRule,
  type OpenSpan,
  type PlacedBreak,
  type RepRules,
  type Shift,
  type ShiftTemplate,
  type TimeOff
} from './schedule-model.ts';

export const UNDER_WEIGHT = 1;
export const OVER_WEIGHT = 0.25;

export interface RosterRep extends RepRules {
  name?: string;
  time_off: TimeOff[];
}

export interface RosterProblem {
  week_start: string;
  dates: string[];
  /** Per date: when shifts may run (null = closed). */
  open: Array<OpenSpan | null>;
  /** Per date: reps required in each of the 96 slots. */
  required: Float64Array[];
  reps: RosterRep[];
  templates: ShiftTemplate[];
  weights: { under: number; over: number };
}

export interface Candidate {
  rep: number;
  day: number;
  /** Index into the problem's shift types. */
  type: number;
  start: number;
  end: number;
  paid: number;
}

/** Shifts of one template starting at one time on one day: interchangeable between reps. */
export interface ShiftType {
  day: number;
  template: ShiftTemplate;
  start: number;
  end: number;
  rules: BreakRule[];
}

export interface Candidates {
  types: ShiftType[];
  list: Candidate[];
  /** Per rep, per day: indexes into list. */
  byRepDay: number[][][];
  /** Per rep: the paid-minutes band after paid time off (lowered where the rep cannot reach it). */
  bounds: Array<{ min: number; max: number }>;
  warnings: string[];
}

export function buildCandidates(problem: RosterProblem): Candidates {
  const types: ShiftType[] = [];
  const typeIndex = new Map<string, number>();
  const list: Candidate[] = [];
  const byRepDay = problem.reps.map(() => problem.dates.map(() => [] as number[]));
  problem.dates.forEach((date, day) => {
    const open = problem.open[day];
    if (!open) return;
    const weekday = isoWeekday(date);
    for (const template of problem.templates) {
      for (const start of templateStarts(template, weekday)) {
        const end = start + template.length_minutes;
        if (start < open.open || end > open.close) continue;
        const key = `${day}|${template.id}|${start}`;
        let type = typeIndex.get(key);
        problem.reps.forEach((rep, r) => {
          if (rep.template_ids && !rep.template_ids.includes(template.id)) return;
          if (!isAvailable(rep, weekday, start, end) || overlapsTimeOff(rep.time_off, date, start, end)) return;
          if (type === undefined) {
            type = types.length;
            types.push({ day, template, start, end, rules: template.breaks });
            typeIndex.set(key, type);
          }
          const paid = paidMinutes({ start_minute: start, end_minute: end, breaks: template.breaks.map((b) => ({ ...b, start_minute: start })) });
          byRepDay[r][day].push(list.length);
          list.push({ rep: r, day, type, start, end, paid });
        });
      }
    }
  });
  const warnings: string[] = [];
  const bounds = problem.reps.map((rep, r) => {
    const band = contractBounds(rep, rep.time_off);
    // The most paid time the rep could get: the longest candidate of their best max_days days.
    const best = byRepDay[r].map((ids) => Math.max(0, ...ids.map((i) => list[i].paid))).sort((a, b) => b - a);
    const reachable = best.slice(0, rep.max_days).reduce((s, m) => s + m, 0);
    if (reachable < band.min) {
      warnings.push(`${rep.name ?? rep.rep_id}: at most ${(reachable / 60).toFixed(1)} paid hours fit the shifts, availability and time off; the contract asks ${(band.min / 60).toFixed(1)}`);
      return { min: reachable, max: Math.max(reachable, band.max) };
    }
    return band;
  });
  return { types, list, byRepDay, bounds, warnings };
}

/** Whether two shifts on consecutive days leave the rep enough rest. */
export const restOk = (rep: RepRules, earlierEnd: number, laterStart: number): boolean => 1440 - earlierEnd + laterStart >= rep.min_rest_minutes;

export function shiftOf(problem: RosterProblem, types: ShiftType[], c: Candidate, breaks: PlacedBreak[]): Shift {
  const t = types[c.type];
  return { rep_id: problem.reps[c.rep].rep_id, date: problem.dates[c.day], start_minute: c.start, end_minute: c.end, template_id: t.template.id, breaks };
}

export interface RosterScore {
  under_hours: number;
  over_hours: number;
  /** UNDER_WEIGHT · under + OVER_WEIGHT · over (rep-hours). */
  objective: number;
  required_hours: number;
  /** Rep-hours on the phones (breaks taken out). */
  on_phone_hours: number;
  paid_hours: number;
  shifts: number;
  /** Rule breaks, per rep (none for a roster either rosterer made). */
  problems: string[];
  by_day: Array<{ date: string; under_hours: number; over_hours: number }>;
}

/** On-phone reps per slot and date of a set of shifts. */
export function coverageSlots(problem: RosterProblem, shifts: readonly Shift[]): Float64Array[] {
  const cover = problem.dates.map(() => new Float64Array(SLOTS_PER_DAY));
  for (const s of shifts) {
    const day = problem.dates.indexOf(s.date);
    if (day < 0) continue;
    const slots = shiftSlots(s);
    for (let i = 0; i < SLOTS_PER_DAY; i++) cover[day][i] += slots[i];
  }
  return cover;
}

/** The one score every roster is judged by (current, greedy, optimised). */
export function scoreRoster(problem: RosterProblem, shifts: readonly Shift[]): RosterScore {
  const cover = coverageSlots(problem, shifts);
  let under = 0, over = 0, required = 0, onPhones = 0;
  const byDay = problem.dates.map((date, d) => {
    const g = slotGaps(problem.required[d], cover[d]);
    under += g.under_hours;
    over += g.over_hours;
    required += g.required_hours;
    onPhones += g.on_phone_hours;
    return { date, under_hours: g.under_hours, over_hours: g.over_hours };
  });
  const openOn = (date: string) => problem.open[problem.dates.indexOf(date)] ?? null;
  const problems = problem.reps.flatMap((rep) =>
    ruleProblems(rep, shifts.filter((s) => s.rep_id === rep.rep_id), rep.time_off, openOn).map((p) => `${rep.name ?? rep.rep_id}: ${p}`)
  );
  const known = new Set(problem.reps.map((r) => r.rep_id));
  for (const s of shifts) if (!known.has(s.rep_id)) problems.push(`${s.rep_id}: has a shift but no planning profile`);
  return {
    under_hours: under,
    over_hours: over,
    objective: problem.weights.under * under + problem.weights.over * over,
    required_hours: required,
    on_phone_hours: onPhones,
    paid_hours: shifts.reduce((s, x) => s + paidMinutes(x), 0) / 60,
    shifts: shifts.length,
    problems,
    by_day: byDay
  };
}

export interface ProblemInput {
  week_start: string;
  /** Reps required per interval (period_start 'YYYY-MM-DDTHH:MM:SS' → reps), intervals of intervalMinutes. */
  required: ReadonlyArray<{ period_start: string; required: number | null }>;
  intervalMinutes: number;
  /** Configured opening hours per ISO weekday (empty: taken from where anything is required). */
  openingHours: Map<number, OpenSpan>;
  reps: RosterRep[];
  templates: ShiftTemplate[];
  weights?: { under: number; over: number };
}

/**
 * The problem of a week: slots inherit their interval's requirement; a day with nothing required
 * (a holiday closure) is closed; a day's opening span is the configured one, else the span of its
 * intervals with a requirement.
 */
export function rosterProblem(input: ProblemInput): RosterProblem {
  const dates = weekDates(input.week_start);
  const required = dates.map(() => new Float64Array(SLOTS_PER_DAY));
  const per = input.intervalMinutes / SLOT_MINUTES;
  for (const r of input.required) {
    const day = dates.indexOf(r.period_start.slice(0, 10));
    if (day < 0 || !r.required) continue;
    const first = (Number(r.period_start.slice(11, 13)) * 60 + Number(r.period_start.slice(14, 16))) / SLOT_MINUTES;
    for (let k = 0; k < per; k++) required[day][first + k] = r.required;
  }
  const open = dates.map((date, d) => {
    const slots = [...required[d].keys()].filter((i) => required[d][i] > 0);
    if (slots.length === 0) return null;
    return input.openingHours.get(isoWeekday(date)) ?? { open: slots[0] * SLOT_MINUTES, close: (slots[slots.length - 1] + 1) * SLOT_MINUTES };
  });
  return {
    week_start: input.week_start, dates, open, required, reps: input.reps, templates: input.templates.filter((t) => t.active),
    weights: input.weights ?? { under: UNDER_WEIGHT, over: OVER_WEIGHT }
  };
}

/** Breaks for one shift of a type, each at the allowed start where coverage (with the shift) most exceeds the requirement. */
export function greedyBreaks(type: ShiftType, cover: Float64Array, required: Float64Array): PlacedBreak[] {
  const out: PlacedBreak[] = [];
  const taken = new Float64Array(SLOTS_PER_DAY);
  for (const rule of type.rules) {
    let best = -Infinity;
    let at = breakStarts(type.start, rule)[0];
    for (const s of breakStarts(type.start, rule)) {
      if (s + rule.minutes > type.end) continue;
      let surplus = 0;
      for (let m = s; m < s + rule.minutes; m += SLOT_MINUTES) {
        const i = m / SLOT_MINUTES;
        surplus += cover[i] + 1 - taken[i] - required[i];
      }
      if (surplus > best + 1e-9) {
        best = surplus;
        at = s;
      }
    }
    for (let m = at; m < at + rule.minutes; m += SLOT_MINUTES) taken[m / SLOT_MINUTES] += 1;
    out.push({ kind: rule.kind, start_minute: at, minutes: rule.minutes, paid: rule.paid });
  }
  return out.sort((a, b) => a.start_minute - b.start_minute);
}

