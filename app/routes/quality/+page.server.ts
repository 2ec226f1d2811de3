import { CallboardError } from '../../../sql/errors.ts';
import { readQualitySettings } from '../../../analytics/quality/quality-score.ts';
import { allows, apiAccess } from '../../api/access.ts';
import { getCall } from '../../server/calls.ts';
import { getEvaluation, getForm, listEvaluations, listForms } from '../../server/quality.ts';
import { listReps } from '../../server/rep-directory.ts';
import { callerNumbersOut } from '../../server/privacy/caller-numbers.ts';
import { addDays, isDate, todayIn } from '$lib/reps/period.ts';
import type { PageServerLoad } from './$types';

/** Days of evaluations the list shows unless the query says otherwise. */
const LIST_DAYS = 90;

/**
 * Quality: forms (?form=<id>|new to define or edit one), evaluating a call (?evaluate=<call id>
 * [&eval_form=<id>]), editing an evaluation (?evaluation=<id>), the evaluation list (?rep=&from=&to=)
 * and the score's weights. The same server modules as /api/quality answer every part.
 */
export const load: PageServerLoad = async ({ url, locals }) => {
  const user = locals.user!;
  const { db, timeZone } = locals.ctx;
  const q = (k: string) => url.searchParams.get(k)?.trim() || null;
  const num = (k: string) => (/^[1-9]\d{0,8}$/.test(q(k) ?? '') ? Number(q(k)) : null);
  const to = isDate(q('to')) ? q('to')! : todayIn(timeZone);
  const from = isDate(q('from')) ? q('from')! : addDays(to, -LIST_DAYS + 1);
  const rep = q('rep');
  const problems: string[] = [];
  const attempt = async <T>(fn: () => Promise<T>): Promise<T | null> => {
    try {
      return await fn();
    } catch (e) {
      if (!(e instanceof CallboardError) || e.status >= 500) throw e;
      problems.push(e.message);
      return null;
    }
  };

  const [forms, settings, reps, evaluations] = await Promise.all([
    listForms(db, { includeArchived: true }),
    readQualitySettings(db),
    listReps(db),
    attempt(() => listEvaluations(db, timeZone, { rep, from, to, limit: 200 }))
  ]);
  const active = forms.filter((f) => !f.archived_at);

  const formParam = q('form');
  const editing = formParam === 'new' ? ('new' as const) : num('form') !== null ? await attempt(() => getForm(db, num('form')!)) : null;

  const evaluation = num('evaluation') !== null ? await attempt(() => getEvaluation(db, timeZone, num('evaluation')!)) : null;
  const evaluateId = q('evaluate');
  const call = evaluateId ? await attempt(() => getCall(db, timeZone, evaluateId)) : evaluation ? await attempt(() => getCall(db, timeZone, evaluation.call_id)) : null;
  const chosen = num('eval_form');
  const sheetForm = evaluation ? evaluation.form : call ? (active.find((f) => f.id === chosen) ?? active[0] ?? null) : null;
  const callEvaluations = call ? await listEvaluations(db, timeZone, { callId: call.id }) : [];

  // Evaluated calls carry callers' numbers: masked for roles that may not see them, audited for those that may.
  const shown = await callerNumbersOut(db, user, { what: `page ${url.pathname}${url.search}` }, { evaluations: evaluations ?? [], evaluation, call, callEvaluations });
  return {
    forms,
    active,
    settings,
    reps: reps.map((r) => ({ id: r.id, name: r.name })),
    ...shown,
    list: { rep, from, to },
    editing,
    sheetForm,
    saved: num('saved'),
    problems,
    canWrite: allows(apiAccess['POST /api/quality/forms'], user, null),
    canEditSettings: allows(apiAccess['PUT /api/quality/settings'], user, null)
  };
};
