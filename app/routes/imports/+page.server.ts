import { allows, apiAccess } from '../../api/access.ts';
import { getJson, ApiError } from '$lib/api-client.ts';
import type { DateSpan, LoadRun, QuarantinedLine, RejectedValue } from '$lib/imports/uploads.ts';
import type { PageServerLoad } from './$types';

/** The load history and a run's quarantined lines, asked of the API (same answers, same access rules). */
export const load: PageServerLoad = async ({ url, locals, fetch }) => {
  const user = locals.user!;
  const runParam = url.searchParams.get('run');
  const run = runParam && /^[1-9]\d{0,9}$/.test(runParam) ? Number(runParam) : null;
  const { db, timeZone } = locals.ctx;
  const [history, quarantine, spans] = await Promise.all([
    getJson<{ runs: LoadRun[] }>('/imports', {}, fetch),
    run === null
      ? null
      : getJson<{ lines: QuarantinedLine[]; rejected: RejectedValue[] }>(`/imports/${run}/quarantine`, {}, fetch).catch((e) => {
          if (e instanceof ApiError && e.status < 500) return { lines: [], rejected: [], error: e.message };
          throw e;
        }),
    db.query<{ run_id: number; path: string; first_date: string; last_date: string }>('load-run-dates', { tz: timeZone })
  ]);
  return {
    runs: history.runs,
    run,
    runError: runParam !== null && run === null ? `"${runParam}" is not a load run number` : null,
    quarantine: quarantine?.lines ?? null,
    rejected: quarantine?.rejected ?? null,
    timeZone,
    /** The local dates each run's file covers, by run id. */
    dates: Object.fromEntries(spans.map((s) => [s.run_id, { first: s.first_date, last: s.last_date }])) as Record<number, DateSpan>,
    /** The same for the newest run of each path (an upload's result line). */
    datesByPath: Object.fromEntries([...spans].reverse().map((s) => [s.path, { first: s.first_date, last: s.last_date }])) as Record<string, DateSpan>,
    canUpload: allows(apiAccess['POST /api/imports'], user, null)
  };
};
