/**
 * `npx tsx bench/follow-appends.ts [--loads 30] [--calls 17]`: what one small load of a followed
 * queue_log costs, without the server. On a copy of the demo center (app/test/app-server.ts), a file
 * grows as bench/live-burst.ts makes it grow (each call's ENTERQUEUE, CONNECT a load later and
 * COMPLETECALLER two loads after that, so most lines close a call an earlier load opened), `--calls`
 * calls entering per load (three times as many lines), and the loader takes each append as
 * `serve --follow` does. Prints each load's wall time and the process's CPU time (all threads: DuckDB's
 * too), p25/p50/p95: on a shared machine the CPU time is the steadier figure. With CALLBOARD_PROFILE=1
 * the loader prints every statement of every load (ingest/load-profile.ts).
 */
import { appendFileSync, copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO, demoTemplate } from '../app/test/app-server.ts';
import { openDatabase } from '../sql/db.ts';
import { ingestFile } from '../ingest/load.ts';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const loads = option('--loads', 30);
const perLoad = option('--calls', 17);
const QUEUE = 'billing';
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];

const dir = mkdtempSync(join(tmpdir(), 'callboard-follow-appends-'));
try {
  copyFileSync(await demoTemplate(), join(dir, 'db.duckdb'));
  const db = await openDatabase(join(dir, 'db.duckdb'));
  const file = join(dir, 'queue_log');
  let t = Math.floor(Date.now() / 1000);
  writeFileSync(file, `${t}|NONE|${QUEUE}|PJSIP/7801|ADDMEMBER|\n`);
  await ingestFile(db, file, { timeZone: DEMO.timeZone });
  const entered: string[][] = [];
  const wall: number[] = [];
  const cpu: number[] = [];
  let lines = 0;
  for (let k = 0, started = 0; k < loads; k++, t++) {
    const append: string[] = [];
    const fresh: string[] = [];
    for (let i = 0; i < perLoad; i++, started++) {
      const id = `follow-${started}`;
      append.push(`${t}|${id}|${QUEUE}|NONE|ENTERQUEUE||31255${String(started).padStart(5, '0')}|1`);
      fresh.push(id);
    }
    for (const id of entered.at(-1) ?? []) append.push(`${t}|${id}|${QUEUE}|PJSIP/7801|CONNECT|1|${id}.1|1`);
    for (const id of entered.at(-3) ?? []) append.push(`${t}|${id}|${QUEUE}|PJSIP/7801|COMPLETECALLER|1|2|1`);
    entered.push(fresh);
    appendFileSync(file, append.map((l) => `${l}\n`).join(''));
    lines += append.length;
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const s = await ingestFile(db, file, { timeZone: DEMO.timeZone });
    const c = process.cpuUsage(c0);
    wall.push(performance.now() - t0);
    cpu.push((c.user + c.system) / 1000);
    if (s.rows_read !== append.length) throw new Error(`load ${k}: read ${s.rows_read} lines of ${append.length}`);
  }
  db.close();
  const row = (xs: number[]) => `p25 ${pct(xs, 25).toFixed(0)}, p50 ${pct(xs, 50).toFixed(0)}, p95 ${pct(xs, 95).toFixed(0)} ms`;
  console.log(`${loads} loads of about ${Math.round(lines / loads)} lines: wall ${row(wall)}; CPU ${row(cpu)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
