/**
 * `npx tsx bench/live-burst.ts [--clients 50] [--rate 200] [--seconds 60] [--soak 60] [--json]`: the live
 * floor under a burst. The real built server (`callboard serve`, app/test/app-server.ts, on a copy of the
 * demo center) follows a queue_log that this script writes as a busy PBX would: `--rate` lines a second
 * for `--seconds` (each call three lines: ENTERQUEUE, CONNECT a second later, COMPLETECALLER two seconds
 * after that), while `--clients` wallboards hold /api/live/stream open, each signed in with a session
 * of its own.
 *
 * Measured:
 * - latency: for each call, from its last line being appended to the first snapshot that counts it in
 *   today's offered calls, as received by every client (p50 and p95 over calls x clients); goal p95 <= 2 s;
 * - what following costs: the server's loads (CALLBOARD_FOLLOW_TRACE: lines and milliseconds per load);
 * - the server's CPU and resident memory, sampled every 5 s through the burst and a `--soak` period
 *   after it with the clients still connected (growth: the soak's last minute against its first,
 *   given when the soak lasts two minutes or more; `npm run bench -- --full` soaks 300 s, the default 60 s).
 * Writes bench-results/live-burst.json.
 */
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoLogin } from '../app/test/browser.ts';
import { startApp } from '../app/test/app-server.ts';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const clients = option('--clients', 50);
const rate = option('--rate', 200);
const seconds = option('--seconds', 60);
const soak = option('--soak', 60);
const GOAL_P95_MS = 2000;
const QUEUE = 'billing';
const log = (s: string) => console.error(`[live-burst ${new Date().toISOString().slice(11, 19)}] ${s}`);
const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));
const pct = (xs: number[], p: number) => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

interface Snapshot {
  queues: Array<{ queue: string; offered_today: number }>;
}

/** One wallboard: a session of its own and the stream, noting when each offered count was first seen. */
async function wallboard(url: string, seen: Map<number, number>[], index: number, stop: AbortSignal): Promise<void> {
  const { username, password } = demoLogin('wallboard');
  const signIn = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { origin: url, 'content-type': 'application/json' },
    body: JSON.stringify({ username, password })
  });
  if (!signIn.ok) throw new Error(`wallboard ${index}: sign-in answered ${signIn.status}`);
  const cookie = signIn.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const res = await fetch(`${url}/api/live/stream`, { headers: { cookie, accept: 'text/event-stream' }, signal: stop });
  if (!res.ok || !res.body) throw new Error(`wallboard ${index}: stream answered ${res.status}`);
  const mine = (seen[index] = new Map());
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for await (const chunk of res.body) {
      buffer += decoder.decode(chunk as Uint8Array, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const event = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = event.split('\n').find((l) => l.startsWith('data: '));
        if (!data) continue;
        const snap = JSON.parse(data.slice(6)) as Snapshot;
        const offered = snap.queues.find((q) => q.queue === QUEUE)?.offered_today ?? 0;
        if (!mine.has(offered)) mine.set(offered, performance.now());
      }
    }
  } catch (e) {
    if (!stop.aborted) throw e;
  }
}

/** The server process's CPU seconds so far and resident memory (Linux /proc). */
function usage(pid: number): { cpu_s: number; rss_mb: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime + stime, in clock ticks (100 a second on Linux)
  const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return { cpu_s: ticks / 100, rss_mb: rss ? Number(rss[1]) / 1024 : NaN };
}

const dir = mkdtempSync(join(tmpdir(), 'callboard-live-burst-'));
const file = join(dir, 'queue_log');
const now = () => Math.floor(Date.now() / 1000);
writeFileSync(file, `${now()}|NONE|${QUEUE}|PJSIP/7801|ADDMEMBER|\n`);
const load0 = loadavg();
const app = await startApp({ env: { CALLBOARD_FOLLOW: file, CALLBOARD_FOLLOW_TRACE: '1' } });
try {
  log(`server ${app.url} (pid ${app.pid}) following ${file}; ${clients} wallboards connecting`);
  const stop = new AbortController();
  const seen: Map<number, number>[] = [];
  const boards = Array.from({ length: clients }, (_, i) => wallboard(app.url, seen, i, stop.signal));
  const connected = async () => {
    while (seen.filter(Boolean).length < clients) await sleep(100);
  };
  await Promise.race([connected(), Promise.all(boards)]);
  await sleep(2000);
  const base = Math.max(...seen.map((m) => Math.max(...m.keys())));
  log(`all ${clients} connected; today's offered so far ${base}; burst of ${rate} lines/s for ${seconds} s`);

  // The burst: lines written every 50 ms, each call's three lines a second and then two apart.
  const samples: Array<{ t_s: number; cpu_s: number; rss_mb: number }> = [];
  const t0 = performance.now();
  const sample = setInterval(() => samples.push({ t_s: Math.round((performance.now() - t0) / 1000), ...usage(app.pid) }), 5000);
  samples.push({ t_s: 0, ...usage(app.pid) });
  const callsPerTick = rate / 3 / 20;
  const pending: Array<{ due: number; line: string; last?: number }> = [];
  const completedAt: number[] = []; // when the k-th call's last line was appended (k = index)
  let started = 0;
  let lines = 0;
  while (performance.now() - t0 < seconds * 1000 || pending.length) {
    const tick = performance.now();
    if (tick - t0 < seconds * 1000) {
      const due = Math.floor(((tick - t0) / 50 + 1) * callsPerTick) - started;
      for (let i = 0; i < due; i++, started++) {
        const id = `burst-${started}`;
        pending.push({ due: tick, line: `${id}|${QUEUE}|NONE|ENTERQUEUE||31255${String(started).padStart(5, '0')}|1` });
        pending.push({ due: tick + 1000, line: `${id}|${QUEUE}|PJSIP/7801|CONNECT|1|${id}.1|1` });
        pending.push({ due: tick + 3000, line: `${id}|${QUEUE}|PJSIP/7801|COMPLETECALLER|1|2|1`, last: 1 });
      }
    }
    const ready = pending.filter((p) => p.due <= tick);
    if (ready.length) {
      const stamp = now();
      appendFileSync(file, ready.map((p) => `${stamp}|${p.line}\n`).join(''));
      const at = performance.now();
      for (const p of ready) if (p.last) completedAt.push(at);
      lines += ready.length;
      pending.splice(0, pending.length, ...pending.filter((p) => p.due > tick));
    }
    await sleep(Math.max(0, 50 - (performance.now() - tick)));
  }
  const burstS = (performance.now() - t0) / 1000;
  log(`wrote ${lines} lines (${started} calls) in ${burstS.toFixed(1)} s; waiting for the boards to catch up`);
  const want = base + completedAt.length;
  const deadline = performance.now() + 60_000;
  while (performance.now() < deadline && seen.some((m) => ![...m.keys()].some((k) => k >= want))) await sleep(200);
  const soakStart = performance.now();
  if (soak > 0) log(`soak: ${soak} s more with ${clients} wallboards connected`);
  while (performance.now() - soakStart < soak * 1000) await sleep(1000);
  clearInterval(sample);
  samples.push({ t_s: Math.round((performance.now() - t0) / 1000), ...usage(app.pid) });
  stop.abort();
  await Promise.allSettled(boards);

  // Latency of call k (1-based) on a board: the first time it saw an offered count >= base + k.
  const latencies: number[] = [];
  let missed = 0;
  for (const board of seen) {
    const counts = [...board].sort((a, b) => a[0] - b[0]);
    completedAt.forEach((appended, i) => {
      const hit = counts.find(([offered, at]) => offered >= base + i + 1 && at >= appended) ?? counts.find(([offered]) => offered >= base + i + 1);
      if (hit) latencies.push(Math.max(0, hit[1] - appended));
      else missed++;
    });
  }
  const loads = [...app.output().matchAll(/follow: .* \+(\d+) lines in (\d+) ms/g)].map((m) => ({ lines: Number(m[1]), ms: Number(m[2]) }));
  const cpuDuring = (a: number, b: number) => {
    const s = samples.filter((x) => x.t_s >= a && x.t_s <= b);
    return s.length < 2 ? null : (s[s.length - 1].cpu_s - s[0].cpu_s) / (s[s.length - 1].t_s - s[0].t_s);
  };
  const end = samples[samples.length - 1].t_s;
  const firstMinute = samples.filter((s) => s.t_s <= 60).map((s) => s.rss_mb);
  const lastMinute = samples.filter((s) => s.t_s >= end - 60).map((s) => s.rss_mb);
  // The soak alone (the clients connected, no new lines): its first minute against its last, so the
  // burst's own memory is not read as growth or as a fall.
  const soakFrom = Math.round((soakStart - t0) / 1000);
  const minuteOf = (from: number, to: number) => {
    const s = samples.filter((x) => x.t_s >= from && x.t_s <= to);
    return { cpu_cores: round(cpuDuring(from, to) ?? NaN), rss_mb_min: round(Math.min(...s.map((x) => x.rss_mb))), rss_mb_max: round(Math.max(...s.map((x) => x.rss_mb))) };
  };
  const soakMinutes = soak >= 120 ? { first: minuteOf(soakFrom, soakFrom + 60), last: minuteOf(end - 60, end) } : null;
  const result = {
    clients, rate_lines_per_s: rate, burst_s: seconds, soak_s: soak, lines_written: lines, calls: completedAt.length,
    latency_ms: { p50: pct(latencies, 50), p95: pct(latencies, 95), max: pct(latencies, 100), observations: latencies.length, missed },
    goal_p95_ms: GOAL_P95_MS,
    met: (pct(latencies, 95) ?? Infinity) <= GOAL_P95_MS && missed === 0,
    loads: { count: loads.length, lines_per_load_p50: pct(loads.map((l) => l.lines), 50), ms_p50: pct(loads.map((l) => l.ms), 50), ms_p95: pct(loads.map((l) => l.ms), 95), busy_share: round(loads.reduce((a, l) => a + l.ms, 0) / 1000 / burstS) },
    server: {
      cpu_cores_burst: round(cpuDuring(0, Math.ceil(burstS)) ?? NaN),
      cpu_cores_soak: round(cpuDuring(Math.ceil(burstS) + 5, end) ?? NaN),
      rss_mb_first_minute_max: round(Math.max(...firstMinute)),
      rss_mb_last_minute_max: round(Math.max(...lastMinute)),
      soak_first_minute: soakMinutes?.first ?? null,
      soak_last_minute: soakMinutes?.last ?? null,
      rss_mb_samples: samples.map((s) => round(s.rss_mb, 0))
    },
    load_average: { start: load0.map((x) => round(x, 1)), end: loadavg().map((x) => round(x, 1)) }
  };
  mkdirSync('bench-results', { recursive: true });
  writeFileSync('bench-results/live-burst.json', JSON.stringify(result, null, 2));
  if (args.includes('--json')) console.log(JSON.stringify(result));
  else {
    const l = result.latency_ms;
    console.log(`live floor, ${clients} wallboards, ${rate} lines/s for ${seconds} s (${result.calls} calls): line → SSE p50 ${l.p50?.toFixed(0)} ms, p95 ${l.p95?.toFixed(0)} ms, max ${l.max?.toFixed(0)} ms over ${l.observations} observations, ${missed} missed (goal p95 ≤ ${GOAL_P95_MS} ms: ${result.met ? 'met' : 'not met'})`);
    console.log(`following: ${result.loads.count} loads, ${result.loads.lines_per_load_p50} lines and ${result.loads.ms_p50} ms each (p50; p95 ${result.loads.ms_p95} ms), busy ${Math.round(result.loads.busy_share * 100)}% of the burst`);
    console.log(`server: ${result.server.cpu_cores_burst} cores in the burst, ${result.server.cpu_cores_soak} while idle with ${clients} clients; resident ${result.server.rss_mb_first_minute_max} MB in the first minute, ${result.server.rss_mb_last_minute_max} MB in the last`);
    if (soakMinutes) {
      const m = (x: typeof soakMinutes.first) => `${x.cpu_cores} cores, ${x.rss_mb_min}-${x.rss_mb_max} MB`;
      console.log(`soak of ${soak} s with ${clients} clients: first minute ${m(soakMinutes.first)}; last minute ${m(soakMinutes.last)}`);
    }
  }
} finally {
  await app.stop();
  rmSync(dir, { recursive: true, force: true });
}

function round(x: number, d = 2): number {
  return Number(x.toFixed(d));
}
