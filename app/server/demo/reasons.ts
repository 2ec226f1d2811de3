/**
 * The demo's call reasons (issue 15): after an answered call the rep's phone logs a wrap-up code
 * (`QueueLog(queue,uniqueid,agent,WRAPUPCODE,code)`) when wrap-up ends; after a caller gives up, the
 * dialplan's h extension logs the IVR menu choice as a QueueMetrics-style CALLSTATUS (when the caller
 * made one: a share of lost calls has no reason). The mix depends on the queue,
 * and billing disputes swell in the first week of the month, after the bills are mailed; in the week
 * after a holiday closure bulky items pile up (the pick-ups and special queues log about twice as many
 * bulky-item calls: the forecast per reason group learns it, issue 15.4). Reps forget
 * the code on some calls (a share of calls has no reason, as in a real center), and one code is
 * not in the demo catalogue (`tree-debris`: shown as itself, listed for the admin).
 * Each call draws from its own stream (seeded by its callid), so reasons never change the rest of
 * the simulation.
 */
import { pickWeighted, streamFor } from '../../../app/server/demo/prng.js';
import type { QueueName } from '../../../app/server/demo/center.js';
import { addDays, cityHolidays } from '../../../app/server/demo/calendar.js';

/** Share of answered calls the rep gives a code. */
export const CODED_SHARE = 0.86;
/** Share of lost callers who chose in the IVR menu before they queued. */
export const IVR_CHOICE_SHARE = 0.7;

export const DEMO_REASON_CATALOGUE = [
  { code: 'billing-dispute', name: 'Bill dispute', reason_group: 'Billing' },
  { code: 'payment-arrangement', name: 'Payment arrangement', reason_group: 'Billing' },
  { code: 'account-change', name: 'Start, stop or move service', reason_group: 'Billing' },
  { code: 'missed-pickup', name: 'Missed pick-up', reason_group: 'Missed pick-up' },
  { code: 'cart-repair', name: 'Cart repair or replacement', reason_group: 'Missed pick-up' },
  { code: 'bulky-item', name: 'Bulky-item pick-up', reason_group: 'Bulky item' },
  { code: 'special-needs', name: 'Special-needs (pack-out) service', reason_group: 'Special needs / pack-out' },
  { code: 'general-info', name: 'General information', reason_group: 'Other' }
] as const;

type Mix = ReadonlyArray<readonly [string, number]>;

/** The pick-ups queues' mix in the 7 days after a holiday: bulky items about double. */
const AFTER_HOLIDAY: Partial<Record<QueueName, Mix>> = {
  pickups: [['missed-pickup', 0.44], ['cart-repair', 0.12], ['bulky-item', 0.36], ['general-info', 0.06], ['tree-debris', 0.02]],
  special: [['bulky-item', 0.8], ['special-needs', 0.15], ['general-info', 0.05]]
};

const holidayYears = new Map<number, Set<string>>();
const holidaysOf = (year: number) => {
  let set = holidayYears.get(year);
  if (!set) holidayYears.set(year, (set = new Set(cityHolidays(year).map((h) => h.date))));
  return set;
};

/** A day within the 7 days after a city holiday (and not one itself). */
export function inWeekAfterHoliday(dayKey: string): boolean {
  // Asked once per call (over a million times for a half year): worked out once per day.
  let after = afterHolidayDays.get(dayKey);
  if (after === undefined) afterHolidayDays.set(dayKey, (after = weekAfterHoliday(dayKey)));
  return after;
}
const afterHolidayDays = new Map<string, boolean>();

function weekAfterHoliday(dayKey: string): boolean {
  const isHoliday = (d: string) => holidaysOf(Number(d.slice(0, 4))).has(d);
  if (isHoliday(dayKey)) return false;
  for (let i = 1; i <= 7; i++) if (isHoliday(addDays(dayKey, -i))) return true;
  return false;
}

const MIX: Record<QueueName, { usual: Mix; afterBills: Mix }> = {
  billing: {
    usual: [['billing-dispute', 0.3], ['payment-arrangement', 0.28], ['account-change', 0.3], ['general-info', 0.12]],
    afterBills: [['billing-dispute', 0.5], ['payment-arrangement', 0.25], ['account-change', 0.17], ['general-info', 0.08]]
  },
  pickups: {
    usual: [['missed-pickup', 0.62], ['cart-repair', 0.2], ['bulky-item', 0.1], ['general-info', 0.06], ['tree-debris', 0.02]],
    afterBills: [['missed-pickup', 0.62], ['cart-repair', 0.2], ['bulky-item', 0.1], ['general-info', 0.06], ['tree-debris', 0.02]]
  },
  special: {
    usual: [['bulky-item', 0.58], ['special-needs', 0.34], ['general-info', 0.08]],
    afterBills: [['bulky-item', 0.58], ['special-needs', 0.34], ['general-info', 0.08]]
  }
};

/** How often each source records a reason; `subject`, what the call was about, always exists. */
const RECORDED_SHARE = { 'wrap-up': CODED_SHARE, ivr: IVR_CHOICE_SHARE, subject: 1 } as const;

/**
 * The wrap-up code of an answered call (or, `ivr`, the caller's IVR menu choice; `subject`, what the
 * call was about whether or not anyone recorded it), or null when there was none. `dayKey` is YYYY-MM-DD.
 */
export function demoReason(queue: QueueName, callid: string, dayKey: string, from: keyof typeof RECORDED_SHARE = 'wrap-up'): string | null {
  const rng = streamFor('reason', from, callid);
  if (rng() >= RECORDED_SHARE[from]) return null;
  const dayOfMonth = Number(dayKey.slice(8, 10));
  const afterHoliday = AFTER_HOLIDAY[queue];
  if (afterHoliday && inWeekAfterHoliday(dayKey)) return pickWeighted(rng, afterHoliday);
  return pickWeighted(rng, dayOfMonth >= 1 && dayOfMonth <= 7 ? MIX[queue].afterBills : MIX[queue].usual);
}
