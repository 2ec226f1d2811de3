/**
 * `npx tsx bench/trends-parts.ts [--db FILE] [--runs R] [--query 'by=month&quarter=2026-Q3']`: what each
 * part of the Trends page costs in this process, on the demo center the page bench serves (or a copy
 * of --db): wall and CPU (process.cpuUsage: DuckDB's threads included) and the queries each asks,
 * every run after db.changed() so no shared look-up answers from an earlier run. Not a step of
 * `npm run bench`; it says where the page's time goes (bench/page-latency.ts says what it comes to).
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase, type Database } from '../sql/db.ts';
import { localDateOf } from '../analytics/reports/reports-period.ts';
import { computeTrends, quarterComparisons, staffingTrend, type TrendOptions } from '../analytics/trends/trends.ts';
import { reasonTrends } from '../analytics/trends/trends-reasons.ts';
import { DEFAULT_TIME_ZONE, readCenterSettings } from '../analytics/center-settings.ts';
import { demoTemplate } from '../app/test/app-server.ts';
import { percentile } from './api-latency.ts';

const PARTS: Record<string, (db: Database, o: TrendOptions) => Promise<unknown>> = {
  computeTrends,
  quarterComparisons,
  staffingTrend,
  reasonTrends
};

/** Counts the statements `db` runs while `fn` does (db.query and db.one go through db.all). */
async function counted<T>(db: Database, fn: () => Promise<T>): Promise<{ value: T; queries: number }> {
  const all = db.all.bind(db);
  let queries = 0;
  db.all = ((...args: Parameters<Database['all']>) => {
    queries++;
    return all(...args);
  }) as Database['all'];
  try {
    return { value: await fn(), queries };
  } finally {
    db.all = all;
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { db: { type: 'string' }, runs: { type: 'string', default: '5' }, query: { type: 'string', default: '' } } });
  const dir = mkdtempSync(join(tmpdir(), 'callboard-trends-parts-'));
  const file = join(dir, 'trends.duckdb');
  copyFileSync(values.db ?? (await demoTemplate()), file);
  const db = await openDatabase(file);
  try {
    const timeZone = (await readCenterSettings(db)).timezone ?? DEFAULT_TIME_ZONE;
    const q = new URLSearchParams(values.query);
    const opts: TrendOptions = { by: q.get('by') ?? 'week', from: q.get('from'), to: q.get('to'), queue: q.get('queue'), quarter: q.get('quarter'), timeZone, today: localDateOf(timeZone) };
    const runs = Number(values.runs);
    const page = async () => {
      await computeTrends(db, opts);
      await Promise.all([quarterComparisons(db, opts), staffingTrend(db, opts), reasonTrends(db, opts)]);
    };
    const atOnce = () => Promise.all([computeTrends(db, opts), quarterComparisons(db, opts), staffingTrend(db, opts), reasonTrends(db, opts)]);
    const rows = [];
    for (const [name, fn] of [...Object.entries(PARTS), ['the page (its order)', () => page()], ['all four at once', () => atOnce()]] as const) {
      await fn(db, opts); // warm: modules, prepared plans of DuckDB's own
      const wall: number[] = [];
      const cpu: number[] = [];
      let queries = 0;
      for (let i = 0; i < runs; i++) {
        db.changed();
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        queries = (await counted(db, () => fn(db, opts))).queries;
        wall.push(performance.now() - t0);
        const c = process.cpuUsage(c0);
        cpu.push((c.user + c.system) / 1000);
      }
      rows.push({ part: name, queries, wall_p50_ms: Math.round(percentile(wall, 50)), cpu_p50_ms: Math.round(percentile(cpu, 50)), cpu_min_ms: Math.round(Math.min(...cpu)) });
    }
    console.log(`trends parts, ${values.db ?? 'demo'} ${values.query || '(default view)'}, today ${opts.today}, ${runs} runs each`);
    console.table(rows);
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
