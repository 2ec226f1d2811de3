// The calls search finds a page's calls by their keys first, then reads them whole (sql/call-search.sql).
// Held to its definition on the demo center: each page of 50 is that slice of every match in the
// order newest first (enter_ts, then file and line, descending), read here straight from the calls
// table, for the whole center and for filters, through the last page.
import { describe, expect, it } from 'vitest';
import type { Database } from '../../sql/db.ts';
import { DEMO_TZ } from '../../analytics/test-support/coverage-demo-db.ts';
import { useDemoDatabase } from '../../analytics/test-support/use-demo-database.ts';
import { searchCalls, type CallSearch } from './calls.ts';

describe('a page of the calls search', () => {
  let db: Database;
  useDemoDatabase((d) => (db = d));

  /** Every match's id, newest first, from the calls table itself. */
  const everyMatch = async (where: string, params: Record<string, string> = {}) =>
    (await db.all<{ id: string }>(`SELECT file_id || '-' || line_no AS id FROM calls WHERE ${where} ORDER BY enter_ts DESC, file_id DESC, line_no DESC`, params)).map((r) => r.id);

  const pagesOf = async (search: Omit<CallSearch, 'limit' | 'offset'>, offsets: number[]) => {
    const out: Array<{ offset: number; ids: string[]; total: number }> = [];
    for (const offset of offsets) {
      const page = await searchCalls(db, DEMO_TZ, { ...search, limit: 50, offset });
      out.push({ offset, ids: page.calls.map((c) => c.id), total: page.total });
    }
    return out;
  };

  it('is the slice of every call, newest first, at the start, in the middle and at the end', async () => {
    const all = await everyMatch('true');
    expect(all.length).toBeGreaterThan(20_000);
    const last = Math.floor((all.length - 1) / 50) * 50;
    for (const p of await pagesOf({}, [0, 50, 12_350, last, last + 50])) {
      expect(p.total).toBe(p.ids.length ? all.length : 0);
      expect(p.ids).toEqual(all.slice(p.offset, p.offset + 50));
    }
  });

  it('is the slice of the matches of a queue, a direction and a day', async () => {
    const { queue } = (await db.one<{ queue: string }>(`SELECT queue FROM calls GROUP BY queue ORDER BY count(*) DESC LIMIT 1`))!;
    const byQueue = await everyMatch('queue = $queue', { queue });
    for (const p of await pagesOf({ queue }, [0, 100, byQueue.length - 10])) {
      expect(p.total).toBe(byQueue.length);
      expect(p.ids).toEqual(byQueue.slice(p.offset, p.offset + 50));
    }
    const outbound = await everyMatch(`direction = 'outbound'`);
    expect(outbound.length).toBeGreaterThan(0);
    for (const p of await pagesOf({ direction: 'outbound' }, [0, outbound.length - 1])) expect(p.ids).toEqual(outbound.slice(p.offset, p.offset + 50));
    const day = await everyMatch(`enter_ts >= timezone('${DEMO_TZ}', TIMESTAMP '2026-06-03 00:00:00') AND enter_ts < timezone('${DEMO_TZ}', TIMESTAMP '2026-06-04 00:00:00')`);
    expect(day.length).toBeGreaterThan(100);
    for (const p of await pagesOf({ from: '2026-06-03', to: '2026-06-03' }, [0, 50, day.length - 20])) {
      expect(p.total).toBe(day.length);
      expect(p.ids).toEqual(day.slice(p.offset, p.offset + 50));
    }
  });
});
