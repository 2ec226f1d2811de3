import { allows, apiAccess } from '../../api/access.ts';
import { getJson, ApiError } from '$lib/api-client.ts';
import type { LoadRun, QuarantinedLine } from '$lib/imports/uploads.ts';
import type { PageServerLoad } from './$types';

/** The load history and a run's quarantined lines, asked of the API (same answers, same access rules). */
export const load: PageServerLoad = async ({ url, locals, fetch }) => {
  const user = locals.user!;
  const runParam = url.searchParams.get('run');
  const run = runParam && /^[1-9]\d{0,9}$/.test(runParam) ? Number(runParam) : null;
  const [history, quarantine, timeZone] = await Promise.all([
    getJson<{ runs: LoadRun[] }>('/imports', {}, fetch),
    run === null
      ? null
      : getJson<{ lines: QuarantinedLine[] }>(`/imports/${run}/quarantine`, {}, fetch).catch((e) => {
          if (e instanceof ApiError && e.status < 500) return { lines: [], error: e.message };
          throw e;
        }),
    locals.ctx.timeZone
  ]);
  return {
    runs: history.runs,
    run,
    runError: runParam !== null && run === null ? `"${runParam}" is not a load run number` : null,
    quarantine: quarantine?.lines ?? null,
    timeZone,
    canUpload: allows(apiAccess['POST /api/imports'], user, null)
  };
};
