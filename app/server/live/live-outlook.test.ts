// The outlook's minute cache when the computation fails: the minute answers with the message (no
// retry on every snapshot), the next minute tries again. A stand-in database whose every read fails.
import { describe, expect, it } from 'vitest';
import type { Database } from '../../../sql/db.ts';
import { outlookComputations, outlookNow } from './live-outlook.ts';

const broken = { all: () => Promise.reject(new Error('the database is closed')), query: () => Promise.reject(new Error('the database is closed')) } as unknown as Database;
const TZ = 'America/Chicago';

describe('outlookNow when the outlook cannot be computed', () => {
  it('answers its minute with the message, once, and tries again the next minute', async () => {
    const before = outlookComputations.count;
    const at = new Date('2026-06-05T15:00:05Z');
    const o = await outlookNow(broken, { timeZone: TZ, asOf: at });
    expect(o).toMatchObject({ date: '2026-06-05', status: 'error', cut_off: '10:00', intervals: [], lines: [] });
    expect(o.note).toBe('The outlook could not be computed: the database is closed');
    await outlookNow(broken, { timeZone: TZ, asOf: new Date(at.getTime() + 30_000) });
    expect(outlookComputations.count).toBe(before + 1);
    expect((await outlookNow(broken, { timeZone: TZ, asOf: new Date(at.getTime() + 60_000) })).cut_off).toBe('10:01');
    expect(outlookComputations.count).toBe(before + 2);
  });
});
