// Call reasons are worked out load by load (sql/upkeep/call-reasons.ts): only what a load may have
// changed. This holds that to the same answer as working out every call at once, through the real
// loader and a real DuckDB: the reasons fixture (fixtures/queue-logs/README.md) loaded in one go and
// in pieces (a followed queue_log growing line by line groups), with the CDR, a mapped CSV and
// service requests before, between and after, in every order of the four sources.
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../sql/db.ts';
import { mappingSchema, type Mapping } from '../../ingest/csv-mapping.ts';
import { ingestFile, type LoadOptions } from '../../ingest/load.ts';
import { rebuildCallReasons } from '../../sql/upkeep/call-reasons.ts';
import { queueLog, TZ } from '../test-support/fixture-db.ts';
import { purgeRecords, saveRetention } from '../../app/server/retention.ts';
import { eraseNumber } from '../../app/server/privacy/erase-number.ts';
import { markBuilt } from '../test-support/retention-fixture.ts';
import { forkDatabase } from '../test-support/fork-database.ts';

const dir = mkdtempSync(join(tmpdir(), 'reasons-incremental-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const QUEUE_LOG = readFileSync(queueLog('reasons.queue_log'), 'utf8').trimEnd().split('\n');
/**
 * Where the followed queue_log is cut: after r4's end (its reason lines come next), inside r5's
 * call (open until the next piece), after r6's first visit (its WRAPUPCODE next), after r8 entered.
 */
const CUTS = [13, 17, 22, 33];
const PIECES = [0, ...CUTS].map((from, i) => QUEUE_LOG.slice(from, [...CUTS, QUEUE_LOG.length][i]));

// The fixture's service requests, and three whose best call changes as the queue_log grows: r6's
// number after its second visit, r8's after it timed out (its only reason), r5's during its call.
const REQUESTS = readFileSync(queueLog('service-requests.csv'), 'utf8').trimEnd() + '\n'
  + 'SR-7,2026-03-10 10:30:00,3125550306,special-pickup\n'
  + 'SR-8,2026-03-10 10:25:00,3125550308,cart-repair\n'
  + 'SR-9,2026-03-10 09:41:00,3125550305,bulky-item-request\n';
const requestsPath = join(dir, 'requests.csv');
writeFileSync(requestsPath, REQUESTS);

const requestMapping = mappingSchema.parse({
  kind: 'service_requests', timezone: TZ,
  fields: { request_id: { column: 'request_no' }, created_ts: { column: 'opened' }, caller: { column: 'phone' }, request_type: { column: 'type' } }
});
const callMapping: Mapping = mappingSchema.parse({
  name: 'reasons test export', timezone: TZ,
  fields: {
    callid: { column: 'id' }, queue: { column: 'queue' }, enter_ts: { column: 'started' }, wait_s: { column: 'waited' },
    talk_s: { column: 'talked' }, outcome: { column: 'result' }, reason: { column: 'why' }
  }
});

type Step = 'Q' | 'Q1' | 'Q2' | 'Q3' | 'Q4' | 'Q5' | 'C' | 'M' | 'S';

/** Every reason fact, told by callids and times (file ids differ with the order of loading). */
async function snapshot(db: Database): Promise<string[]> {
  const visit = (f: string, l: string) =>
    `(SELECT callid || ' ' || queue || ' ' || strftime(enter_ts, '%H:%M:%S') FROM (SELECT * FROM calls UNION ALL BY NAME SELECT * FROM excluded_calls) v
      WHERE v.file_id = ${f} AND v.line_no = ${l})`;
  const rows = await db.all<{ fact: string }>(
    `SELECT 'reason ' || ${visit('r.file_id', 'r.line_no')} || ' = ' || r.code || ' (' || r.source || ')' || ' callid ' || r.callid AS fact
     FROM call_reasons r
     UNION ALL
     SELECT 'line ' || l.callid || ' ' || l.queue || ' ' || strftime(l.ts, '%H:%M:%S') || ' ' || l.code || ' -> '
            || COALESCE(${visit('l.call_file_id', 'l.call_line_no')}, 'nothing') FROM reason_lines l
     UNION ALL
     SELECT 'request ' || s.request_id || ' -> ' || COALESCE(${visit('s.call_file_id', 's.call_line_no')}, 'nothing')
            || ' callid ' || COALESCE(s.call_callid, '-') FROM service_requests s`
  );
  return rows.map((r) => r.fact).sort();
}

async function load(db: Database, step: Step, followed: string): Promise<void> {
  const opts: LoadOptions = { timeZone: TZ };
  if (step === 'C') await ingestFile(db, queueLog('reasons-userfield.cdr.csv'), opts);
  else if (step === 'M') await ingestFile(db, queueLog('reasons-mapped.csv'), { ...opts, format: 'csv', mapping: callMapping });
  else if (step === 'S') await ingestFile(db, requestsPath, { ...opts, format: 'csv', mapping: requestMapping });
  else {
    const lines = step === 'Q' ? QUEUE_LOG : PIECES[Number(step.slice(1)) - 1];
    appendFileSync(followed, lines.join('\n') + '\n');
    await ingestFile(db, followed, opts);
  }
}

/** What an order of loading left. */
interface Outcome {
  /** After each checked load: the reasons kept load by load, and those of a full rebuild then. */
  checks: Array<{ after: Step; kept: string[]; rebuilt: string[] }>;
  /** The reasons at the end. */
  done: string[];
  /** `everyStep`: the reasons after loading every source again (nothing may change). */
  again?: string[];
}

/**
 * Loads each order of steps into a database of its own, sharing prefixes: the database after a
 * prefix is copied (forkDatabase) for each step that comes next in some order, so the 24 orders of
 * four sources take 64 loads, not 96. The followed queue_log is one path, written back to what the
 * prefix had appended before each next step: each order's database sees exactly that order's loads.
 * `everyStep`: the kept reasons are checked against a full rebuild after every load (else after the
 * last), and at the end every source is loaded again.
 */
async function loadOrders(orders: Step[][], name: string, everyStep: boolean): Promise<Map<string, Outcome>> {
  const followed = join(dir, `${name}.queue_log`);
  const outcomes = new Map<string, Outcome>();
  const check = async (db: Database, after: Step) => {
    const kept = await snapshot(db);
    await db.transaction((conn) => rebuildCallReasons(db, conn));
    return { after, kept, rebuilt: await snapshot(db) };
  };
  async function go(db: Database, done: Step[], text: string, checks: Outcome['checks'], rests: Step[][]): Promise<void> {
    if (rests[0].length === 0) {
      const last = done[done.length - 1];
      const all = everyStep ? checks : [await check(db, last)];
      const outcome: Outcome = { checks: all, done: await snapshot(db) };
      if (everyStep) {
        writeFileSync(followed, text);
        for (const step of ['C', 'M', 'S'] as const) await load(db, step, followed);
        await ingestFile(db, followed, { timeZone: TZ });
        outcome.again = await snapshot(db);
      }
      outcomes.set(done.join(' '), outcome);
      return;
    }
    const nexts = [...new Set(rests.map((r) => r[0]))];
    // Copies first, while `db` is as the prefix left it; the last next step goes on in `db` itself.
    const branches = [...(await Promise.all(nexts.slice(1).map(() => forkDatabase(db)))), db];
    for (const [i, step] of nexts.entries()) {
      const branch = branches[i];
      try {
        writeFileSync(followed, text);
        await load(branch, step, followed);
        const more = everyStep ? [...checks, await check(branch, step)] : checks;
        await go(branch, [...done, step], readFileSync(followed, 'utf8'), more, rests.filter((r) => r[0] === step).map((r) => r.slice(1)));
      } finally {
        if (branch !== db) branch.close();
      }
    }
  }
  if (new Set(orders.map((o) => o.length)).size !== 1) throw new Error('loadOrders: orders of one length');
  const db = await openDatabase(':memory:'); // a copy of the migrated template (sql/memory-template.ts)
  try {
    await go(db, [], '', [], orders);
  } finally {
    db.close();
  }
  return outcomes;
}

/** An order's outcome: each check a full rebuild's reasons, and (everyStep) nothing changed by loading again. */
function expectSound(order: string, { checks, done, again }: Outcome): void {
  for (const { after, kept, rebuilt } of checks) {
    expect(kept, `${order}: after ${after}, reasons kept load by load differ from a full rebuild`).toEqual(rebuilt);
  }
  if (again) expect(again, `${order}: loading again changed reasons`).toEqual(done);
}

function permutations<T>(xs: T[]): T[][] {
  if (xs.length <= 1) return [xs];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
}

/** The queue_log's five pieces in order, with C, M and S put among them (seeded, so repeatable). */
function interleavings(n: number): Step[][] {
  let seed = 15;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  return Array.from({ length: n }, () => {
    const steps: Step[] = ['Q1', 'Q2', 'Q3', 'Q4', 'Q5'];
    for (const other of permutations<Step>(['C', 'M', 'S'])[Math.floor(rnd() * 6)]) steps.splice(Math.floor(rnd() * (steps.length + 1)), 0, other);
    return steps;
  });
}

describe('call reasons load by load', () => {
  let reference: string[] = [];

  it('gives, loaded in one go, the reasons the fixture describes', async () => {
    const outcome = (await loadOrders([['Q', 'C', 'M', 'S']], 'reference', true)).get('Q C M S')!;
    expectSound('reference', outcome);
    reference = outcome.done;
    // (times in UTC: 09:00 in Chicago is 14:00)
    expect(reference).toEqual(expect.arrayContaining([
      'reason r5.5 pickups 14:40:00 = bulky-item (cdr) callid r5.5', // the CDR beats SR-1
      'reason r8.8 billing 15:20:00 = cart-repair (service_request) callid r8.8',
      'request SR-7 -> r6.6 pickups 15:00:00 callid r6.6', // the later of r6's visits
      'request SR-9 -> nothing callid -', // during r5's call: it had not ended
      'line r2.2 billing 14:46:05 billing-dispute -> nothing' // 31 minutes late
    ]));
    expect(reference.filter((f) => f.startsWith('reason '))).toHaveLength(9);
  });

  // Each set of orders is loaded once, by the first of its tests (the others find it done).
  const ORDERS = permutations<Step>(['Q', 'C', 'M', 'S']);
  let everyOrder: Promise<Map<string, Outcome>> | undefined;
  it.each(ORDERS.map((p) => [p.join(' ')]))('gives the same reasons loaded in the order %s', async (order) => {
    const outcome = (await (everyOrder ??= loadOrders(ORDERS, 'orders', false))).get(order)!;
    expectSound(order, outcome);
    expect(outcome.done).toEqual(reference);
  }, 240_000); // the first waits for all 24 orders (64 loads)

  const PIECES_ORDERS = interleavings(6);
  let inPieces: Promise<Map<string, Outcome>> | undefined;
  it.each(PIECES_ORDERS.map((p) => [p.join(' ')]))('gives the same reasons with the queue_log followed in pieces: %s', async (order) => {
    const outcome = (await (inPieces ??= loadOrders(PIECES_ORDERS, 'pieces', true))).get(order)!;
    expectSound(order, outcome);
    expect(outcome.done).toEqual(reference);
  }, 240_000); // the first waits for all six (41 loads)
});

describe('a load works out only what it brought', () => {
  it("leaves other calls' reasons alone: a followed file's few new lines do not rebuild the history", async () => {
    const db = await openDatabase(':memory:'); // a copy of the migrated template (sql/memory-template.ts)
    const followed = join(dir, 'only.queue_log');
    try {
      for (const step of ['Q1', 'Q2', 'Q3', 'Q4'] as const) await load(db, step, followed);
      // A mark no load writes, on r1's reason: a load that rebuilt every call would wipe it.
      await db.run(`UPDATE call_reasons SET code = 'marked' WHERE callid = 'r1.1'`);
      await load(db, 'Q5', followed); // r8's end and nothing else
      const rows = await db.all<{ callid: string; code: string }>(`SELECT callid, code FROM call_reasons WHERE callid IN ('r1.1', 'r8.8') ORDER BY callid`);
      expect(rows).toEqual([{ callid: 'r1.1', code: 'marked' }]);
      await load(db, 'S', followed); // SR-8 gives r8 its reason; r1's SR-2 loses to its queue_log line
      expect(await db.all(`SELECT callid, code FROM call_reasons WHERE callid IN ('r1.1', 'r8.8') ORDER BY callid`))
        .toEqual([{ callid: 'r1.1', code: 'billing-dispute' }, { callid: 'r8.8', code: 'cart-repair' }]);
    } finally {
      db.close();
    }
  });
});

describe('reasons after records retention and an erased number', () => {
  const admin = { id: null, username: 'admin' };

  async function loaded(name: string): Promise<Database> {
    const db = await openDatabase(':memory:'); // a copy of the migrated template (sql/memory-template.ts)
    for (const step of ['Q', 'C', 'S'] as const) await load(db, step, join(dir, `${name}.queue_log`));
    return db;
  }
  const count = async (db: Database, sql: string) => Number((await db.one<{ n: number }>(sql))!.n);

  it('removes the reasons of purged calls and the numbers of old service requests; each keeps its match', async () => {
    const db = await loaded('purge');
    try {
      // Kept 3 months on 2026-06-15: before 2026-03-15 go (its report periods built, as retention asks).
      const ctx = { timeZone: TZ, clock: () => new Date('2026-06-15T17:00:00Z') };
      await markBuilt(db, [['weekly', '2026-W11', '2026-03-09', '2026-03-15'], ['monthly', '2026-03', '2026-03-01', '2026-03-31'],
        ['quarterly', '2026-Q1', '2026-01-01', '2026-03-31']]);
      await saveRetention(db, admin, { kind: 'caller_numbers', amount: 3, unit: 'months' }, ctx);
      expect(await count(db, 'SELECT count(*) AS n FROM service_requests WHERE caller IS NOT NULL')).toBe(7);
      await purgeRecords(db, { ...ctx, actor: admin });
      expect(await count(db, 'SELECT count(*) AS n FROM service_requests WHERE caller IS NOT NULL OR caller_key IS NOT NULL')).toBe(0);
      expect(await count(db, 'SELECT count(*) AS n FROM service_requests WHERE call_file_id IS NOT NULL')).toBe(4); // SR-1 2 7 8

      await saveRetention(db, admin, { kind: 'calls', amount: 3, unit: 'months' }, ctx);
      await purgeRecords(db, { ...ctx, actor: admin });
      expect(await count(db, 'SELECT count(*) AS n FROM calls')).toBe(0);
      expect(await count(db, 'SELECT count(*) AS n FROM call_reasons')).toBe(0);
      expect(await count(db, 'SELECT count(*) AS n FROM reason_lines WHERE call_file_id IS NOT NULL')).toBe(0);
    } finally {
      db.close();
    }
  });

  it("erases a number from service requests: matched ones keep their call, and a later call from it takes none", async () => {
    const db = await loaded('erase');
    try {
      await eraseNumber(db, admin, '312-555-0308');
      const rows = await db.all<{ request_id: string; caller: string | null; caller_key: string | null; call_callid: string | null }>(
        `SELECT request_id, caller, caller_key, call_callid FROM service_requests WHERE request_id IN ('SR-5', 'SR-8') ORDER BY request_id`
      );
      expect(rows).toEqual([
        { request_id: 'SR-5', caller: null, caller_key: null, call_callid: null },
        { request_id: 'SR-8', caller: null, caller_key: null, call_callid: 'r8.8' }
      ]);
      // The same number calls again at 12:30, ending 30 minutes before SR-5: nothing matches it now.
      const again = join(dir, 'erase-again.queue_log');
      writeFileSync(again, '1773163800|r9.9|billing|NONE|ENTERQUEUE||3125550308|1\n1773163860|r9.9|billing|NONE|ABANDON|1|1|60\n');
      await ingestFile(db, again, { timeZone: TZ });
      expect(await db.all(`SELECT request_id, call_callid FROM service_requests WHERE request_id = 'SR-5'`))
        .toEqual([{ request_id: 'SR-5', call_callid: null }]);
      expect(await count(db, `SELECT count(*) AS n FROM call_reasons WHERE callid = 'r9.9'`)).toBe(0);
    } finally {
      db.close();
    }
  });
});
