/**
 * The city's service-request export (issue 15). A resident who calls about a missed pick-up, a bulky
 * item, a broken cart or special-needs service often leaves with a request, which the rep opens in the
 * city's system a few minutes after the call; other residents open one on the web or in the app
 * without calling. The export is one CSV as the city's system writes it (SR_NUMBER, SR_TYPE, ORIGIN,
 * CREATED_DATE as "11/24/2026 09:12:45 AM" local time, CALLER_PHONE as "(312) 555-0301"), loaded
 * through a mapping of kind `service_requests` (`demoServiceRequestMapping`) that also turns the
 * city's type names into the demo's reason codes. Callboard matches a request to the call from its
 * number that ended in the 2 hours before it; the web's and the app's requests match no call and are
 * counted as unmatched.
 * What a call was about is its wrap-up code, else the caller's IVR choice, else its `subject`
 * (reasons.ts): a call nobody coded can still leave a request, whose type is then its only reason.
 * Draws come from their own streams (a call's by its callid, the web's by the day), so requests
 * change nothing else in the demo.
 */
import type { DayPlan, Zone } from '../../../app/server/demo/calendar.js';
import type { QueueName } from '../../../app/server/demo/center.js';
import { pickWeighted, poisson, streamFor, uniform, type Rng } from '../../../app/server/demo/prng.js';
import { demoReason } from '../../../app/server/demo/reasons.js';

export interface ServiceRequest {
  /** Created (epoch seconds). */
  t: number;
  /** The city's type name (SR_TYPE). */
  type: string;
  origin: 'Phone Call' | 'Internet' | 'Mobile App';
  /** The requester's number, 10 digits. */
  phone: string;
}

/** The reason codes a request can be about: the city's type name, and the share of such calls that leave one. */
const REQUEST_TYPES: Record<string, { name: string; share: number }> = {
  'missed-pickup': { name: 'Missed Garbage/Recycling Pick-Up', share: 0.55 },
  'cart-repair': { name: 'Garbage Cart Maintenance', share: 0.7 },
  'bulky-item': { name: 'Bulky Item Pick-Up', share: 0.8 },
  'special-needs': { name: 'Special Needs Pick-Up Assistance', share: 0.5 },
  'tree-debris': { name: 'Tree Debris Pick-Up', share: 0.6 }
};

/** What residents ask for on the web and in the app (no call). */
const WEB_MIX: ReadonlyArray<readonly [string, number]> = [
  ['missed-pickup', 0.45], ['bulky-item', 0.3], ['cart-repair', 0.2], ['special-needs', 0.03], ['tree-debris', 0.02]
];

/** Requests opened without a call, per day (the web never closes). */
export const WEB_REQUESTS_PER_DAY = { weekday: 40, weekendOrHoliday: 18 } as const;

/** The caller's IVR menu choice, which the dialplan puts in CDR(userfield); a transferred visit made none. */
export function ivrChoice(queue: QueueName, callid: string, dayKey: string, transferred: boolean): string | null {
  return transferred ? null : demoReason(queue, callid, dayKey, 'ivr');
}

/** The request a finished call leaves (created 1 to 15 minutes after it ended), or null. */
export function requestAfterCall(
  queue: QueueName, callid: string, dayKey: string, caller: string, endedAt: number, transferred: boolean
): ServiceRequest | null {
  if (caller === 'anonymous') return null;
  const about = demoReason(queue, callid, dayKey) ?? ivrChoice(queue, callid, dayKey, transferred) ??
    demoReason(queue, callid, dayKey, 'subject');
  const kind = about === null ? undefined : REQUEST_TYPES[about];
  if (!kind) return null;
  const rng = streamFor('reason', 'request', callid);
  if (rng() >= kind.share) return null;
  return { t: endedAt + uniform(rng, 60, 900), type: kind.name, origin: 'Phone Call', phone: caller };
}

/** The day's requests from the web and the app, 6:00 to 23:00 local, from numbers that did not call. */
export function webRequests(zone: Zone, day: DayPlan, rng: Rng): ServiceRequest[] {
  const quiet = day.open === null || day.weekday === 0 || day.weekday === 6;
  const n = poisson(rng, quiet ? WEB_REQUESTS_PER_DAY.weekendOrHoliday : WEB_REQUESTS_PER_DAY.weekday);
  const out: ServiceRequest[] = [];
  for (let i = 0; i < n; i++) {
    out.push({
      t: zone.toEpoch(day.key, uniform(rng, 6 * 3600, 23 * 3600)),
      type: REQUEST_TYPES[pickWeighted(rng, WEB_MIX)].name,
      origin: rng() < 0.6 ? 'Internet' : 'Mobile App',
      phone: residentNumber(rng)
    });
  }
  return out;
}

function residentNumber(rng: Rng): string {
  const area = pickWeighted(rng, [['312', 30], ['773', 45], ['872', 10], ['708', 10], ['630', 5]] as const);
  let exchange: number;
  do exchange = 200 + Math.floor(rng() * 800);
  while (exchange === 555 || exchange % 100 === 11);
  return `${area}${exchange}${String(Math.floor(rng() * 10_000)).padStart(4, '0')}`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "2026-11-24 14:05:09" -> "11/24/2026 02:05:09 PM". */
function cityTime(local: string): string {
  const h = Number(local.slice(11, 13));
  return `${local.slice(5, 7)}/${local.slice(8, 10)}/${local.slice(0, 4)} ${pad(h % 12 === 0 ? 12 : h % 12)}${local.slice(13, 19)} ${h < 12 ? 'AM' : 'PM'}`;
}

/** The export: requests in the order they were created, numbered as the city numbers them. */
export function serviceRequestCsv(zone: Zone, requests: ServiceRequest[]): string {
  const sorted = [...requests].sort((a, b) => a.t - b.t || (a.phone < b.phone ? -1 : a.phone > b.phone ? 1 : 0));
  const lines = ['SR_NUMBER,SR_TYPE,ORIGIN,CREATED_DATE,CALLER_PHONE'];
  sorted.forEach((r, i) => {
    const local = zone.formatLocal(r.t);
    const phone = `(${r.phone.slice(0, 3)}) ${r.phone.slice(3, 6)}-${r.phone.slice(6)}`;
    lines.push(`SR${local.slice(2, 4)}-${String(1_204_000 + i).padStart(8, '0')},${r.type},${r.origin},${cityTime(local)},${phone}`);
  });
  return lines.join('\n') + '\n';
}

/** The mapping that loads the export (`callboard ingest --mapping service-requests.mapping.json service-requests.csv`). */
export function demoServiceRequestMapping(timeZone: string) {
  return {
    name: "The city's service requests (demo)",
    kind: 'service_requests',
    timezone: timeZone,
    fields: {
      request_id: { column: 'SR_NUMBER' },
      created_ts: { column: 'CREATED_DATE', format: '%m/%d/%Y %I:%M:%S %p' },
      caller: { column: 'CALLER_PHONE' },
      request_type: { column: 'SR_TYPE', map: Object.fromEntries(Object.entries(REQUEST_TYPES).map(([code, t]) => [t.name, code])) }
    }
  };
}
