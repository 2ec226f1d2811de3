/**
 * `npm run bench [-- --full] [-- --calls N]`: Callboard's ingest against plain DuckDB on the same
 * file in the same run. Reduced size by default (CI budget); --full is the 10M-call year.
 * Figures are printed as a table and written to bench-results/bench.json. Timings are ratios
 * against the DuckDB baseline because these machines are shared and noisy.
 */
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { openDatabase } from '../../sql/db.ts';
import { ingestFile } from '../../ingest/load.ts';
import { writeScaleQueueLog } from '../../fixtures/scale/generate-queue-log.ts';

const args = process.argv.slice(2);
const full = args.includes('--full');
const callsArg = args.indexOf('--calls');
const calls = callsArg >= 0 ? Number(args[callsArg + 1]) : full ? 10_000_000 : 1_000_000;

const dir = mkdtempSync(join(tmpdir(), 'callboard-bench-'));
const seconds = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e9;

try {
  const file = join(dir, 'queue_log');
  let t0 = process.hrtime.bigint();
  const lines = await writeScaleQueueLog(file, { calls });
  const genS = seconds(t0);
  const mb = statSync(file).size / 1e6;
  console.log(`generated ${calls.toLocaleString()} calls, ${lines.toLocaleString()} lines, ${mb.toFixed(0)} MB in ${genS.toFixed(1)} s`);

  // Baseline: plain DuckDB reading the same file into a table in a database file.
  const baseDb = await DuckDBInstance.create(join(dir, 'baseline.duckdb'));
  const conn = await baseDb.connect();
  t0 = process.hrtime.bigint();
  await conn.run(`CREATE TABLE t AS SELECT * FROM read_csv('${file}', delim = '|', header = false, all_varchar = true, null_padding = true, strict_mode = false)`);
  const baselineS = seconds(t0);
  conn.closeSync();
  baseDb.closeSync();

  const db = await openDatabase(join(dir, 'callboard.duckdb'));
  const rss0 = process.memoryUsage().rss;
  let peakRss = rss0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  t0 = process.hrtime.bigint();
  const summary = await ingestFile(db, file, { timeZone: 'America/Chicago' });
  const ingestS = seconds(t0);

  // Appending 10,000 lines to the loaded file and loading just them.
  const more = join(dir, 'more');
  await writeScaleQueueLog(more, { calls: 2_500, startEpoch: Date.UTC(2030, 0, 1) / 1000, seed: 11 });
  const { readFileSync, appendFileSync } = await import('node:fs');
  const extra = readFileSync(more, 'utf8').split('\n').slice(0, 10_000).join('\n') + '\n';
  appendFileSync(file, extra);
  t0 = process.hrtime.bigint();
  const appended = await ingestFile(db, file, { timeZone: 'America/Chicago' });
  const appendS = seconds(t0);
  clearInterval(sampler);
  db.close();

  const results = {
    machine: { cpus: (await import('node:os')).cpus().length, node: process.version, date: new Date().toISOString() },
    calls, lines, file_mb: Math.round(mb),
    baseline_read_csv_s: +baselineS.toFixed(2),
    ingest_s: +ingestS.toFixed(2),
    ingest_vs_read_csv: +(ingestS / baselineS).toFixed(2),
    ingest_goal: 1.5,
    calls_loaded: summary.calls_added,
    append_10k_lines_s: +appendS.toFixed(3),
    append_vs_full_ingest: +(appendS / ingestS).toFixed(4),
    append_goal: 0.02,
    append_rows_loaded: appended.rows_loaded,
    peak_rss_mb: Math.round(peakRss / 1e6)
  };
  console.table([
    { figure: 'full ingest vs read_csv', callboard: `${ingestS.toFixed(2)} s`, duckdb: `${baselineS.toFixed(2)} s`, ratio: results.ingest_vs_read_csv, goal: '<= 1.5' },
    { figure: 'append 10k lines vs full ingest', callboard: `${appendS.toFixed(3)} s`, duckdb: '', ratio: results.append_vs_full_ingest, goal: '< 0.02' },
    { figure: 'peak RSS of the ingest', callboard: `${results.peak_rss_mb} MB`, duckdb: '', ratio: '', goal: '< 2 GB at 10M' }
  ]);
  mkdirSync('bench-results', { recursive: true });
  writeFileSync('bench-results/bench.json', JSON.stringify(results, null, 2) + '\n');
  console.log('written to bench-results/bench.json');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
