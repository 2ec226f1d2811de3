// serve --follow: a queue_log that grows while followed, is rotated, and disappears and comes back.
import { appendFileSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../sql/db.ts';
import { followLogs, type Follower } from './follow.ts';

const T0 = Date.UTC(2026, 2, 2, 14) / 1000;
const visit = (i: number) => [
  `${T0 + i * 60}|c${i}|billing|NONE|ENTERQUEUE||31255501${String(i).padStart(2, '0')}|1`,
  `${T0 + i * 60 + 10}|c${i}|billing|PJSIP/7001|CONNECT|10|c${i}.1|2`,
  `${T0 + i * 60 + 50}|c${i}|billing|PJSIP/7001|COMPLETECALLER|10|40|1`
];

describe('following a growing queue_log', () => {
  let db: Database;
  let dir: string;
  let log: string;
  let follower: Follower;
  const calls = async () => (await db.all<{ n: number }>('SELECT CAST(count(*) AS INTEGER) AS n FROM calls'))[0].n;
  const open = async () => (await db.all<{ n: number }>('SELECT CAST(count(*) AS INTEGER) AS n FROM calls WHERE outcome IS NULL'))[0].n;

  beforeAll(async () => {
    db = await openDatabase(':memory:');
    dir = mkdtempSync(join(tmpdir(), 'callboard-follow-'));
    log = join(dir, 'queue_log');
    follower = followLogs(db, [log], { timeZone: async () => 'America/Chicago', pollMs: 200 });
  });
  afterAll(() => {
    follower.stop();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('waits for the file, then loads what is written, line by line, a partial line when it completes', async () => {
    await follower.idle();
    expect(await calls()).toBe(0);
    writeFileSync(log, visit(1).join('\n') + '\n');
    await expect.poll(calls, { timeout: 10_000 }).toBe(1);
    appendFileSync(log, visit(2)[0] + '\n' + visit(2)[1].slice(0, 20));
    await expect.poll(open, { timeout: 10_000 }).toBe(1);
    appendFileSync(log, visit(2)[1].slice(20) + '\n' + visit(2)[2] + '\n');
    await expect.poll(open, { timeout: 10_000 }).toBe(0);
    expect(await calls()).toBe(2);
  });

  it('loads nothing twice across a rotation, and follows the new file', async () => {
    renameSync(log, `${log}.1`);
    writeFileSync(log, visit(3).join('\n') + '\n');
    await expect.poll(calls, { timeout: 10_000 }).toBe(3);
    await follower.idle();
    const [{ n }] = await db.all<{ n: number }>(`SELECT CAST(count(*) AS INTEGER) AS n FROM calls GROUP BY callid HAVING count(*) > 1 UNION ALL SELECT 0 LIMIT 1`);
    expect(n).toBe(0);
  });
});
