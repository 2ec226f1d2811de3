// The live floor when the PBX's log misbehaves while followed: truncated and restarted in place, gone
// and back, lines out of order within a second and written twice, the clock jumping back or running
// ahead, a call never entered, a member never added. Each is handled as the loader handles it (loaded
// once, or quarantined with its line number), the follower keeps going, and the board never shows a
// negative wait or one longer than the log has existed.
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../sql/db.ts';
import { followLogs, type Follower } from './follow.ts';
import { liveSnapshot, type LiveSnapshot } from './live-snapshot.ts';

const TZ = 'America/Chicago';
// Written as now (a log is live while it grows: an open log-in in it holds up to the maximum shift).
const T0 = Math.floor(Date.now() / 1000) - 2000;
const line = (t: number, rest: string) => `${T0 + t}|${rest}`;
const visit = (i: number, t: number) => [
  line(t, `c${i}|billing|NONE|ENTERQUEUE||31255501${String(i).padStart(2, '0')}|1`),
  line(t + 10, `c${i}|billing|PJSIP/7001|CONNECT|10|c${i}.1|2`),
  line(t + 50, `c${i}|billing|PJSIP/7001|COMPLETECALLER|10|40|1`)
];

describe('following a log that misbehaves', () => {
  let db: Database;
  let dir: string;
  let log: string;
  let follower: Follower;
  const count = async (sql: string) => (await db.all<{ n: number }>(`SELECT CAST(count(*) AS INTEGER) AS n FROM ${sql}`))[0].n;
  const calls = () => count('calls');
  const duplicated = () => count('(SELECT callid, queue FROM calls GROUP BY ALL HAVING count(*) > 1)');
  const at = (t: number) => liveSnapshot(db, { timeZone: TZ, asOf: new Date((T0 + t) * 1000) });
  /** No negative wait, none longer than the log has existed (its first line is at T0). */
  const sane = (s: LiveSnapshot, t: number) => {
    for (const q of s.queues) {
      expect(q.waiting, q.queue).toBeGreaterThanOrEqual(0);
      if (q.longest_wait_s !== null) {
        expect(q.longest_wait_s, q.queue).toBeGreaterThanOrEqual(0);
        expect(q.longest_wait_s, q.queue).toBeLessThanOrEqual(t);
      }
    }
  };

  beforeAll(async () => {
    db = await openDatabase(':memory:');
    dir = mkdtempSync(join(tmpdir(), 'callboard-follow-faults-'));
    log = join(dir, 'queue_log');
    writeFileSync(log, [line(0, 'NONE|billing|PJSIP/7001|ADDMEMBER|'), ...visit(1, 60), ...visit(2, 120)].join('\n') + '\n');
    follower = followLogs(db, [log], { timeZone: async () => TZ, pollMs: 100 });
    await follower.idle();
  });
  afterAll(() => {
    follower.stop();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads a log truncated and restarted in place (copytruncate) from its new first line, nothing twice', async () => {
    await expect.poll(calls, { timeout: 15_000 }).toBe(2);
    writeFileSync(log, visit(3, 300).join('\n') + '\n');
    await expect.poll(calls, { timeout: 15_000 }).toBe(3);
    await follower.idle();
    expect(await duplicated()).toBe(0);
  });

  it('waits while the file is gone and loads it when it comes back', async () => {
    rmSync(log);
    await new Promise((ok) => setTimeout(ok, 400)); // a few of the follower's polls find no file
    await follower.idle();
    writeFileSync(log, visit(4, 400).join('\n') + '\n');
    await expect.poll(calls, { timeout: 15_000 }).toBe(4);
  });

  it('takes lines out of order within a second and lines written twice as one call', async () => {
    const [enter, connect, complete] = visit(5, 500);
    appendFileSync(log, [connect.replace(`${T0 + 510}|`, `${T0 + 500}|`), enter, complete, complete].join('\n') + '\n');
    await expect.poll(calls, { timeout: 15_000 }).toBe(5);
    await follower.idle();
    expect(await duplicated()).toBe(0);
    const c5 = await db.one<{ outcome: string; wait_s: number }>(`SELECT outcome, wait_s FROM calls WHERE callid = 'c5'`);
    expect(c5!.outcome).toBe('answered');
    expect(c5!.wait_s).toBeGreaterThanOrEqual(0);
  });

  it('never shows a negative wait when the clock jumps back or runs ahead', async () => {
    appendFileSync(
      log,
      [
        line(1000, 'w1|billing|NONE|ENTERQUEUE||3125550901|1'),
        line(700, 'w2|billing|NONE|ENTERQUEUE||3125550902|1'), // the PBX's clock jumped back 5 minutes
        line(1003, 'w3|billing|NONE|ENTERQUEUE||3125550903|1') // and this one is ahead of "now" below
      ].join('\n') + '\n'
    );
    await expect.poll(() => count(`calls WHERE callid IN ('w1', 'w2', 'w3')`), { timeout: 15_000 }).toBe(3);
    await follower.idle();
    const now = await at(1001);
    sane(now, 1001);
    const billing = now.queues.find((q) => q.queue === 'billing')!;
    expect(billing.waiting).toBe(3);
    expect(billing.longest_wait_s).toBe(301); // w2, from its own (earlier) time
    // Before the log existed nothing waits; long after, the visits are lost ends, not callers on hold.
    sane(await at(-60), 0);
    expect((await at(1000 + 3 * 3600)).queues.find((q) => q.queue === 'billing')!.waiting).toBe(0);
  });

  it('keeps going past a call never entered and a member never added; a log-in repeated in the new file holds', async () => {
    appendFileSync(
      log,
      [
        line(1090, 'NONE|billing|PJSIP/7001|ADDMEMBER|'), // the first file's log-in ended with that file
        line(1100, 'ghost|billing|PJSIP/7001|CONNECT|5|ghost.1|1'),
        line(1150, 'ghost|billing|PJSIP/7001|COMPLETEAGENT|5|50|1'),
        line(1200, 'NONE|billing|PJSIP/7999|PAUSE|Lunch'),
        ...visit(6, 1300)
      ].join('\n') + '\n'
    );
    await expect.poll(() => count(`calls WHERE callid = 'c6' AND outcome = 'answered'`), { timeout: 15_000 }).toBe(1);
    await follower.idle();
    const now = await at(1400);
    sane(now, 1400);
    const stranger = now.reps.find((r) => r.interface === 'PJSIP/7999');
    expect(stranger === undefined || ['logged_out', 'paused'].includes(stranger.state)).toBe(true);
    expect(now.reps.find((r) => r.interface === 'PJSIP/7001')!.state).toBe('available');
  });
});
