// Shrinkage from measured pauses, through the real loader. Chicago, by hand:
//   Monday 2026-03-02 08:00, PJSIP/7001: logged in 7,200 s; Lunch 1,800 s; Training 600 s; a pause with no reason 300 s
//   Tuesday 2026-03-03 08:00, PJSIP/7002: logged in 3,600 s; Coffee break 900 s; Training 300 s
//   logged in 10,800 s; counted (not a scheduled break): Training 900 + no reason 300 = 1,200 s → 1,200 / 10,800 = 11.1 %
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../sql/db.ts';
import { ingestFile } from '../../ingest/load.ts';
import { TZ } from '../test-support/fixture-db.ts';
import { measuredPauseShrinkage, pauseShrinkage, SCHEDULED_BREAK } from './pause-shrinkage.ts';
import { NO_REASON } from './state-precedence.ts';

const MONDAY = Date.UTC(2026, 2, 2, 14) / 1000;
const TUESDAY = MONDAY + 86_400;
const line = (t: number, rest: string) => `${t}|${rest}`;

describe('shrinkage measured from pauses', () => {
  let db: Database;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'callboard-shrinkage-'));
    db = await openDatabase(':memory:');
    const log = join(dir, 'queue_log');
    const a = (s: number, event: string, data = '') => line(MONDAY + s, `NONE|billing|PJSIP/7001|${event}|${data}`);
    const b = (s: number, event: string, data = '') => line(TUESDAY + s, `NONE|billing|PJSIP/7002|${event}|${data}`);
    writeFileSync(
      log,
      [
        a(0, 'ADDMEMBER'), a(600, 'PAUSE', 'Lunch'), a(2400, 'UNPAUSE', 'Lunch'), a(3000, 'PAUSE', 'Training'), a(3600, 'UNPAUSE', 'Training'),
        a(4000, 'PAUSE'), a(4300, 'UNPAUSE'), a(7200, 'REMOVEMEMBER'),
        b(0, 'ADDMEMBER'), b(100, 'PAUSE', 'Coffee break'), b(1000, 'UNPAUSE', 'Coffee break'), b(2000, 'PAUSE', 'Training'), b(2300, 'UNPAUSE', 'Training'),
        b(3600, 'REMOVEMEMBER')
      ].join('\n') + '\n'
    );
    expect((await ingestFile(db, log, { timeZone: TZ })).error).toBeUndefined();
  });
  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sums pauses by reason over the days and leaves scheduled breaks out of the suggestion', async () => {
    const m = await measuredPauseShrinkage(db, { to: '2026-03-03', days: 7, timeZone: TZ });
    expect(m.from).toBe('2026-02-25');
    expect(m.logged_in_s).toBe(10_800);
    expect(m.reasons.map((r) => [r.reason, r.paused_s, r.pauses, r.counted])).toEqual([
      ['Lunch', 1800, 1, false],
      ['Coffee break', 900, 1, false], // ties by name
      ['Training', 900, 2, true],
      [NO_REASON, 300, 1, true]
    ]);
    expect(m.reasons[0].share).toBeCloseTo(1800 / 10_800, 10);
    expect(m.suggested).toBeCloseTo(1200 / 10_800, 10);
  });

  it('says nothing when nobody was logged in', async () => {
    expect(await measuredPauseShrinkage(db, { to: '2026-02-01', timeZone: TZ })).toMatchObject({ logged_in_s: 0, reasons: [], suggested: null });
    expect(pauseShrinkage([], { from: 'a', to: 'b' }).suggested).toBeNull();
  });

  it('takes a reason naming a break, lunch or meal as scheduled', () => {
    expect(['Break', 'lunch', 'Meal break', 'Coffee break'].every((r) => SCHEDULED_BREAK.test(r))).toBe(true);
    expect(['Training', 'Coaching', 'Outbound', NO_REASON, 'breakdown'].some((r) => SCHEDULED_BREAK.test(r))).toBe(false);
  });
});
