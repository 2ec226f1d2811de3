import { CallboardError } from '../../../sql/errors.ts';
import { allows, apiAccess } from '../../api/access.ts';
import { CALL_OUTCOMES, callDetail, callerHistory, searchCalls, type CallOutcome } from '../../server/calls.ts';
import { exclusions } from '../../server/call-exclusions.ts';
import { listEvaluations } from '../../server/quality.ts';
import { listReps } from '../../server/rep-directory.ts';
import { knownQueues } from '../../../analytics/center-settings.ts';
import { callerNumbersOut, checkCallerSearch, seesCallerNumbers } from '../../server/privacy/caller-numbers.ts';
import type { PageServerLoad } from './$types';

const PAGE = 50;

/** The same answers as GET /api/calls, /api/calls/:id and /api/calls/:id/history; all state in the query string. */
export const load: PageServerLoad = async ({ url, locals, setHeaders }) => {
  const started = performance.now();
  const user = locals.user!;
  const canExclude = allows(apiAccess['PUT /api/calls/:callId/exclusion'], user, null);
  const { db, timeZone } = locals.ctx;
  const q = (k: string) => url.searchParams.get(k)?.trim() || null;
  const outcome = q('outcome');
  const direction = q('direction');
  const filters = {
    caller: q('caller'),
    from: q('from'),
    to: q('to'),
    queue: q('queue'),
    rep: q('rep'),
    rang_at: q('rang_at'),
    outcome: (CALL_OUTCOMES as readonly string[]).includes(outcome ?? '') ? (outcome as CallOutcome) : null,
    direction: direction === 'inbound' || direction === 'outbound' ? (direction as 'inbound' | 'outbound') : null
  };
  const pageNo = Math.max(1, Math.min(2000, Number(q('page')) || 1));
  const selected = q('call');
  const [queues, reps] = await Promise.all([knownQueues(db), listReps(db)]);
  let results = null;
  let error: string | null = null;
  try {
    checkCallerSearch(user.role, filters.caller);
    results = await searchCalls(db, timeZone, { ...filters, limit: PAGE, offset: (pageNo - 1) * PAGE });
  } catch (e) {
    if (!(e instanceof CallboardError) || e.status >= 500) throw e;
    error = e.message;
  }
  let detail = null;
  let detailError: string | null = null;
  if (selected) {
    try {
      const [d, history, evaluations] = await Promise.all([
        callDetail(db, timeZone, selected),
        callerHistory(db, timeZone, selected),
        listEvaluations(db, timeZone, { callId: selected })
      ]);
      detail = { ...d, history: history.calls, evaluations };
    } catch (e) {
      if (!(e instanceof CallboardError) || e.status >= 500) throw e;
      detailError = e.message;
    }
  }
  // Callers' numbers: masked for roles that may not see them, audited for those that may (one entry).
  const shown = await callerNumbersOut(db, user, { what: `page ${url.pathname}${url.search}` }, { results, detail });
  setHeaders({ 'server-timing': `load;dur=${(performance.now() - started).toFixed(1)}` });
  return {
    filters,
    pageNo,
    pageSize: PAGE,
    results: shown.results,
    error,
    selected,
    detail: shown.detail,
    detailError,
    queues,
    reps: reps.map((r) => ({ id: r.id, name: r.name })),
    timeZone,
    canEvaluate: allows(apiAccess['POST /api/quality/evaluations'], user, null),
    canWriteNotes: allows(apiAccess['POST /api/reps/:id/notes'], user, null),
    canExclude,
    canErase: allows(apiAccess['POST /api/calls/:callId/erase-number'], user, null),
    seesNumbers: seesCallerNumbers(user.role),
    exclusions: canExclude ? await exclusions(db) : []
  };
};
