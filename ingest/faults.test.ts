// Faults the loader must survive. A load killed at random points, many times over (a real child
// process, SIGKILL), leaves a database that opens cleanly with exactly the rows from before the load or
// after it, whether the load was a whole file or the growth of one. Truncated exports, random bytes
// and property-based random lines (fast-check) never crash a reader: each load either refuses the
// file with one clear line (a CallboardError) or accounts for every line, loaded or quarantined.
import { spawn } from 'node:child_process';
import { appendFileSync, copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../sql/db.ts';
import { CallboardError } from '../sql/errors.ts';
import { PROJECT, golden, realdata } from '../fixtures/paths.ts';
import { writeScaleQueueLog } from '../fixtures/scale/generate-queue-log.ts';
import { ingestFile, ingestFiles, type FileSummary, type LoadOptions } from './load.ts';
import { catchUpCallFacts } from '../analytics/callers/call-facts.ts';
import { TZ, freshDb } from './test-db.ts';
import { mulberry32 } from '../app/server/demo/prng.ts';

const CLI = join(PROJECT, 'app', 'cli', 'callboard.js');
const dirs: string[] = [];
const tmp = () => {
  const dir = mkdtempSync(join(tmpdir(), 'callboard-faults-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));


/** Runs `callboard ingest` in a child process; with killAfterMs, SIGKILLs it then. */
function ingestChild(db: string, file: string, killAfterMs?: number): Promise<{ code: number | null; ms: number }> {
  return new Promise((done) => {
    const t0 = Date.now();
    const child = spawn(process.execPath, [CLI, 'ingest', '--db', db, '--timezone', TZ, '--json', file], { stdio: 'ignore' });
    const timer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      done({ code, ms: Date.now() - t0 });
    });
  });
}

/**
 * Everything a load writes, reduced to a comparable fingerprint (load history: its loaded runs). A
 * file is known by its path, not its number: a load killed after it took a file number from the
 * sequence can leave that number used (DuckDB's sequences, like PostgreSQL's, do not give a value
 * back), so the load that follows numbers the same file one higher, the same rows otherwise.
 */
const STATE = `SELECT
  (SELECT count(*) || ':' || COALESCE(sum(hash(source, f.path, line_no, callid, queue, enter_ts, outcome, agent, wait_s, talk_s, ring_no_answer)), 0) FROM calls LEFT JOIN source_files f USING (file_id)) AS calls,
  (SELECT count(*) || ':' || COALESCE(sum(hash(f.path, line_no, ts, callid, event, data1, data5)), 0) FROM queue_events LEFT JOIN source_files f USING (file_id)) AS events,
  (SELECT count(*) || ':' || COALESCE(sum(hash(f.path, line_no, call_line_no, agent)), 0) FROM ring_attempts LEFT JOIN source_files f USING (file_id)) AS rings,
  (SELECT count(*) || ':' || COALESCE(sum(hash(agent, queue, state, start_ts, end_ts)), 0) FROM rep_states) AS states,
  (SELECT count(*) FROM quarantine) AS quarantined,
  (SELECT string_agg(path || '@' || bytes_loaded || '/' || lines_loaded, ',' ORDER BY path) FROM source_files) AS sources,
  (SELECT count(*) FROM load_runs WHERE status = 'loaded') AS runs`;

async function stateOf(path: string): Promise<string> {
  const db = await openDatabase(path);
  try {
    return JSON.stringify(await db.one(STATE));
  } finally {
    db.close();
  }
}

/** Loads a file into a new database file as `callboard ingest` does (the facts caught up after), and closes it. */
async function loadInto(path: string, file: string): Promise<void> {
  const db = await openDatabase(path);
  try {
    const [s] = await ingestFiles(db, [file], { timeZone: TZ, origin: 'cli' });
    expect(s.error, file).toBeUndefined();
    await catchUpCallFacts(db);
  } finally {
    db.close();
  }
}

function copyDb(from: string, to: string): void {
  rmSync(to, { force: true });
  rmSync(`${to}.wal`, { force: true });
  copyFileSync(from, to);
}

describe('a load killed at random points', () => {
  it('leaves the database with exactly the rows from before or after, many times over, whole files and growth', async () => {
    const dir = tmp();
    const file = join(dir, 'queue_log');
    // Big enough that the load itself (parse, stage, publish, commit) is most of a run, so most kill times
    // fall inside it rather than in the process's start-up; small enough that the 20-odd child loads stay
    // seconds each on a loaded machine.
    await writeScaleQueueLog(file, { calls: 10_000 });
    const text = readFileSync(file, 'utf8');
    const half = text.lastIndexOf('\n', text.length / 2) + 1;

    // Two starting points: a database with another file in it (the whole file loads next), and one
    // holding the first half of the file (its growth loads next).
    // (Made in this process: only the loads killed below need a process of their own.)
    const baseWhole = join(dir, 'base-whole.duckdb');
    await loadInto(baseWhole, golden('basic.queue_log'));
    const grown = join(dir, 'growing_queue_log');
    writeFileSync(grown, text.slice(0, half));
    const baseGrowth = join(dir, 'base-growth.duckdb');
    await loadInto(baseGrowth, grown);
    appendFileSync(grown, text.slice(half));

    const cases = [
      { base: baseWhole, file, before: await stateOf(baseWhole), after: '', fullMs: 0 },
      { base: baseGrowth, file: grown, before: await stateOf(baseGrowth), after: '', fullMs: 0 }
    ];
    const work = join(dir, 'work.duckdb');
    for (const c of cases) {
      copyDb(c.base, work);
      const full = await ingestChild(work, c.file);
      expect(full.code).toBe(0);
      c.fullMs = full.ms;
      c.after = await stateOf(work);
      expect(c.after).not.toBe(c.before);
    }

    const random = mulberry32(20261127);
    const seen = { before: 0, after: 0 };
    for (let trial = 0; trial < 10; trial++) {
      const c = cases[trial % 2];
      copyDb(c.base, work);
      // Anywhere from process start-up to just past the end of a whole run.
      const at = Math.round(random() * c.fullMs * 1.05);
      await ingestChild(work, c.file, at);
      const state = await stateOf(work); // opens cleanly (replaying the WAL if the kill came after COMMIT)
      expect([c.before, c.after], `trial ${trial}, killed after ${at} ms of ${c.fullMs}`).toContain(state);
      seen[state === c.before ? 'before' : 'after']++;
      if (state === c.before) {
        // The next run completes the load.
        expect((await ingestChild(work, c.file)).code).toBe(0);
        expect(await stateOf(work)).toBe(c.after);
      }
    }
    expect(seen.before).toBeGreaterThan(0);
  }, 240_000);
});

/** A load that either refuses the file with a CallboardError or accounts for every line it read. */
async function survives(db: Database, path: string, opts: LoadOptions): Promise<FileSummary | null> {
  try {
    const s = await ingestFile(db, path, opts);
    expect(s.rows_loaded + s.rows_quarantined, `${path}: lines loaded + quarantined`).toBe(s.rows_read);
    return s;
  } catch (e) {
    if (e instanceof CallboardError) return null;
    throw e;
  }
}

describe('truncated exports', () => {
  const samples: Array<{ path: string; opts?: Partial<LoadOptions> }> = [
    { path: golden('basic.queue_log') },
    { path: golden('queue_log_table.csv') },
    { path: golden('Master.csv') },
    { path: golden('bank-sample.tsv'), opts: { mapping: 'fixtures/mappings/anonymous-bank-1999.json' } },
    { path: realdata('pbxware-queue-cdr-2018/queue_log.csv'), opts: { timeZone: 'America/New_York' } },
    { path: realdata('asterisk-cdr-ru-2024/Master.csv'), opts: { timeZone: 'Asia/Irkutsk' } }
  ];

  it('never crash a reader: cut at random bytes (mid-line, mid-character), each loads what is complete', async () => {
    const dir = tmp();
    const random = mulberry32(7);
    for (const sample of samples) {
      const bytes = readFileSync(sample.path);
      for (let k = 0; k < 8; k++) {
        const cut = Math.floor(random() * bytes.length);
        const path = join(dir, `cut-${k}-${sample.path.split('/').pop()}`);
        writeFileSync(path, bytes.subarray(0, cut));
        const db = await freshDb();
        const s = await survives(db, path, { timeZone: TZ, ...sample.opts });
        if (s && s.format === 'queue_log') {
          // A raw queue_log keeps its partial last line for the next run: nothing of it is quarantined.
          const complete = bytes.subarray(0, cut).lastIndexOf(0x0a) + 1;
          expect(s.partial_tail).toBe(complete < cut);
        }
        db.close();
      }
    }
  }, 240_000); // dozens of fresh databases: minutes on a loaded 2-core machine
});

describe('random bytes', () => {
  it('are refused with one clear line or quarantined line by line, never a crash', async () => {
    const dir = tmp();
    const random = mulberry32(99);
    const alphabet = [0x0a, 0x0a, 0x7c, 0x7c, 0x7c, 0x2c, 0x22, 0x0d, 0x00, 0x1e, 0x20, 0x09, 0xff, 0xc3, 0xa9, 0xe2, 0x80];
    for (let k = 0; k < 12; k++) {
      const n = 200 + Math.floor(random() * 4000);
      const buf = Buffer.alloc(n);
      for (let i = 0; i < n; i++) buf[i] = random() < 0.3 ? alphabet[Math.floor(random() * alphabet.length)] : Math.floor(random() * 256);
      const path = join(dir, `noise-${k}`);
      writeFileSync(path, buf);
      for (const format of ['auto', 'queue_log', 'cdr'] as const) {
        const db = await freshDb();
        const s = await survives(db, path, { timeZone: TZ, format });
        if (s && format === 'queue_log') {
          // Every line that is not blank is either in queue_events or in quarantine, once.
          const placed = await db.one<{ n: number; lines: number }>(
            `SELECT count(*) AS n, count(DISTINCT line_no) AS lines FROM (
               SELECT line_no FROM queue_events UNION ALL SELECT line_no FROM quarantine)`
          );
          expect(placed).toEqual({ n: s.rows_read, lines: s.rows_read });
        }
        db.close();
      }
    }
  }, 240_000);

  it('a line longer than any export has (3 MB) is quarantined, not a failed load', async () => {
    const dir = tmp();
    const path = join(dir, 'queue_log');
    const good = '1773151210|1773151210.1|billing|NONE|ENTERQUEUE||3125550111|1\n';
    writeFileSync(path, good + '1773151211|x|billing|NONE|INFO|' + 'y'.repeat(3_000_000) + '\n' + good.replace('.1|', '.2|'));
    const db = await freshDb();
    const s = await survives(db, path, { timeZone: TZ, format: 'queue_log' });
    expect(s).toMatchObject({ rows_read: 3, calls_added: 2 });
    db.close();
  });
});

// --- property-based lines (fast-check) -----------------------------------------------------------

const epoch = fc.oneof(
  fc.integer({ min: 600_000_000, max: 5_000_000_000 }).map(String),
  fc.tuple(fc.integer({ min: 631_152_000, max: 4_102_444_800 }), fc.integer({ min: 0, max: 999_999 })).map(([s, f]) => `${s}.${f}`),
  fc.constantFrom('2026-03-10 09:15:00', '2026-03-10 09:15:00.250', '1999-12-31 23:59:59', '2026/03/10 09:15', 'yesterday', '17731x', '', ' ', '-1773151200')
);
const word = fc.oneof(
  fc.constantFrom('NONE', '', ' ', 'billing', 'pickups', 'PJSIP/7001', 'Agent/1127', '1773151210.1', ' 1773151210.2 ', 'spécial', 'a b'),
  fc.string({ maxLength: 12 }).map((s) => s.replace(/[|\n\r]/g, ''))
);
const eventName = fc.oneof(
  fc.constantFrom('ENTERQUEUE', 'CONNECT', 'COMPLETECALLER', 'COMPLETEAGENT', 'ABANDON', 'EXITWITHTIMEOUT', 'RINGNOANSWER',
    'TRANSFER', 'ADDMEMBER', 'PAUSE', 'UNPAUSE', 'DID', 'QUEUESTART', 'enterqueue', ' abandon ', 'SOMETHINGNEW', 'X_1',
    '1BAD', 'bad event', '', 'ÉVÉNEMENT'),
  fc.string({ maxLength: 10 }).map((s) => s.replace(/[|\n\r]/g, ''))
);
const line = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(epoch, word, word, word, eventName, fc.array(word, { maxLength: 9 })).map(([t, c, q, a, e, d]) => [t, c, q, a, e, ...d].join('|')) },
  { weight: 1, arbitrary: fc.array(word, { maxLength: 6 }).map((f) => f.join('|')) },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }).map((s) => s.replace(/[\n\r]/g, '')) }
);

/** What the queue_log rules (docs/definitions.md, sql/stage-queue-events.sql) say about one ASCII line. */
function oracle(text: string) {
  const trim = (s: string) => s.replace(/^ +| +$/g, '');
  if (trim(text) === '') return { blank: true } as const;
  const f = text.split('|');
  const time = trim(f[0]);
  let ok = f.length >= 5;
  if (ok && /^\d{9,11}(\.\d+)?$/.test(time)) {
    const s = Number(time);
    ok = s >= 631_152_000 && s <= 4_102_444_800;
  } else if (ok) {
    const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(\.\d+)?$/.exec(time);
    ok = m !== null && Number(m[1]) >= 1991 && Number(m[1]) <= 2099;
  }
  const event = f.length >= 5 ? trim(f[4]).toUpperCase() : '';
  ok = ok && /^[A-Z][A-Z0-9_]*$/.test(event);
  const field = (i: number) => (i < f.length ? f[i] : null);
  const orNull = (s: string | null) => (s === null || trim(s) === '' ? null : trim(s));
  return {
    blank: false,
    ok,
    row: ok
      ? {
          callid: orNull(field(1)), queue: orNull(field(2)), agent: orNull(field(3)), event,
          data1: field(5), data2: field(6), data3: field(7), data4: field(8),
          data5: f.length > 10 ? f.slice(9).join('|') : field(9)
        }
      : null
  };
}

// Ten ordinary lines first, so the file reads as a queue_log (format recognition samples the first ten).
const OPENING = Array.from({ length: 10 }, (_, i) => `${1773151200 + i}|NONE|billing|PJSIP/70${10 + i}|ADDMEMBER|`);

describe('property: random queue_log lines', () => {
  it('each line is loaded as the rules read it, or quarantined, or (blank) skipped; never a crash', async () => {
    const dir = tmp();
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 160 }), async (random) => {
        const path = join(dir, `lines-${n++}`);
        const lines = [...OPENING, ...random];
        writeFileSync(path, lines.join('\n') + '\n');
        const db = await freshDb();
        try {
          const s = await survives(db, path, { timeZone: TZ, format: 'queue_log' });
          expect(s).not.toBeNull();
          const loaded = new Map(
            (await db.all<Record<string, unknown>>(
              'SELECT line_no, callid, queue, agent, event, data1, data2, data3, data4, data5 FROM queue_events'
            )).map(({ line_no, ...r }) => [line_no as number, r])
          );
          const quarantined = new Set((await db.all<{ line_no: number }>('SELECT line_no FROM quarantine')).map((r) => r.line_no));
          lines.forEach((text, i) => {
            const no = i + 1;
            const ascii = /^[\x20-\x7e]*$/.test(text);
            const o = oracle(text);
            if (!ascii) {
              // Beyond ASCII the rules still place every line once; the oracle does not model Unicode case.
              expect(Number(loaded.has(no)) + Number(quarantined.has(no)), `line ${no}: ${JSON.stringify(text)}`).toBeLessThanOrEqual(1);
              return;
            }
            if (o.blank) {
              expect(loaded.has(no) || quarantined.has(no), `blank line ${no}`).toBe(false);
            } else if (o.ok) {
              expect(loaded.get(no), `line ${no}: ${JSON.stringify(text)}`).toEqual(o.row);
            } else {
              expect(quarantined.has(no), `line ${no} quarantined: ${JSON.stringify(text)}`).toBe(true);
            }
          });
        } finally {
          db.close();
        }
      }),
      // 15 files of up to 160 random lines: as many random lines as 60 files of up to 40 (about 1,200),
      // each judged on its own, for a quarter of the loads (a load costs a fixed 0.2-0.3 s of CPU).
      { numRuns: 15, seed: 42 }
    );
  }, 300_000);
});
