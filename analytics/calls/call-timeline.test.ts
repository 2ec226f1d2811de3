/** Each queue_log event in words, with Asterisk's field positions. */
import { describe, expect, it } from 'vitest';
import { buildTimeline, formatDuration, type CallEvent } from './call-timeline.ts';

const ev = (s: number, event: string, data: (string | null)[] = [], extra: Partial<CallEvent> = {}): CallEvent => ({
  ts: new Date(Date.UTC(2026, 2, 10, 15, 0, s)).toISOString(),
  local_time: `2026-03-10T10:00:${String(s).padStart(2, '0')}`,
  event,
  queue: 'billing',
  queue_label: 'Utility billing',
  agent: 'PJSIP/7001',
  rep: 'Ana Ruiz',
  rep_id: 'ana',
  data1: data[0] ?? null,
  data2: data[1] ?? null,
  data3: data[2] ?? null,
  data4: data[3] ?? null,
  data5: data[4] ?? null,
  ...extra
});

describe('buildTimeline', () => {
  it('tells every kind of event, with times from the first one', () => {
    const steps = buildTimeline([
      ev(0, 'DID', ['3125550100'], { agent: null, rep: null }),
      ev(0, 'ENTERQUEUE', ['', '3125550120', '2'], { agent: null, rep: null }),
      ev(15, 'RINGNOANSWER', ['15000'], { rep: 'Ben Okafor' }),
      ev(20, 'RINGCANCELED', ['4500']),
      ev(30, 'CONNECT', ['30', 'x', '5']),
      ev(40, 'COMPLETECALLER', ['30', '95', '2']),
      ev(41, 'COMPLETEAGENT', ['30', '3700', '2'], { rep: null }),
      ev(42, 'TRANSFER', ['2000', 'from-internal', '30', '60', '1']),
      ev(43, 'ATTENDEDTRANSFER', ['BRIDGE', 'b1', '30', '61', '1']),
      ev(44, 'ABANDON', ['3', '2', '44']),
      ev(45, 'EXITWITHTIMEOUT', ['1', '1', '120']),
      ev(46, 'EXITEMPTY', ['1', '1', '7']),
      ev(47, 'EXITWITHKEY', ['5', '1', '1', '12']),
      ev(47, 'JOINEMPTY', [], { agent: null, rep: null }),
      ev(47, 'FULL', [], { agent: null, rep: null }),
      ev(48, 'DID', [''], { agent: null, rep: null }),
      ev(49, 'SOMETHINGNEW', ['a', 'b'])
    ]);
    expect(steps.map((s) => [s.offset_s, s.kind, s.title, s.detail])).toEqual([
      [0, 'info', 'Dialled 3125550100', ''],
      [0, 'enter', 'Entered Utility billing', 'caller 3125550120, position 2'],
      [15, 'ring', 'Rang Ben Okafor, no answer', 'rang 15 s'],
      [20, 'ring', 'Ringing Ana Ruiz stopped', 'rang 5 s'],
      [30, 'connect', 'Answered by Ana Ruiz', 'waited 30 s, rang 5 s'],
      [40, 'end', 'Caller hung up', 'talked 1 min 35 s'],
      [41, 'end', 'PJSIP/7001 hung up', 'talked 1 h 01 min'],
      [42, 'transfer', 'Transferred by Ana Ruiz to 2000', 'talked 1 min 00 s'],
      [43, 'transfer', 'Attended transfer by Ana Ruiz', 'talked 1 min 01 s'],
      [44, 'lost', 'Caller hung up waiting', 'waited 44 s, at position 3'],
      [45, 'lost', 'Timed out of the queue', 'waited 2 min 00 s'],
      [46, 'lost', 'Left: nobody logged in', 'waited 7 s'],
      [47, 'lost', 'Left the queue with key 5', 'waited 12 s'],
      [47, 'lost', 'Turned away from Utility billing: nobody available', 'never entered the queue'],
      [47, 'lost', 'Turned away from Utility billing: queue full', 'never entered the queue'],
      [48, 'info', 'Arrived from inside the PBX (no number dialled)', ''],
      [49, 'info', 'SOMETHINGNEW', 'a, b']
    ]);
    expect(buildTimeline([])).toEqual([]);
  });

  it('formats durations', () => {
    expect([0, 59.4, 60, 3599, 3600, 7325, null, Number.NaN].map(formatDuration)).toEqual(['0 s', '59 s', '1 min 00 s', '59 min 59 s', '1 h 00 min', '2 h 02 min', '–', '–']);
  });
});
