// The Day page's lost callers, through its own load on a day of 150 lost callers loaded by the real
// ingest path: a page of 100 at a time after the filter, the whole day counted above the list, and
// only the numbers sent audited as viewed.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../sql/db.ts';
import { freshDb, TZ } from '../../../ingest/test-db.ts';
import { ingestFile } from '../../../ingest/load.ts';
import { createUser, type Principal } from '../../server/accounts.ts';
import { auditRecords } from '../../server/audit.ts';
import type { LostCallersPage } from '../../server/day/lost-callers-page.ts';
import { markHandled } from '../../server/day/lost-callers.ts';
import { load } from './+page.server.ts';

const DATE = '2026-11-24';
const LOST = 150;

/** 150 callers who hung up after 40 s, a minute apart from 09:00 Chicago (15:00 UTC), each from their own number. */
function queueLog(): string {
  const start = Date.parse('2026-11-24T15:00:00Z') / 1000;
  const lines: string[] = [];
  for (let i = 0; i < LOST; i++) {
    const t = start + i * 60;
    lines.push(`${t}|lost-${i}|billing|NONE|ENTERQUEUE||312555${String(1000 + i)}|1`, `${t + 40}|lost-${i}|billing|NONE|ABANDON|1|1|40`);
  }
  return `${lines.join('\n')}\n`;
}

type DayData = { lost: LostCallersPage | null; error: string | null };

describe('the Day page, lost callers by page', () => {
  let db: Database;
  let dir: string;
  let lead: Principal;
  beforeAll(async () => {
    db = await freshDb();
    dir = mkdtempSync(join(tmpdir(), 'callboard-lost-pages-'));
    writeFileSync(join(dir, 'queue_log'), queueLog());
    const s = await ingestFile(db, join(dir, 'queue_log'), { timeZone: TZ });
    expect(s.calls_added).toBe(LOST);
    const user = await createUser(db, { id: null, username: 'test' }, { username: 'lead1', password: 'lead-password-1', role: 'lead', repInterface: null });
    lead = { id: user.id, username: user.username, role: 'lead', rep_id: null };
  });
  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const day = async (query: string): Promise<DayData> => {
    const event = { url: new URL(`http://127.0.0.1/day?date=${DATE}${query}`), locals: { ctx: { db, timeZone: TZ, operatorTimeZone: null }, user: lead, gate: null }, setHeaders: () => {} };
    return (await load(event as unknown as Parameters<typeof load>[0])) as unknown as DayData;
  };

  it('sends 100 callers, then the other 50, counting the whole day', async () => {
    const first = (await day('')).lost!;
    expect(first.summary.lost_callers).toBe(LOST);
    expect(first.callers).toHaveLength(100);
    expect(first.shown).toEqual({ all: LOST, total: LOST, page: 1, pages: 2, per_page: 100, from: 1, to: 100 });
    expect(first.callers[0]).toMatchObject({ callid: 'lost-0', time: '09:00:00', caller: '3125551000' });

    const second = (await day('&lost_page=2')).lost!;
    expect(second.callers.map((c) => c.callid)).toEqual(Array.from({ length: 50 }, (_, i) => `lost-${100 + i}`));
    expect(second.shown).toMatchObject({ page: 2, from: 101, to: 150 });
    // past the end: the last page
    expect((await day('&lost_page=7')).lost!.shown.page).toBe(2);
  });

  it('filters before paging, and audits only the numbers it sent', async () => {
    for (let i = 0; i < 60; i++) await markHandled(db, lead, { callid: `lost-${i}`, queue: 'billing', note: 'rang back' });
    const open = (await day('&show=open')).lost!;
    expect(open.shown).toEqual({ all: LOST, total: LOST - 60, page: 1, pages: 1, per_page: 100, from: 1, to: LOST - 60 });
    expect(open.callers[0].callid).toBe('lost-60');
    const [entry] = await auditRecords(db, { entity: 'caller_numbers', limit: 1 });
    expect(entry).toMatchObject({ username: 'lead1', action: 'view' });
    expect((entry.after as { numbers: number }).numbers).toBe(LOST - 60);
  });
});
