/**
 * GET /api/metrics as a signed-in manager sees it (the Hono `api` in-process: session check, access
 * rule, validation, query, JSON), against the bare SQL it runs (sql/call-slices-state.sql, whether the
 * summary may be read; sql/call-metrics.sql for the rows and sql/metric-settings.sql for the settings
 * they were judged by, with the same parameters, read into JS), timed alternately on the same
 * database so both see the same noise. The difference is the API's own: session, rules, JSON.
 */
import { setDatabase, type Database } from '../sql/db.ts';
import { createUser, signIn } from '../app/server/accounts.ts';
import { api } from '../app/api/index.ts';
import { checkMetricsOptions, metricParams, slicesFor } from '../analytics/metrics/metrics.ts';

export interface LatencyCase {
  name: string;
  from: string;
  to: string;
  by: 'interval' | 'day' | 'week' | 'month' | 'quarter' | 'total';
  group: 'none' | 'queue' | 'rep';
}

export interface LatencyResult extends LatencyCase {
  rows: number;
  runs: number;
  api_p50_ms: number;
  api_p95_ms: number;
  sql_p50_ms: number;
  sql_p95_ms: number;
  /** p95 of the API over p95 of the bare SQL. */
  api_vs_sql_p95: number;
  /** Whether the query read the call_slices summary (analytics/metrics/call-slices.ts). */
  summary: boolean;
  /** With the summary: the same SQL counting every call instead (a few runs), for comparison. */
  sql_calls_p50_ms: number | null;
}

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

const round = (x: number, digits = 1) => Number(x.toFixed(digits));

/** A manager with a session on this database (the bench's own user; demo passwords are not used). */
export async function managerCookie(db: Database): Promise<string> {
  const username = `bench-${Date.now().toString(36)}`;
  const password = `bench-${Math.random().toString(36).slice(2)}-pass`;
  await createUser(db, { id: null, username: 'bench' }, { username, password, role: 'manager', repInterface: null });
  const { token } = await signIn(db, { username, password, ip: '127.0.0.1' });
  return `callboard_session=${token}`;
}

export async function metricsLatency(db: Database, cases: LatencyCase[], runs: number, timeZone: string): Promise<LatencyResult[]> {
  setDatabase(db);
  const cookie = await managerCookie(db);
  const out: LatencyResult[] = [];
  for (const c of cases) {
    const url = `http://localhost/api/metrics?from=${c.from}&to=${c.to}&by=${c.by}&group=${c.group}`;
    const q = checkMetricsOptions({ from: c.from, to: c.to, by: c.by, group: c.group, timeZone });
    const summary = await slicesFor(db, q);
    const params = metricParams(q, summary);
    const viaApi = async () => {
      const res = await api.request(url, { headers: { cookie } });
      if (res.status !== 200) throw new Error(`${url}: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { rows: unknown[] }).rows.length;
    };
    // The SQL of the answer, run as the API runs it: whether the summary is current, then the rows and
    // the settings they were judged by.
    const viaSql = async () => {
      await slicesFor(db, q);
      return (await Promise.all([db.query('call-metrics', params), db.query('metric-settings', params)]))[0].length;
    };
    let rows = 0;
    for (let i = 0; i < 3; i++) rows = (await viaApi()) + 0 * (await viaSql()); // warm both
    const apiMs: number[] = [];
    const sqlMs: number[] = [];
    for (let i = 0; i < runs; i++) {
      let t = performance.now();
      await viaApi();
      apiMs.push(performance.now() - t);
      t = performance.now();
      await viaSql();
      sqlMs.push(performance.now() - t);
    }
    const callsMs: number[] = [];
    for (let i = 0; summary && i < Math.min(runs, 5); i++) {
      const t = performance.now();
      await db.query('call-metrics', metricParams(q, false));
      callsMs.push(performance.now() - t);
    }
    const api95 = percentile(apiMs, 95);
    const sql95 = percentile(sqlMs, 95);
    out.push({
      ...c, rows, runs,
      api_p50_ms: round(percentile(apiMs, 50)), api_p95_ms: round(api95),
      sql_p50_ms: round(percentile(sqlMs, 50)), sql_p95_ms: round(sql95),
      api_vs_sql_p95: round(api95 / sql95, 2),
      summary, sql_calls_p50_ms: callsMs.length ? round(percentile(callsMs, 50)) : null
    });
  }
  return out;
}
