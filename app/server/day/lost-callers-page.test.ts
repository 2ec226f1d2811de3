import { describe, expect, it } from 'vitest';
import type { LostCaller, LostCallersAnswer } from './lost-callers.ts';
import { lostCallersPage } from './lost-callers-page.ts';

/** n callers at 08:00:00, 08:00:01, ...; every third still lost and not handled, every fifth of those handled. */
function answer(n: number): LostCallersAnswer {
  const callers: LostCaller[] = Array.from({ length: n }, (_, i) => ({
    call_id: `c${i}`, callid: `${i}`, queue: 'billing', time: `08:${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`,
    caller: '3125550100', outcome: 'abandoned', wait_s: 30, state: i % 3 === 0 ? 'still_lost' : 'recovered', recovery_s: null,
    callback_attempts: 0, window_open: false,
    handling: i % 15 === 0 ? { note: 'rang back', handled_by: 'lead', handled_at: '2026-11-24T15:00:00Z' } : null
  }));
  const summary = { lost_callers: n, recovered: 0, recovery_rate: null, median_recovery_s: null, still_lost: 0, handled: 0, needs_follow_up: 0 };
  return { date: '2026-11-24', summary, follow_up_window_s: 86_400, callers };
}

describe('lostCallersPage', () => {
  it('gives a page of the callers in their order, and says which of how many', () => {
    const a = answer(250);
    const p2 = lostCallersPage(a, { show: 'all', page: 2 });
    expect(p2.callers.map((c) => c.callid)).toEqual(a.callers.slice(100, 200).map((c) => c.callid));
    expect(p2.shown).toEqual({ all: 250, total: 250, page: 2, pages: 3, per_page: 100, from: 101, to: 200 });
    expect(lostCallersPage(a, { show: 'all', page: 3 }).shown).toMatchObject({ from: 201, to: 250 });
    // the summary is the whole day's, untouched
    expect(p2.summary).toBe(a.summary);
  });

  it('filters before paging: only those still lost and not marked handled', () => {
    const a = answer(250);
    const open = a.callers.filter((c, i) => i % 3 === 0 && i % 15 !== 0);
    const p = lostCallersPage(a, { show: 'open', page: 1 });
    expect(p.callers.map((c) => c.callid)).toEqual(open.slice(0, 100).map((c) => c.callid));
    expect(p.shown).toEqual({ all: 250, total: open.length, page: 1, pages: 1, per_page: 100, from: 1, to: open.length });
  });

  it('a page past the end shows the last; a page that is not a whole number the first; none lost is page 1 of 1', () => {
    const a = answer(250);
    expect(lostCallersPage(a, { show: 'all', page: 9 }).shown).toMatchObject({ page: 3, from: 201 });
    for (const page of [0, -1, 1.5, Number.NaN]) expect(lostCallersPage(a, { show: 'all', page }).shown.page).toBe(1);
    expect(lostCallersPage(answer(0), { show: 'all', page: 4 }).shown).toEqual({ all: 0, total: 0, page: 1, pages: 1, per_page: 100, from: 0, to: 0 });
    expect(lostCallersPage(answer(100), { show: 'all', page: 2 }).shown).toMatchObject({ page: 1, pages: 1, to: 100 });
  });
});
