// Hand-worked timelines for the precedence slicing (on_call > ringing > wrap_up > paused > available).
import { describe, expect, it } from 'vitest';
import { NO_REASON, statesByDay, type DayBounds, type StateSpan } from './state-precedence.ts';

const DAY: DayBounds[] = [{ date: '2026-03-02', start_s: 0, end_s: 86_400 }];
const TWO_DAYS: DayBounds[] = [
  { date: '2026-03-02', start_s: 0, end_s: 100 },
  { date: '2026-03-03', start_s: 100, end_s: 200 }
];
const span = (kind: StateSpan['kind'], start_s: number, end_s: number, reason?: string, span_id?: string): StateSpan => ({ kind, start_s, end_s, reason, span_id });

describe('statesByDay', () => {
  it('one state at a time, by precedence, adding up to the logged-in time', () => {
    // 0-100 available, 100-290 paused (Lunch), 290-300 ringing, 300-500 on the call (the pause under it
    // does not count), 500-530 wrap-up, 530-1000 available.
    const [d] = statesByDay(
      [span('logged_in', 0, 1000), span('paused', 100, 400, 'Lunch', 'p1'), span('ringing', 290, 300), span('on_call', 300, 500), span('wrap_up', 500, 530)],
      DAY
    );
    expect(d).toEqual({
      date: '2026-03-02', logged_in_s: 1000, available_s: 570, ringing_s: 10, on_call_s: 200, wrap_up_s: 30, paused_s: 190,
      paused_by_reason: { Lunch: 190 }, pauses_by_reason: { Lunch: 1 }
    });
    expect(d.available_s + d.ringing_s + d.on_call_s + d.wrap_up_s + d.paused_s).toBe(d.logged_in_s);
  });

  it('counts only logged-in time, and overlapping spans of one kind once', () => {
    // Log-ins in two queues 0-100 and 50-150: 150 s logged in. Calls on two interfaces 20-60 and 40-80:
    // on a call 20-80. A call at 700-800 after the log-off adds nothing.
    const [d] = statesByDay(
      [span('logged_in', 0, 100), span('logged_in', 50, 150), span('on_call', 20, 60), span('on_call', 40, 80), span('on_call', 700, 800)],
      DAY
    );
    expect(d).toMatchObject({ logged_in_s: 150, on_call_s: 60, available_s: 90 });
  });

  it('gives overlapping pauses the reason of the one that started first, and counts each once', () => {
    const [d] = statesByDay(
      [span('logged_in', 0, 600), span('paused', 100, 300, 'Break', 'a'), span('paused', 200, 500, 'Lunch', 'b'), span('paused', 550, 560, undefined, 'c')],
      DAY
    );
    expect(d.paused_s).toBe(410);
    expect(d.paused_by_reason).toEqual({ Break: 200, Lunch: 200, [NO_REASON]: 10 });
    expect(d.pauses_by_reason).toEqual({ Break: 1, Lunch: 1, [NO_REASON]: 1 });
  });

  it('does not count a pause wholly under a call', () => {
    const [d] = statesByDay([span('logged_in', 0, 600), span('on_call', 100, 400), span('paused', 200, 300, 'Break', 'a')], DAY);
    expect(d).toMatchObject({ paused_s: 0, paused_by_reason: {}, pauses_by_reason: {}, on_call_s: 300, available_s: 300 });
  });

  it('cuts at local midnight: a break across it is time on both days, one break on the first', () => {
    const days = statesByDay([span('logged_in', 50, 150), span('paused', 80, 120, 'Break', 'a')], TWO_DAYS);
    expect(days).toEqual([
      { date: '2026-03-02', logged_in_s: 50, available_s: 30, ringing_s: 0, on_call_s: 0, wrap_up_s: 0, paused_s: 20, paused_by_reason: { Break: 20 }, pauses_by_reason: { Break: 1 } },
      { date: '2026-03-03', logged_in_s: 50, available_s: 30, ringing_s: 0, on_call_s: 0, wrap_up_s: 0, paused_s: 20, paused_by_reason: { Break: 20 }, pauses_by_reason: {} }
    ]);
  });

  it('leaves out days with no log-in', () => {
    expect(statesByDay([span('logged_in', 120, 150)], TWO_DAYS).map((d) => d.date)).toEqual(['2026-03-03']);
    expect(statesByDay([span('on_call', 10, 20)], TWO_DAYS)).toEqual([]);
  });
});
