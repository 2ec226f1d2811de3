/**
 * The part of a day's lost callers the Day page shows: those the filter keeps (all, or only those
 * still needing a call back), a page of them at a time. A large center loses thousands of callers on a
 * busy day (4,353 on a day of the 10M-call benchmark center: 1 MB of page data, every row drawn); the
 * summary above the list still counts them all, and GET /api/lost-calls still answers them all.
 */
import { needsCallBack, type LostCallersAnswer } from './lost-callers.ts';

/** Rows per page: a morning's follow-up list at a glance, and a page a phone draws at once. */
export const LOST_CALLERS_PER_PAGE = 100;

export type LostCallersShow = 'all' | 'open';

export interface LostCallersShown {
  /** Every lost caller of the day, before the filter. */
  all: number;
  /** Those the filter keeps. */
  total: number;
  /** 1-based; the rows shown are from..to of total (0..0 when none). */
  page: number;
  pages: number;
  per_page: number;
  from: number;
  to: number;
}

export interface LostCallersPage extends LostCallersAnswer {
  shown: LostCallersShown;
}

/**
 * Page `page` (1-based; a page past the end gives the last, anything not a whole number the first)
 * of the callers `show` keeps, in the answer's order (by time).
 */
export function lostCallersPage(answer: LostCallersAnswer, opts: { show: LostCallersShow; page: number; perPage?: number }): LostCallersPage {
  const per = opts.perPage ?? LOST_CALLERS_PER_PAGE;
  const kept = opts.show === 'open' ? answer.callers.filter(needsCallBack) : answer.callers;
  const pages = Math.max(1, Math.ceil(kept.length / per));
  const page = Number.isInteger(opts.page) && opts.page >= 1 ? Math.min(opts.page, pages) : 1;
  const start = (page - 1) * per;
  const callers = kept.slice(start, start + per);
  return {
    ...answer,
    callers,
    shown: { all: answer.callers.length, total: kept.length, page, pages, per_page: per, from: callers.length ? start + 1 : 0, to: start + callers.length }
  };
}
