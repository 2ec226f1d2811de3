/**
 * What the optimiser aims for, how two rosters rank on that aim, and the trade-off in words (pure).
 *
 * - `fewest_paid_hours`: meet the requirement (the service-level target) at the fewest paid hours:
 *   ranked by rep-hours short of the requirement, then paid hours. A roster that meets the target
 *   with fewer hours can project a lower service level than one that staffs beyond it: that is the
 *   trade, and tradeOffText says so.
 * - `best_service`: the best projected service within the reps' contracted hours: ranked by the
 *   lost calls projected, then the service level, then short hours.
 * The optimiser never hands back a roster that ranks below greedy's on the aim chosen (keepNotWorse).
 */
export const ROSTER_AIMS = ['fewest_paid_hours', 'best_service'] as const;
export type RosterAim = (typeof ROSTER_AIMS)[number];

export const AIM_TEXT: Record<RosterAim, string> = {
  fewest_paid_hours: 'Meet the target at the fewest paid hours',
  best_service: 'Best projected service and fewest lost calls within contracted hours'
};

/** The figures a roster is ranked by: its score (scoreRoster) and its projection (coverageOf). */
export interface AimFigures {
  under_hours: number;
  paid_hours: number;
  service_level: number | null;
  lost_calls: number | null;
  /** Intervals with calls whose projected service level is below the target. */
  intervals_below_target: number;
}

/** Steps smaller than these are ties (float noise, not a better roster). */
const TIES = { hours: 1e-6, calls: 0.05, rate: 5e-4 };

const cmp = (a: number, b: number, tie: number) => (Math.abs(a - b) <= tie ? 0 : a < b ? -1 : 1);

/** Negative when `a` is better than `b` on the aim, positive when worse, 0 when they tie. */
export function compareOnAim(aim: RosterAim, a: AimFigures, b: AimFigures): number {
  if (aim === 'fewest_paid_hours') return cmp(a.under_hours, b.under_hours, TIES.hours) || cmp(a.paid_hours, b.paid_hours, TIES.hours);
  return (
    cmp(a.lost_calls ?? Infinity, b.lost_calls ?? Infinity, TIES.calls) ||
    cmp(-(a.service_level ?? -1), -(b.service_level ?? -1), TIES.rate) ||
    cmp(a.under_hours, b.under_hours, TIES.hours)
  );
}

/** The optimised roster, unless greedy's ranks better on the aim: then greedy's, with the reason. */
export function keepNotWorse<T extends { figures: AimFigures }>(aim: RosterAim, greedy: T, optimised: T): { roster: T; kept_greedy: boolean } {
  return compareOnAim(aim, optimised.figures, greedy.figures) > 0 ? { roster: greedy, kept_greedy: true } : { roster: optimised, kept_greedy: false };
}

const pct = (v: number | null) => (v === null ? '–' : `${(v * 100).toFixed(1)}%`);
const num = (v: number, digits = 0) => v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const hoursText = (h: number) => num(Math.abs(h), Number.isInteger(Math.round(h * 10) / 10) ? 0 : 1);

/**
 * The trade-off beside the result, in plain words, e.g. "Optimised uses 40 fewer paid hours than greedy;
 * it meets the 80% target in every interval but projects 91.8% vs 94.5% for greedy (135 lost calls vs 89)."
 */
export function tradeOffText(aim: RosterAim, greedy: AimFigures, optimised: AimFigures, slTarget: number, keptGreedy: boolean): string {
  const target = `${Math.round(slTarget * 100)}%`;
  if (keptGreedy) return `HiGHS found no roster better than greedy's on this aim in time, so the greedy roster is shown as the optimised one.`;
  const same = (['under_hours', 'paid_hours'] as const).every((k) => Math.abs(optimised[k] - greedy[k]) <= 0.005) && compareOnAim('best_service', optimised, greedy) === 0;
  if (same) return `Optimised and greedy score the same: HiGHS found nothing better on this aim in the time it had. Both project ${pct(optimised.service_level)} (${optimised.lost_calls === null ? '–' : num(optimised.lost_calls)} lost calls) with ${hoursText(optimised.paid_hours)} paid hours.`;
  const dPaid = optimised.paid_hours - greedy.paid_hours;
  const paid = Math.abs(dPaid) < 0.05 ? 'the same paid hours as greedy' : `${hoursText(dPaid)} ${dPaid < 0 ? 'fewer' : 'more'} paid hours than greedy`;
  const meets = optimised.intervals_below_target === 0
    ? `it meets the ${target} target in every interval`
    : `it misses the ${target} target in ${optimised.intervals_below_target} interval${optimised.intervals_below_target === 1 ? '' : 's'} (greedy: ${greedy.intervals_below_target})`;
  const lost = (f: AimFigures) => (f.lost_calls === null ? '–' : num(f.lost_calls));
  const service = `${pct(optimised.service_level)} vs ${pct(greedy.service_level)} for greedy (${lost(optimised)} lost calls vs ${lost(greedy)})`;
  const slDown = (optimised.service_level ?? 0) < (greedy.service_level ?? 0) - TIES.rate;
  const why = aim === 'fewest_paid_hours' && slDown && dPaid < 0
    ? ` Greedy's extra hours staff beyond what the target needs: they buy service above the target, at a cost in wages. To spend contracted hours on service instead, aim for the best service.`
    : aim === 'best_service' && dPaid > 0
      ? ` The extra hours stay within the reps' contracted hours.`
      : '';
  return `Optimised uses ${paid}; ${meets} ${slDown ? 'but' : 'and'} projects ${service}.${why}`;
}
