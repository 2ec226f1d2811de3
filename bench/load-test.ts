/**
 * `npx tsx bench/load-test.ts [--calls N] [--users U] [--connections C] [--duration S] [--no-ingest] [--no-cache]`:
 * 50 signed-in people reading the day view (GET /api/day, each with a session of their own), on
 * loopback only and bounded in time (autocannon, in a child process: bench/load-readers.mjs). Two
 * runs of `--duration` seconds each, one after the other on the same server and database:
 * - readers alone: the issue's goal as written;
 * - readers while exports load (our stricter case): the loader works as the inbox job does, a large
 *   export (a further N/2 calls) then the queue_log growing every second for `--duration` seconds,
 *   and the readers read from its start to its end (--no-ingest skips this run).
 * --no-cache turns off the answers readers share (sql/answer-cache.ts), to measure what each reader
 * would cost on its own.
 *
 * The server is the real API (the Hono `api`, sessions, access rules) on 127.0.0.1 with one database
 * (a center of N calls, loaded first). Reported for each run: errors (socket errors, time-outs,
 * non-2xx answers), requests/s, latency percentiles; and what the loads did.
 * Goal (issue 16): no errors, p99 <= 1 s at >= 50 requests/s. Writes bench-results/load-test.json.
 */
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { fork } from 'node:child_process';
import { serve } from '@hono/node-server';
import { openDatabase, setDatabase } from '../sql/db.ts';
import { ingestFile, type FileSummary } from '../ingest/load.ts';
import { writeScaleQueueLog } from '../fixtures/scale/generate-queue-log.ts';
import { createUser, signIn } from '../app/server/accounts.ts';
import { api } from '../app/api/index.ts';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const calls = option('--calls', 200_000);
const users = option('--users', 50);
const connections = option('--connections', 50);
const duration = option('--duration', 20);
const withIngest = !args.includes('--no-ingest');
const shared = !args.includes('--no-cache');
const P99_BOUND_MS = 1000;
const RPS_AT_LEAST = 50;
const TZ = 'America/Chicago';
const START = Date.UTC(2025, 0, 1, 13) / 1000;
const log = (s: string) => console.error(`[load-test ${new Date().toISOString().slice(11, 19)}] ${s}`);

const dir = mkdtempSync(join(tmpdir(), 'callboard-load-'));
process.env.CALLBOARD_TZ = TZ;
if (!shared) process.env.CALLBOARD_ANSWER_CACHE = '0';
try {
  const file = join(dir, 'queue_log');
  await writeScaleQueueLog(file, { calls });
  const db = await openDatabase(join(dir, 'callboard.duckdb'));
  setDatabase(db);
  const base = await ingestFile(db, file, { timeZone: TZ });
  log(`loaded ${base.calls_added.toLocaleString()} calls`);
  // The last whole day of calls (or the only day, for a small center).
  const day = (await db.one<{ d: string }>(
    `SELECT strftime(greatest(min(timezone($tz, enter_ts))::DATE, max(timezone($tz, enter_ts))::DATE - 1), '%Y-%m-%d') AS d FROM calls`,
    { tz: TZ }
  ))!.d;

  // Signed-in readers: leads, managers and schedulers, each with a session of their own.
  const roles = ['lead', 'manager', 'scheduler'] as const;
  const cookies: string[] = [];
  for (let i = 0; i < users; i++) {
    const username = `reader${i}`;
    const password = `load-test-${i}-password`;
    await createUser(db, { id: null, username: 'load-test' }, { username, password, role: roles[i % 3], repInterface: null });
    cookies.push(`callboard_session=${(await signIn(db, { username, password, ip: `10.0.${i >> 8}.${i & 255}` })).token}`);
  }

  const server = serve({ fetch: api.fetch, hostname: '127.0.0.1', port: 0 });
  await new Promise<void>((ok) => server.once('listening', () => ok()));
  const { port } = server.address() as AddressInfo;
  log(`API on http://127.0.0.1:${port}, ${users} readers, ${connections} connections, ${duration} s, day ${day}`);

  // The readers, as autocannon in a child process; what it measured.
  type Readers = { requests: { total: number; average: number }; latency: Record<'p50' | 'p90' | 'p97_5' | 'p99' | 'max', number>; errors: number; timeouts: number; non2xx: number };
  /** Readers for `seconds`, or until `until` settles (then they stop). */
  const read = (seconds: number, until?: Promise<unknown>): Promise<Readers> =>
    new Promise((done, fail) => {
      const child = fork(fileURLToPath(new URL('./load-readers.mjs', import.meta.url)), [], { stdio: 'inherit' });
      child.once('message', (m) => done(m as Readers));
      child.once('error', fail);
      child.once('exit', (code) => fail(new Error(`the readers' process ended (${code}) without figures`)));
      child.send({ url: `http://127.0.0.1:${port}`, path: `/api/day?date=${day}`, cookies, connections, duration: seconds });
      void until?.finally(() => child.connected && child.send('stop'));
    });

  // One reader opened the day before the others came: the test measures readers in a steady state,
  // not the first computation of the day (which every reader arriving at once would wait for).
  await fetch(`http://127.0.0.1:${port}/api/day?date=${day}`, { headers: { cookie: cookies[0] } }).then((r) => r.arrayBuffer());
  log(`readers alone, ${duration} s`);
  const alone = await read(duration);

  // The exports that arrive meanwhile: a large one, then the queue_log growing every second.
  const big = join(dir, 'queue_log_big');
  await writeScaleQueueLog(big, { calls: Math.round(calls / 2), startEpoch: START + calls * 3 + 3600, seed: 5 });
  const growth = join(dir, 'growth');
  await writeScaleQueueLog(growth, { calls: duration * 200, startEpoch: START + calls * 4.6 + 7200, seed: 9 });
  const growthLines = readFileSync(growth, 'utf8').split('\n').filter(Boolean);
  const loads: Array<FileSummary & { seconds: number }> = [];
  // The large export, then the queue_log growing every second for `duration` seconds more: readers
  // meet the large load's commit and a commit every second or two after it.
  const loader = async () => {
    const timed = async (path: string) => {
      const t0 = performance.now();
      const s = await ingestFile(db, path, { timeZone: TZ, origin: 'inbox' });
      loads.push({ ...s, seconds: Number(((performance.now() - t0) / 1000).toFixed(2)) });
    };
    await timed(big);
    const growing = join(dir, 'queue_log_growing');
    writeFileSync(growing, '');
    const growUntil = performance.now() + duration * 1000;
    for (let at = 0; performance.now() < growUntil; at += 600) {
      const chunk = growthLines.slice(at, at + 600);
      if (chunk.length) appendFileSync(growing, chunk.join('\n') + '\n');
      await timed(growing);
      await new Promise((r) => setTimeout(r, 1000));
    }
  };
  let loading: Readers | null = null;
  if (withIngest) {
    log(`readers while exports load: a ${Math.round(calls / 2).toLocaleString('en')}-call export, then ${duration} s of the log growing`);
    const loaded = loader();
    loading = await read(3600, loaded);
    await loaded;
  }
  // Let answers still being written finish before the database closes.
  await new Promise<void>((done) => server.close(() => done()));

  const figures = (r: Readers) => {
    const errors = r.errors + r.timeouts + r.non2xx;
    return {
      requests: r.requests.total, requests_per_s: r.requests.average,
      errors: r.errors, timeouts: r.timeouts, non2xx: r.non2xx,
      latency_ms: r.latency,
      met: errors === 0 && r.latency.p99 <= P99_BOUND_MS && r.requests.average >= RPS_AT_LEAST
    };
  };
  const out = {
    machine: { cpu: cpus()[0]?.model, cores: cpus().length, node: process.version },
    load_average_end: loadavg().map((x) => Number(x.toFixed(1))),
    calls, users, connections, duration_s: duration, day, path: `/api/day?date=${day}`, shared_answers: shared,
    goal: { errors: 0, p99_ms_at_most: P99_BOUND_MS, requests_per_s_at_least: RPS_AT_LEAST },
    alone: figures(alone),
    while_loading: loading ? figures(loading) : null,
    loads: loads.map((l) => ({ path: l.path.split('/').pop(), rows_loaded: l.rows_loaded, calls_added: l.calls_added, seconds: l.seconds, error: l.error }))
  };
  const row = (name: string, f: ReturnType<typeof figures> | null) =>
    f && { readers: name, requests: f.requests, 'req/s': Math.round(f.requests_per_s), errors: f.errors + f.timeouts + f.non2xx, p50: f.latency_ms.p50, p99: f.latency_ms.p99, max: f.latency_ms.max, goal: f.met ? 'met' : 'NOT met' };
  console.table([
    row('alone', out.alone),
    row(`while ${loads.length} loads ran`, out.while_loading),
    { readers: 'goal', requests: '', 'req/s': `>= ${RPS_AT_LEAST}`, errors: 0, p50: '', p99: `<= ${P99_BOUND_MS}`, max: '', goal: '' }
  ].filter(Boolean));
  if (loads.length) log(`loads while reading: ${loads.map((l) => `${l.rows_loaded} lines in ${l.seconds} s`).join(', ')}`);
  mkdirSync('bench-results', { recursive: true });
  writeFileSync('bench-results/load-test.json', JSON.stringify(out, null, 2) + '\n');
  db.close();
  process.exitCode = out.alone.met && (out.while_loading?.met ?? true) ? 0 : 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
