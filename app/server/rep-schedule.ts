/**
 * A rep's own published shifts, this week and next (issue 13.10): what the rep sees on their page.
 * Dates and minutes are the center's local day (schedule_shifts keeps them so), so nothing here
 * converts zones; "this week" is the Monday-first week holding today in the center's zone.
 */
import type { Database } from '../../sql/db.ts';
import { addDays, mondayOf, type PlacedBreak } from '../../analytics/roster/schedule-model.ts';

export interface RepShift {
  date: string;
  start_minute: number;
  end_minute: number;
  breaks: PlacedBreak[];
}

export interface RepSchedule {
  from: string;
  to: string;
  shifts: RepShift[];
}

/** The rep's shifts in published weeks from this week's Monday to next week's Sunday. */
export async function repPublishedShifts(db: Database, repId: string, today: string): Promise<RepSchedule> {
  const from = mondayOf(today);
  const to = addDays(from, 13);
  const rows = await db.query<Omit<RepShift, 'breaks'> & { breaks: string }>('rep-published-shifts', { rep_id: repId, from, to });
  return { from, to, shifts: rows.map((r) => ({ ...r, breaks: JSON.parse(r.breaks) as PlacedBreak[] })) };
}
