/**
 * The generator's reason sources besides queue_log (issue 15): the special line's member legs in
 * Master.csv (the caller's IVR choice in the userfield, linked to the queue call) and the city's
 * service-request export (requests a few minutes after a pick-up call from the caller's number, and
 * requests from the web and the app from numbers that did not call).
 */
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { Zone } from './calendar.ts';
import { generateDemoCenter, type DemoCenter } from './generate-demo-center.ts';

const TZ = 'America/Chicago';
const zone = new Zone(TZ);
let center: DemoCenter;
let log: string[][];

beforeAll(() => {
  center = generateDemoCenter({ end: new Date('2026-11-25T20:00:00Z'), days: 35, timeZone: TZ });
  log = center.queueLog.trim().split('\n').map((l) => l.split('|'));
});

/** Answered visits that ended: callid → queue, rep, member uniqueid, end, caller, transferred in. */
function answeredVisits() {
  const entered = new Map<string, { caller: string; transferred: boolean }>();
  const connected = new Map<string, { agent: string; memberUid: string }>();
  const out = new Map<string, { queue: string; agent: string; memberUid: string; end: number; caller: string; transferred: boolean }>();
  const did = new Map<string, string>();
  for (const f of log) {
    if (f[4] === 'DID') did.set(f[1], f[5]);
    if (f[4] === 'ENTERQUEUE') entered.set(f[1], { caller: f[6], transferred: did.get(f[1]) === '' });
    if (f[4] === 'CONNECT') connected.set(f[1], { agent: f[3], memberUid: f[6] });
    if (f[4] === 'COMPLETECALLER' || f[4] === 'COMPLETEAGENT' || f[4] === 'BLINDTRANSFER') {
      out.set(f[1], { queue: f[2], ...connected.get(f[1])!, ...entered.get(f[1])!, end: Number(f[0]) });
    }
  }
  return out;
}

describe('the special line\'s member legs in Master.csv', () => {
  it('writes one internal leg per answered special call, linked to it, with the caller\'s IVR choice in most', () => {
    const visits = answeredVisits();
    const rows = (parse(center.cdr, { relax_column_count: true }) as string[][]).filter((r) => r[3] === 'from-queue');
    const special = [...visits].filter(([, v]) => v.queue === 'special');
    expect(rows.map((r) => r[19]).sort()).toEqual(special.map(([id]) => id).sort());
    const bad: string[] = [];
    let chose = 0;
    for (const r of rows) {
      const v = visits.get(r[19])!;
      const ext = v.agent.split('/')[1];
      // src the queue's extension, dst the rep's: both extensions, so the loader keeps the leg out of the calls.
      if (r[1] !== '6003' || r[2] !== ext || r[16] !== v.memberUid || !r[5].startsWith(`Local/${ext}@from-queue-`) ||
        !r[6].startsWith(`PJSIP/${ext}-`) || r[14] !== 'ANSWERED') bad.push(r.join(','));
      if (v.transferred && r[17] !== '') bad.push(`transferred with a choice: ${r.join(',')}`);
      if (r[17] !== '' && !['bulky-item', 'special-needs', 'general-info'].includes(r[17])) bad.push(r.join(','));
      if (!v.transferred && r[17] !== '') chose++;
    }
    expect(bad.slice(0, 3)).toEqual([]);
    const firstVisits = rows.filter((r) => !visits.get(r[19])!.transferred).length;
    expect(chose / firstVisits).toBeGreaterThan(0.62);
    expect(chose / firstVisits).toBeLessThan(0.78);
  });
});

describe("the city's service-request export", () => {
  it('opens requests 1 to 15 minutes after pick-up calls from their callers, and others from numbers that never called', () => {
    const [header, ...rows] = parse(center.serviceRequests) as string[][];
    expect(header).toEqual(['SR_NUMBER', 'SR_TYPE', 'ORIGIN', 'CREATED_DATE', 'CALLER_PHONE']);
    const types = Object.keys(center.serviceRequestMapping.fields.request_type.map);
    const created = (s: string) => {
      const [, m, d, y, h, mi, se, ap] = /^(\d\d)\/(\d\d)\/(\d{4}) (\d\d):(\d\d):(\d\d) (AM|PM)$/.exec(s)!.map((x, i) => (i === 7 ? x : Number(x))) as number[];
      return zone.toEpoch(`${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`, ((h % 12) + (String(ap) === 'PM' ? 12 : 0)) * 3600 + mi * 60 + se);
    };
    const digits = (p: string) => p.replace(/\D/g, '');
    const visits = [...answeredVisits().values()];
    const endsByCaller = new Map<string, number[]>();
    for (const v of visits) endsByCaller.set(v.caller, [...(endsByCaller.get(v.caller) ?? []), v.end]);
    const bad: string[] = [];
    let prev = 0;
    for (const r of rows) {
      const t = created(r[3]);
      if (t < prev || !types.includes(r[1]) || !/^\(\d{3}\) \d{3}-\d{4}$/.test(r[4])) bad.push(r.join(','));
      prev = t;
      const ends = endsByCaller.get(digits(r[4])) ?? [];
      const after = ends.some((e) => t - e >= 60 && t - e <= 901);
      if (r[2] === 'Phone Call' ? !after : ends.length > 0) bad.push(`${r[2]}: ${r.join(',')}`);
    }
    expect(bad.slice(0, 3)).toEqual([]);
    expect(new Set(rows.map((r) => r[0])).size).toBe(rows.length);
    const phone = rows.filter((r) => r[2] === 'Phone Call').length;
    const pickupCalls = visits.filter((v) => v.queue !== 'billing').length;
    expect(phone / pickupCalls).toBeGreaterThan(0.4);
    expect(phone / pickupCalls).toBeLessThan(0.8);
    expect((rows.length - phone) / 35).toBeGreaterThan(25); // about 40 a weekday, 18 on other days
    expect((rows.length - phone) / 35).toBeLessThan(40);
  });
});
