// The real PBX export in fixtures/real/pbxware-queue-cdr-2018 (PBXware's queue_log table,
// 1,000 rows, US Eastern). Its PROVENANCE.md counts 108 queued calls: 51 COMPLETEAGENT,
// 38 COMPLETECALLER, 12 ABANDON, 1 EXITWITHTIMEOUT, 1 BLINDTRANSFER, 1 ATTENDEDTRANSFER and 4 with
// no terminal event (the file is cut at row 1000). The other numbers were worked out from the file
// itself, column by column (see each comment). A missing folder fails the test: never skipped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../sql/db.ts';
import { ingestFile } from '../../ingest/load.ts';
import { realdata } from '../../fixtures/paths.ts';
import { computeMetrics } from './metrics.ts';
import { lostCallFollowUp } from '../callers/follow-up.ts';
import { repeatCallers, repeatRatesBy } from '../callers/repeat-callers.ts';
import { repActivity } from '../reps/rep-activity.ts';
import { dataQuality } from './data-quality.ts';

const TZ = 'America/New_York';
const RANGE = { from: '2018-11-29', to: '2018-12-04', timeZone: TZ };

describe('pbxware-queue-cdr-2018/queue_log.csv', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDatabase(':memory:');
    const s = await ingestFile(db, realdata('pbxware-queue-cdr-2018/queue_log.csv'), { timeZone: TZ });
    expect(s.calls_added).toBe(108);
  });
  afterAll(() => db.close());

  it('totals the closed visits as the provenance counts them', async () => {
    const { rows } = await computeMetrics(db, { ...RANGE, by: 'total' });
    expect(rows).toEqual([
      {
        period_start: '2018-11-29',
        offered: 104, // 108 queued − 4 still open
        answered: 91, // 51 COMPLETEAGENT + 38 COMPLETECALLER + 1 BLINDTRANSFER + 1 ATTENDEDTRANSFER
        abandoned: 12,
        short_abandoned: 0, // the shortest ABANDON waited exactly 5 s (htime), not under 5
        timed_out: 1,
        blocked: 0, // no JOINEMPTY, JOINUNAVAIL or FULL in the export
        lost: 13,
        lost_rate: 13 / 104,
        answered_within_sl: 38, // CONNECT htime ≤ 20 on 38 of the 91
        service_level: 38 / 104,
        asa_s: 3570 / 91, // sum of the answered visits' CONNECT htime
        aht_s: 23913 / 91, // sum of the terminal events' ttime (no wrap-up in queue_log)
        avg_abandon_wait_s: 1141 / 12, // ABANDON htime: 5 21 40 45 53 70 74 98 146 191 197 201
        max_wait_s: 300, // the EXITWITHTIMEOUT (queue maxwait 300)
        ring_no_answer: 356, // 360 RINGNOANSWER rows, 4 of them on still-open visits
        transferred: 2
      }
    ]);
    const open = await db.one<{ n: number }>(`SELECT count(*) AS n FROM calls WHERE outcome IS NULL`);
    expect(open!.n).toBe(4);
  });

  it('finds one short abandon when the threshold moves past 5 s', async () => {
    const { rows } = await computeMetrics(db, { ...RANGE, by: 'total', shortAbandonS: 6 });
    expect(rows[0]).toMatchObject({ short_abandoned: 1, lost: 12, lost_rate: 12 / 103, service_level: 38 / 103 });
  });

  it('cuts local Eastern days and splits answers by rep', async () => {
    const days = await computeMetrics(db, { ...RANGE, by: 'day' });
    expect(Object.fromEntries(days.rows.filter((r) => r.offered).map((r) => [r.period_start, r.offered]))).toEqual({
      '2018-11-30': 13,
      '2018-12-03': 61,
      '2018-12-04': 30
    });
    const reps = await computeMetrics(db, { ...RANGE, by: 'total', group: 'rep' });
    expect(Object.fromEntries(reps.rows.filter((r) => r.answered).map((r) => [r.rep, r.answered]))).toEqual({
      'Agent/1109': 16,
      'Agent/1126': 13,
      'Agent/1127': 17,
      'Agent/1128': 13,
      'Agent/1141': 22,
      'Agent/1144': 10
    });
  });

  it('follows up the 13 lost callers: 3 got through within a day', async () => {
    const f = await lostCallFollowUp(db, RANGE);
    // Answered again after 20 s (…0246), 106 s (the time-out, …5048) and 577 s (…9815).
    expect(f.summary).toEqual({ lost_callers: 13, recovered: 3, recovery_rate: 3 / 13, median_recovery_s: 106 });
    expect(f.unrecovered).toHaveLength(10);
  });

  it('counts repeat callers among the 91 answered', async () => {
    const r = await repeatCallers(db, RANGE);
    expect(r.total).toEqual({ answered: 91, repeat_calls: 36, repeat_rate: 36 / 91 });
  });

  it('splits the repeat callers into weeks and months, each as its own dates count them', async () => {
    // 11-29 .. 12-02 are ISO week 48 and November; 12-03 .. 12-04 week 49 and December. The 72 h
    // look-back of a call early in week 49 reaches into week 48.
    const range = { ...RANGE, queue: null, windowS: 259_200 };
    const [weeks, months] = await Promise.all([repeatRatesBy(db, { ...range, by: 'week' }), repeatRatesBy(db, { ...range, by: 'month' })]);
    const [w48, w49] = await Promise.all([
      repeatCallers(db, { ...RANGE, to: '2018-12-02' }),
      repeatCallers(db, { ...RANGE, from: '2018-12-03' })
    ]);
    expect(weeks).toEqual([
      { period_start: '2018-11-26', ...w48.total },
      { period_start: '2018-12-03', ...w49.total }
    ]);
    expect(months.map((m) => m.period_start)).toEqual(['2018-11-01', '2018-12-01']);
    expect(months.map(({ period_start, ...figures }) => figures)).toEqual([w48.total, w49.total]);
    expect(w48.total.answered + w49.total.answered).toBe(91);
    expect(w48.total.repeat_calls + w49.total.repeat_calls).toBe(36);
  });

  it("adds up a rep's logged-in time from the log-ins", async () => {
    const { reps } = await repActivity(db, RANGE);
    const agent1127 = reps.find((r) => r.rep_id === 'agent-1127')!;
    // AGENTCALLBACKLOGOFF reports 27744 s and 29751 s; the third log-in (11:29:02 local on 12-04) has
    // no log-off, and the file is no longer being written (its newest row is years old): it ends at
    // the member's last activity in the file, the CONNECT at 11:50:06 (migration 018): 1264 s.
    expect(agent1127).toMatchObject({ handled: 17, logged_in_s: 27744 + 29751 + 1264, paused_s: 0 });
    expect(agent1127.occupancy).toBe(agent1127.talk_s / (27744 + 29751 + 1264));

    // PBXware logs the person in twice (Agent/1127 and the Local/1127@callback-agent queue member)
    // over the same spans: mapped to one person, the time counts once.
    await db.run(`INSERT INTO roster VALUES ('Agent/1127', '1127', 'Rep 1127', NULL, true),
                                            ('Local/1127@callback-agent', '1127', 'Rep 1127', NULL, true)`);
    try {
      const merged = (await repActivity(db, RANGE)).reps.find((r) => r.rep_id === '1127')!;
      expect(merged).toMatchObject({ rep: 'Rep 1127', interfaces: 'Agent/1127, Local/1127@callback-agent', handled: 17, logged_in_s: 27744 + 29751 + 1264 });
    } finally {
      await db.run(`DELETE FROM roster`);
    }
  });

  it('has no visit open over a day (the 4 open ones are at the very end)', async () => {
    const q = await dataQuality(db, RANGE);
    expect(q.summary).toMatchObject({ quarantined_lines: 0, open_visits_over_24h: 0, impossible_durations: 0, opening_hours_set: false });
  });
});
