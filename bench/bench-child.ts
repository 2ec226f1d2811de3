/**
 * One measured step of the benchmark, in a process of its own so its time and peak memory (the
 * operating system's count of resident pages, DuckDB's native memory included) are its alone.
 * `tsx bench/bench-child.ts <step> <file> <db>` prints one JSON line:
 * - `read-csv`: plain DuckDB reading the file into a table of a new database (the baseline);
 * - `append-read-csv`: plain DuckDB appending the file to that table;
 * - `ingest`: Callboard's loader (new file, or the new lines of a grown one).
 */
import { DuckDBInstance, quotedString } from '@duckdb/node-api';
import { openDatabase } from '../sql/db.ts';
import { ingestFile } from '../ingest/load.ts';

export interface ChildResult {
  step: string;
  wall_s: number;
  cpu_s: number;
  /** Peak resident memory of the process (MB), native allocations included. */
  max_rss_mb: number;
  rows?: number;
  calls_added?: number;
  rows_loaded?: number;
}

const [step, file, dbPath] = process.argv.slice(2);
const literal = quotedString;

/** Timing starts once the database is open: both sides are timed on the work alone. */
let t0 = 0;
let cpu0 = process.cpuUsage();
let wall = 0;
let cpu = { user: 0, system: 0 };
const start = () => {
  t0 = performance.now();
  cpu0 = process.cpuUsage();
};
const stop = () => {
  wall = performance.now() - t0;
  cpu = process.cpuUsage(cpu0);
};

async function plainDuckDb(sql: string): Promise<number> {
  const instance = await DuckDBInstance.create(dbPath);
  const conn = await instance.connect();
  try {
    start();
    await conn.run(sql);
    stop();
    const count = await conn.runAndReadAll('SELECT count(*)::INTEGER AS n FROM t');
    return Number(count.getRowObjects()[0].n);
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

const out: Partial<ChildResult> = { step };
// The same reading as the loader's: every field as text, short rows padded, no quoting.
const readCsv = `read_csv(${literal(file)}, delim = '|', header = false, all_varchar = true, null_padding = true, strict_mode = false)`;
if (step === 'read-csv') {
  out.rows = await plainDuckDb(`CREATE TABLE t AS SELECT * FROM ${readCsv}`);
} else if (step === 'append-read-csv') {
  out.rows = await plainDuckDb(`INSERT INTO t SELECT * FROM ${readCsv}`);
} else if (step === 'ingest') {
  const db = await openDatabase(dbPath);
  try {
    start();
    const s = await ingestFile(db, file, { timeZone: 'America/Chicago' });
    stop();
    if (s.error) throw new Error(s.error);
    out.calls_added = s.calls_added;
    out.rows_loaded = s.rows_loaded;
  } finally {
    db.close();
  }
} else {
  throw new Error(`unknown step ${step}`);
}
out.wall_s = wall / 1000;
out.cpu_s = (cpu.user + cpu.system) / 1e6;
out.max_rss_mb = Math.round(process.resourceUsage().maxRSS / 1024);
console.log(JSON.stringify(out));
