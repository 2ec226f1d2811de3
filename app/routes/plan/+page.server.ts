import { localDateOf } from '../../../analytics/reports/reports-period.ts';
import { staffingPlan } from '../../../analytics/plan/plan.ts';
import { planForecastAccuracy } from '../../../analytics/plan/plan-accuracy.ts';
import { addDays, mondayOf } from '../../../analytics/roster/schedule-model.ts';
import { refusalText } from '../../server/refusal.ts';
import type { PageServerLoad } from './$types';


/**
 * The same answers as GET /api/plan and /api/plan/accuracy, streamed: Erlang runs per half hour for every week and what-if
 * (a few seconds), so the page shows its controls and a busy line first.
 */
export const load: PageServerLoad = async ({ url, locals }) => {
  const { db, timeZone } = locals.ctx;
  const q = (k: string) => url.searchParams.get(k) || null;
  const from = q('from') ?? addDays(mondayOf(localDateOf(timeZone)), 7);
  const choice = { weeks: q('weeks') ?? '52', attrition: q('attrition'), ramp_weeks: q('ramp_weeks') ?? '8', new_calls: q('new_calls'), new_aht_s: q('new_aht_s'), new_from: q('new_from') };
  return {
    choice,
    plan: staffingPlan(db, {
      from, weeks: choice.weeks, timeZone, attrition: choice.attrition, rampWeeks: choice.ramp_weeks,
      newService: { calls: choice.new_calls, aht_s: choice.new_aht_s, from: choice.new_from }
    }).catch(refusalText),
    accuracy: planForecastAccuracy(db, timeZone).catch(refusalText)
  };
};
