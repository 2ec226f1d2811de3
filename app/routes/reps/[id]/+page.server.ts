import { error } from '@sveltejs/kit';
import { CallboardError } from '../../../../sql/errors.ts';
import { allows, apiAccess } from '../../../api/access.ts';
import { listNotes } from '../../../server/notes.ts';
import { repReview } from '../../../server/rep-review.ts';
import { purgeCutoff, purgedBefore } from '../../../../analytics/retention/purged.ts';
import { callerNumbersOut } from '../../../server/privacy/caller-numbers.ts';
import { repStates } from '../../../../analytics/reps/rep-states.ts';
import { repPublishedShifts } from '../../../server/rep-schedule.ts';
import { isDate, periodLabel, periodRange, todayIn, type PeriodKind } from '$lib/reps/period.ts';
import type { PageServerLoad } from './$types';

const WEEKS = 12;

/**
 * One rep: the same answer GET /api/quality/reps/:id gives, and their notes as GET /api/reps/:id/notes.
 * The page gate has let through only readers and the rep themself (access.ts '/reps/:id').
 */
export const load: PageServerLoad = async ({ params, url, locals, setHeaders }) => {
  const started = performance.now();
  const user = locals.user!;
  const { db, timeZone } = locals.ctx;
  const period: PeriodKind = url.searchParams.get('period') === 'day' ? 'day' : 'week';
  const asked = url.searchParams.get('date');
  const date = isDate(asked) ? asked : todayIn(timeZone);
  const { from, to } = periodRange(period, date);
  const may = (route: string) => allows(apiAccess[route], user, { id: params.id });
  try {
    const [review, notes, states, shifts, purged] = await Promise.all([
      // a rep's evaluated calls carry callers' numbers: masked or audited on the way out
      repReview(db, timeZone, params.id, { from, to, weeks: WEEKS }).then((r) => callerNumbersOut(db, user, { what: `page ${url.pathname}${url.search}` }, r)),
      listNotes(db, params.id),
      repStates(db, { from, to, timeZone, rep: params.id }),
      repPublishedShifts(db, params.id, todayIn(timeZone)),
      purgedBefore(db)
    ]);
    setHeaders({ 'server-timing': `load;dur=${(performance.now() - started).toFixed(1)}` });
    const noteCall = url.searchParams.get('note_call');
    const noteEvaluation = Number(url.searchParams.get('note_evaluation'));
    return {
      review,
      notes,
      states,
      shifts,
      ownPage: user.rep_id === params.id,
      period,
      date,
      label: periodLabel(period, date),
      today: todayIn(timeZone),
      timeZone,
      from,
      to,
      weeks: WEEKS,
      // Records retention: the rep's calls before this date are gone (those a legal hold kept stay).
      purgedBefore: purgeCutoff(from, purged.calls),
      // The whole period before it: the per-call figures are not shown as zeros.
      whollyPurged: purged.calls !== undefined && to < purged.calls,
      canWriteNotes: may('POST /api/reps/:id/notes'),
      canAcknowledge: may('POST /api/reps/:id/notes/:noteId/acknowledge'),
      canOpenCalls: may('GET /api/calls'),
      canEvaluate: may('POST /api/quality/evaluations'),
      preset: {
        call_ref: noteCall && /^[A-Za-z0-9._:-]{1,100}$/.test(noteCall) ? noteCall : null,
        evaluation_id: Number.isInteger(noteEvaluation) && noteEvaluation > 0 ? noteEvaluation : null
      }
    };
  } catch (e) {
    if (e instanceof CallboardError && e.status < 500) error(e.status, e.message);
    throw e;
  }
};
