/**
 * The hiring recommendation (pure): "to meet 80 % in 20 s from week W, hire N by date D", and why.
 *
 * W is the first plan week whose required FTE exceeds the available FTE (by more than 0.05 FTE,
 * rounding noise). A hire needs `rampWeeks` to be fully productive, so hires start by D = W's Monday
 * − rampWeeks (never before the plan's first day: then the weeks before they are productive fall
 * short, and the text says to cover them with overtime or temporary staff). N is the fewest
 * full-time hires that close every later gap once they are productive: max over those weeks of
 * gap / what one hire gives that week (../plan/plan-headcount.ts hireFactor: ramp and attrition).
 */
import { addDays, daysBetween } from '../roster/schedule-model.ts';
import { hireFactor } from './plan-headcount.ts';

export interface GapWeek {
  week: string;
  monday: string;
  required_fte: number;
  available_fte: number;
}

export interface Recommendation {
  hire: number;
  /** Date the hires must start by (YYYY-MM-DD), null when no one is needed. */
  by_date: string | null;
  /** The first week short of staff, null when none is. */
  from_week: string | null;
  /** Weeks short before the hires are productive. */
  uncovered_weeks: string[];
  text: string;
}

export interface RecommendOptions {
  slTarget: number;
  slThresholdS: number;
  rampWeeks: number;
  attrition: number;
  /** The plan's first day: hires cannot start before it. */
  start: string;
}

export const GAP_TOLERANCE_FTE = 0.05;

const f1 = (x: number) => x.toFixed(1);
const pct = (x: number) => `${Math.round(x * 100)}%`;

export function recommend(weeks: readonly GapWeek[], o: RecommendOptions): Recommendation {
  const goal = `${pct(o.slTarget)} in ${o.slThresholdS} s`;
  const gapOf = (w: GapWeek) => w.required_fte - w.available_fte;
  const first = weeks.find((w) => gapOf(w) > GAP_TOLERANCE_FTE);
  if (!first) {
    const tightest = weeks.reduce<GapWeek | null>((m, w) => (m === null || gapOf(w) > gapOf(m) ? w : m), null);
    return {
      hire: 0, by_date: null, from_week: null, uncovered_weeks: [],
      text: tightest
        ? `No hire needed to meet ${goal}: the available staff covers the forecast every week to ${weeks[weeks.length - 1].week} (after ${pct(o.attrition)} a year attrition); the tightest week is ${tightest.week}, ${f1(tightest.available_fte)} FTE available for ${f1(tightest.required_fte)} required.`
        : 'No weeks to plan.'
    };
  }
  const ideal = addDays(first.monday, -7 * o.rampWeeks);
  const byDate = ideal < o.start ? o.start : ideal;
  const productive = addDays(byDate, 7 * o.rampWeeks);
  let hire = 0;
  let worst: GapWeek = first;
  for (const w of weeks) {
    if (w.monday < first.monday || w.monday < productive) continue;
    const factor = hireFactor(daysBetween(byDate, w.monday) / 7, o.rampWeeks, o.attrition);
    const need = factor > 0 ? Math.ceil(gapOf(w) / factor - 1e-9) : 0;
    if (need > hire) {
      hire = need;
      worst = w;
    }
  }
  const uncovered = weeks.filter((w) => w.monday >= first.monday && w.monday < productive && gapOf(w) > GAP_TOLERANCE_FTE).map((w) => w.week);
  // Every short week falls before the hires could be productive: size the hire on the first of them.
  if (hire === 0) hire = Math.ceil(gapOf(first) - 1e-9);
  const parts = [
    `To meet ${goal} from week ${first.week}, hire ${hire} full-time rep${hire === 1 ? '' : 's'} by ${byDate}.`,
    `From ${first.week} the forecast needs ${f1(first.required_fte)} FTE against ${f1(first.available_fte)} available (short ${f1(gapOf(first))});`,
    `the largest gap a hire must close is ${f1(gapOf(worst))} FTE in ${worst.week} (${f1(worst.required_fte)} required, ${f1(worst.available_fte)} available after ${pct(o.attrition)} a year attrition).`,
    `A new hire takes ${o.rampWeeks} weeks to become fully productive, so hires must start by ${byDate}${hire > 0 ? ' and the number allows for the hires leaving at the same rate' : ''}.`
  ];
  if (uncovered.length) parts.push(`${uncovered.length} week${uncovered.length === 1 ? '' : 's'} (${uncovered[0]}${uncovered.length > 1 ? `–${uncovered[uncovered.length - 1]}` : ''}) fall short before new hires are productive: cover them with overtime or temporary staff.`);
  return { hire, by_date: byDate, from_week: first.week, uncovered_weeks: uncovered, text: parts.join(' ') };
}
