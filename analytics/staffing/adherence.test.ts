// Adherence by hand: a 09:00-13:00 shift with a 15-minute break at 10:30 (4 h = 14,400 s scheduled,
// 3 h 45 on the phones), and what the rep actually did, slot by slot (available seconds per 15 min).
import { describe, expect, it } from 'vitest';
import { adherenceOf, inStateSeconds, scheduledAt } from './adherence.ts';
import { adherenceNow, type RepDoing } from './adherence-now.ts';
import type { Shift } from '../roster/schedule-model.ts';
import { ADHERENCE_DEFINITIONS } from '../glossary.ts';

const DATE = '2026-11-24';
const shift = (rep_id: string, date = DATE, start = 540, end = 780, breakAt = 630): Shift => ({
  rep_id, date, start_minute: start, end_minute: end, template_id: null,
  breaks: [{ kind: 'break', start_minute: breakAt, minutes: 15, paid: true }]
});
const names = new Map([['ana', 'Ana Ruiz'], ['ben', 'Ben Okafor']]);

/** Available seconds per slot for a rep who is on the phones over the given [from, to) minute spans. */
function availability(rep: string, spans: Array<[number, number]>, date = DATE): Map<string, number> {
  const out = new Map<string, number>();
  for (let slot = 0; slot < 1440; slot += 15) {
    const s = spans.reduce((sum, [a, b]) => sum + Math.max(0, Math.min(b, slot + 15) - Math.max(a, slot)) * 60, 0);
    if (s > 0) out.set(`${rep}|${date}|${slot}`, s);
  }
  return out;
}

describe('inStateSeconds (one slot, best alignment)', () => {
  it('counts available time against the on-phone part first, the rest of the slot against the break', () => {
    expect(inStateSeconds(900, 0, 900)).toBe(900);
    expect(inStateSeconds(900, 0, 300)).toBe(300);
    expect(inStateSeconds(0, 900, 0)).toBe(900); // on the break, as scheduled
    expect(inStateSeconds(0, 900, 600)).toBe(300); // worked 10 of the 15 break minutes
    expect(inStateSeconds(600, 300, 900)).toBe(600); // worked through the break's 5 minutes
  });
});

describe('adherenceOf (a day, or today so far)', () => {
  it('is 100 % for a rep who takes the break at the scheduled time', () => {
    const [a] = adherenceOf([shift('ana')], availability('ana', [[540, 630], [645, 780]]), names);
    expect(a).toMatchObject({ rep_id: 'ana', name: 'Ana Ruiz', scheduled_s: 14_400, in_state_s: 14_400, adherence: 1, scheduled_on_phone_s: 13_500, on_phone_in_shift_s: 13_500 });
  });

  it('loses the 20 minutes of a late log-in (09:20)', () => {
    const [a] = adherenceOf([shift('ana')], availability('ana', [[560, 630], [645, 780]]), names);
    expect(a.in_state_s).toBe(14_400 - 1200);
    expect(a.adherence).toBeCloseTo(13_200 / 14_400, 10);
  });

  it('loses both ends of an early break (10:20-10:35 for 10:30-10:45): 10 min off the phones, 10 min on them during the break', () => {
    const [a] = adherenceOf([shift('ana')], availability('ana', [[540, 620], [635, 780]]), names);
    expect(a.in_state_s).toBe(14_400 - 600 - 600);
  });

  it('does not count time outside the shift: logged in on a day off, or before the shift', () => {
    const available = new Map([...availability('ana', [[480, 630], [645, 780]]), ...availability('ben', [[540, 780]])]);
    const rows = adherenceOf([shift('ana')], available, names);
    expect(rows.map((r) => r.rep_id)).toEqual(['ana']); // Ben had no shift: no row, nothing against him
    expect(rows[0]).toMatchObject({ scheduled_s: 14_400, in_state_s: 14_400, on_phone_in_shift_s: 13_500 });
  });

  it('counts only the scheduled time so far for a shift spanning the instant asked', () => {
    // 10:05: 65 minutes scheduled, all on the phones; the rep was on them from 09:10 (slot 09:00 has 5 of 15 min).
    const available = availability('ana', [[550, 605]]);
    const [a] = adherenceOf([shift('ana')], available, names, { date: DATE, minute: 605 });
    expect(a).toMatchObject({ scheduled_s: 3900, scheduled_on_phone_s: 3900, in_state_s: 3900 - 600 });
    // 10:40, ten minutes into the break (paused since 10:30, as scheduled): 100 minutes, of them 10 on the break.
    const [b] = adherenceOf([shift('ana')], availability('ana', [[540, 630]]), names, { date: DATE, minute: 640 });
    expect(b).toMatchObject({ scheduled_s: 6000, scheduled_on_phone_s: 5400, in_state_s: 6000, adherence: 1 });
  });

  it('answers exactly the figures the glossary defines', () => {
    const [a] = adherenceOf([shift('ana')], new Map(), names);
    expect(Object.keys(a)).toEqual(ADHERENCE_DEFINITIONS.map((d) => d.key));
  });

  it('gives a shift not started yet (or a later date) no time and no figure', () => {
    const rows = adherenceOf([shift('ana', DATE, 780, 1020, 900), shift('ben', '2026-11-25')], new Map(), names, { date: DATE, minute: 600 });
    expect(rows.map((r) => [r.rep_id, r.scheduled_s, r.adherence])).toEqual([['ana', 0, null], ['ben', 0, null]]);
  });
});

describe('scheduledAt', () => {
  it('says what the shift has the rep doing and since which minute', () => {
    expect(scheduledAt(shift('ana'), 539)).toEqual({ activity: 'off', from_minute: null });
    expect(scheduledAt(shift('ana'), 600)).toEqual({ activity: 'phones', from_minute: 540 });
    expect(scheduledAt(shift('ana'), 635)).toEqual({ activity: 'break', from_minute: 630 });
    expect(scheduledAt(shift('ana'), 700)).toEqual({ activity: 'phones', from_minute: 645 });
    expect(scheduledAt(shift('ana'), 780)).toEqual({ activity: 'off', from_minute: null });
    expect(scheduledAt(undefined, 600).activity).toBe('off');
  });
});

describe('adherenceNow (the live floor, America/Chicago; 2026-11-24 is CST, UTC-6)', () => {
  const TZ = 'America/Chicago';
  const at = (hhmm: string, date = DATE, offset = '-06:00') => Date.parse(`${date}T${hhmm}:00${offset}`) / 1000;
  const judge = (nowHHMM: string, doing: Record<string, RepDoing>, shifts: Shift[] = [shift('ana')], date = DATE, offset = '-06:00') => {
    const [h, m] = nowHHMM.split(':').map(Number);
    return adherenceNow({ shifts, now: { date, minute: h * 60 + m }, nowS: at(nowHHMM, date, offset), timeZone: TZ, reps: new Map(Object.entries(doing)), names, thresholdS: 300 });
  };
  const loggedOut: RepDoing = { state: 'logged_out', reason: null, since_s: at('17:00', '2026-11-23') };
  const paused = (since: string): RepDoing => ({ state: 'paused', reason: 'Break', since_s: at(since) });
  const available = (since: string): RepDoing => ({ state: 'available', reason: null, since_s: at(since) });

  it('flags a late log-in from the shift start, not from the log-off the evening before', () => {
    const [a] = judge('09:12', { ana: loggedOut });
    expect(a).toMatchObject({ rep_id: 'ana', scheduled: 'phones', state: 'logged_out', in_adherence: false, out_since_s: at('09:00'), flagged: true });
    // Never seen at all (no state today): logged out, the same.
    expect(judge('09:12', {})[0]).toMatchObject({ state: 'logged_out', out_since_s: at('09:00'), flagged: true });
    // Four minutes late is out of adherence but under the 5-minute threshold.
    expect(judge('09:04', { ana: loggedOut })[0]).toMatchObject({ in_adherence: false, flagged: false });
  });

  it('holds an early break from when it began, and lets it be once the scheduled break starts', () => {
    expect(judge('10:24', { ana: paused('10:20') })[0]).toMatchObject({ out_since_s: at('10:20'), flagged: false });
    expect(judge('10:27', { ana: paused('10:20') })[0]).toMatchObject({ out_since_s: at('10:20'), flagged: true });
    expect(judge('10:31', { ana: paused('10:20') })[0]).toMatchObject({ scheduled: 'break', in_adherence: true, out_since_s: null, flagged: false });
  });

  it('is in adherence on a break taken at the scheduled time, and out when it runs over', () => {
    expect(judge('10:40', { ana: paused('10:30') })[0]).toMatchObject({ scheduled: 'break', in_adherence: true, flagged: false });
    expect(judge('10:52', { ana: paused('10:30') })[0]).toMatchObject({ scheduled: 'phones', in_adherence: false, out_since_s: at('10:45'), flagged: true });
  });

  it('judges on the phones through a scheduled break as out of adherence too', () => {
    expect(judge('10:40', { ana: available('09:00') })[0]).toMatchObject({ scheduled: 'break', state: 'available', out_since_s: at('10:30'), flagged: true });
  });

  it('never judges a rep the schedule has off now: a day off, before the shift, after it', () => {
    expect(judge('10:00', { ben: available('08:00') }).map((r) => r.rep_id)).toEqual(['ana']); // Ben has no shift
    expect(judge('08:30', { ana: available('08:00') })).toEqual([]);
    expect(judge('13:00', { ana: loggedOut })).toEqual([]);
  });

  it('puts the flagged first, the longest out first', () => {
    const rows = judge('09:30', { ana: available('09:00'), ben: paused('09:10') }, [shift('ana'), shift('ben')]);
    expect(rows.map((r) => [r.rep_id, r.flagged])).toEqual([['ben', true], ['ana', false]]);
  });

  it('takes the shift start in the day\'s own offset on a DST day (2026-03-08: clocks spring forward at 02:00 to CDT, UTC-5)', () => {
    const dst = '2026-03-08';
    const rows = judge('08:10', { ana: { state: 'logged_out', reason: null, since_s: at('17:00', '2026-03-07') } }, [shift('ana', dst, 480, 960, 600)], dst, '-05:00');
    // 08:00 CDT is 13:00 UTC; with the day before's offset it would be 14:00 UTC, after "now" (13:10 UTC).
    expect(rows[0]).toMatchObject({ out_since_s: Date.parse('2026-03-08T13:00:00Z') / 1000, flagged: true });
  });
});
