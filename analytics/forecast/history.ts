/**
 * The call history forecasts and coverage learn from: offered, answered and handle time per queue,
 * local date and interval, and the dates each queue's calls span. Read from the call_slices summary
 * while it is current (a few rows per quarter hour, and it keeps what records retention purged from
 * calls), else from every call; both give the same rows (analytics/forecast/history.test.ts).
 */
import type { Database } from '../../sql/db.ts';
import { callSlicesUsable } from '../../sql/upkeep/call-slices.ts';
import type { HistoryRow } from './forecast-model.ts';

export interface HistoryQuery {
  /** Local dates, `to` inclusive. */
  from: string;
  to: string;
  tz: string;
  interval_minutes: number;
}

export interface DataSpan {
  queue: string;
  first_date: string;
  last_date: string;
  calls: number;
}

export async function callHistory(db: Database, q: HistoryQuery): Promise<HistoryRow[]> {
  const name = (await callSlicesUsable(db)) ? 'forecast-history-summary' : 'forecast-history';
  return db.query<HistoryRow>(name, { from: q.from, to: q.to, tz: q.tz, interval_minutes: q.interval_minutes });
}

/**
 * Each inbound queue with calls, and the first and last local dates of its calls in `tz`. A shared
 * look-up until the next write: one coverage or plan request asks it from several places (the page,
 * each forecast, the schedule history).
 */
export function dataSpan(db: Database, tz: string): Promise<DataSpan[]> {
  return db.lookups.get(`data-span|${tz}`, async () => {
    const name = (await callSlicesUsable(db)) ? 'forecast-data-span-summary' : 'forecast-data-span';
    return db.query<DataSpan>(name, { tz });
  });
}
