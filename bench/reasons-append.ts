/**
 * `npx tsx bench/reasons-append.ts [--calls N] [--keep]`: what call reasons cost a load (issue 15), on a
 * large center whose queue_log carries wrap-up codes (WRAPUPCODE after 60% of answered calls,
 * CALLSTATUS after 30% of abandoned ones) and a service-request export. Reasons are worked out load
 * by load (sql/upkeep/call-reasons.ts): this prints, for the first load, the requests, an append of
 * 10,000 lines and a followed file's append of 50, the load's time and the part of it spent on
 * reasons (CALLBOARD_PROFILE's statement times), and what rebuilding every call's reason (what each
 * load used to do) takes on the same database.
 */
import { appendFileSync, createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeScaleQueueLog } from '../fixtures/scale/generate-queue-log.ts';

process.env.CALLBOARD_PROFILE = '1';
const { openDatabase } = await import('../sql/db.ts');
const { ingestFile } = await import('../ingest/load.ts');
const { rebuildCallReasons } = await import('../sql/upkeep/call-reasons.ts');
const { mappingSchema } = await import('../ingest/csv-mapping.ts');

const args = process.argv.slice(2);
const calls = args.includes('--calls') ? Number(args[args.indexOf('--calls') + 1]) : 1_000_000;
const keep = args.includes('--keep'); // leave the database and files for a closer look
const dir = mkdtempSync(join(tmpdir(), 'callboard-reasons-bench-'));
const TZ = 'America/Chicago';
const CODES = ['billing-dispute', 'payment-plan', 'missed-pickup', 'bulky-item', 'special-needs', 'cart-repair'];
const log = (s: string) => console.log(`[reasons bench ${new Date().toISOString().slice(11, 19)}] ${s}`);

/** Statement times the profile prints, summed for the reasons' scripts. */
let reasonsMs = 0;
let statements: Record<string, number> = {};
const print = console.error;
console.error = (...a: unknown[]) => {
  const m = /^\[sql (\d+) ms\] (reasons-scope-load|refresh-call-reasons|reasons-scope-all)\.sql statement (\d+)/.exec(String(a[0]));
  if (!m) return;
  reasonsMs += Number(m[1]);
  const key = `${m[2]} #${m[3]}`;
  statements[key] = (statements[key] ?? 0) + Number(m[1]);
};

/** The generated queue_log with reason lines after calls, and every 50th caller's service request. */
async function withReasons(from: string, to: string, requests?: string): Promise<void> {
  const out = createWriteStream(to);
  const req = requests ? createWriteStream(requests) : null;
  req?.write('id,opened_epoch,phone,type\n');
  let n = 0;
  for await (const line of createInterface({ input: createReadStream(from) })) {
    if (!out.write(line + '\n')) await once(out, 'drain');
    const f = line.split('|');
    const code = CODES[(n++ * 7919) % CODES.length];
    if (/^COMPLETE/.test(f[4] ?? '') && n % 10 < 6) out.write(`${Number(f[0]) + 30}|${f[1]}|${f[2]}|${f[3]}|WRAPUPCODE|${code}\n`);
    if (f[4] === 'ABANDON' && n % 10 < 3) out.write(`${Number(f[0]) + 10}|${f[1]}|${f[2]}|NONE|CALLSTATUS|${code}\n`);
    if (req && f[4] === 'ENTERQUEUE' && n % 50 === 0) req.write(`SR-${n},${Number(f[0]) + 900},${f[6]},${code}-request\n`);
  }
  out.end();
  req?.end();
  await once(out, 'finish');
}

async function timed(label: string, fn: () => Promise<unknown>) {
  reasonsMs = 0;
  statements = {};
  const t0 = performance.now();
  await fn();
  const total = performance.now() - t0;
  const r = { step: label, total_s: Number((total / 1000).toFixed(3)), reasons_s: Number((reasonsMs / 1000).toFixed(3)), reasons_share: Number((reasonsMs / total).toFixed(3)) };
  const slowest = Object.entries(statements).sort((a, b) => b[1] - a[1]).slice(0, 4).map(([k, ms]) => `${k}: ${ms} ms`);
  log(`${JSON.stringify(r)} slowest reason statements: ${slowest.join(', ')}`);
  return r;
}

try {
  const load0 = loadavg();
  log(`generating ${calls.toLocaleString()} calls`);
  await writeScaleQueueLog(join(dir, 'raw'), { calls });
  await withReasons(join(dir, 'raw'), join(dir, 'queue_log'), join(dir, 'requests.csv'));
  await writeScaleQueueLog(join(dir, 'raw-more'), { calls: 4_000, startEpoch: Date.UTC(2025, 0, 1, 13) / 1000 + calls * 3 + 60, seed: 11 });
  await withReasons(join(dir, 'raw-more'), join(dir, 'more'));
  const more = readFileSync(join(dir, 'more'), 'utf8').split('\n');
  const file = join(dir, 'queue_log');
  const mapping = mappingSchema.parse({
    kind: 'service_requests', timezone: 'UTC',
    fields: {
      request_id: { column: 'id' }, created_ts: { sql: 'to_timestamp(CAST(opened_epoch AS BIGINT))' },
      caller: { column: 'phone' }, request_type: { column: 'type' }
    }
  });

  const db = await openDatabase(join(dir, 'callboard.duckdb'));
  const results = [];
  results.push(await timed(`first load, ${calls.toLocaleString()} calls`, () => ingestFile(db, file, { timeZone: TZ })));
  results.push(await timed('service requests (every 50th caller)', () => ingestFile(db, join(dir, 'requests.csv'), { timeZone: TZ, format: 'csv', mapping })));
  appendFileSync(file, more.slice(0, 10_000).join('\n') + '\n');
  results.push(await timed('append 10,000 lines', () => ingestFile(db, file, { timeZone: TZ })));
  for (let i = 0; i < 3; i++) {
    appendFileSync(file, more.slice(10_000 + i * 50, 10_000 + (i + 1) * 50).join('\n') + '\n');
    results.push(await timed(`followed append of 50 lines (#${i + 1})`, () => ingestFile(db, file, { timeZone: TZ })));
  }
  results.push(await timed('every call\'s reason rebuilt (what each load did before)', () => db.transaction((conn) => rebuildCallReasons(db, conn))));
  const counts = await db.one('SELECT (SELECT count(*) FROM calls) AS calls, (SELECT count(*) FROM call_reasons) AS with_reason, (SELECT count(*) FROM reason_lines) AS reason_lines, (SELECT count(*) FROM service_requests) AS requests, (SELECT count(call_file_id) FROM service_requests) AS matched');
  db.close();
  console.error = print;
  console.log(JSON.stringify({ calls, load_average: [load0, loadavg()].map((l) => l.map((x) => Number(x.toFixed(1)))), counts, results }, (_k, v) => (typeof v === 'bigint' ? Number(v) : v), 1));
} finally {
  if (keep) log(`kept ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}
