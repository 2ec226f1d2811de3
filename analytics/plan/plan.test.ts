// The staffing plan on the demo center (17 weeks of history, through the real ingest path): what the
// plan says it could not learn, how its rows add up, the recommendation against its own rows, and the
// what-ifs moving the way they must. The arithmetic itself is hand-worked in ./plan-math.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDatabase, DEMO_NEXT_MONDAY, DEMO_TZ } from '../test-support/coverage-demo-db.ts';
import { staffingPlan, type PlanResult } from './plan.ts';
import { hireFactor } from './plan-headcount.ts';
import { daysBetween } from '../roster/schedule-model.ts';
import { GAP_TOLERANCE_FTE } from './plan-recommend.ts';

describe('the staffing plan of the demo center', () => {
  let demo: Awaited<ReturnType<typeof demoDatabase>>;
  let plan: PlanResult;
  beforeAll(async () => {
    demo = await demoDatabase();
    plan = await staffingPlan(demo.db, { from: DEMO_NEXT_MONDAY, timeZone: DEMO_TZ });
  }, 300_000);
  afterAll(() => demo?.dispose());

  it('reads the same daily history from the calls and from the summary, in any zone', async () => {
    // The definition, one local date per call, against the two faster forms the plan reads.
    const byCall = `SELECT strftime(timezone($tz, enter_ts), '%Y-%m-%d') AS date, CAST(count(*) AS INTEGER) AS calls,
        CAST(count(*) FILTER (outcome = 'answered') AS INTEGER) AS answered,
        COALESCE(sum(CASE WHEN talk_s BETWEEN 0 AND 86400 THEN talk_s ELSE 0 END
                     + CASE WHEN wrap_s BETWEEN 0 AND 86400 THEN wrap_s ELSE 0 END) FILTER (outcome = 'answered'), 0) AS handle_s
      FROM calls WHERE direction = 'inbound' AND outcome IS NOT NULL AND enter_ts < local_day_start($tz, $to) GROUP BY ALL ORDER BY date`;
    for (const tz of [DEMO_TZ, 'Asia/Kolkata', 'Australia/Eucla']) {
      const params = { tz, to: DEMO_NEXT_MONDAY };
      const expected = await demo.db.all(byCall, params);
      expect(expected.length).toBeGreaterThan(50);
      expect(await demo.db.query('plan-daily-history', params)).toEqual(expected);
      expect(await demo.db.query('plan-daily-history-summary', params)).toEqual(expected);
    }
  });

  it('52 ISO weeks from the Monday after the data, gap = required − available', () => {
    expect(plan.rows).toHaveLength(52);
    expect(plan.rows[0]).toMatchObject({ week: '2026-W24', monday: '2026-06-08' });
    for (const r of plan.rows) {
      expect(r.week).toMatch(/^\d{4}-W\d{2}$/);
      expect(r.gap_fte).toBeCloseTo(r.required_fte - r.available_fte, 10);
      expect(r.required_fte).toBeCloseTo(r.required_hours / plan.settings.full_time_hours, 10);
      expect(r.calls_low).toBeLessThan(r.calls_forecast);
      expect(r.calls_high).toBeGreaterThan(r.calls_forecast);
    }
    expect(plan.rows[0].required_fte).toBeGreaterThan(5);
  });

  it('17 weeks of history: no yearly season, and the plan says which season it could not learn', () => {
    expect(plan.forecast.yearly_season).toBe(false);
    expect(plan.notes[0]).toMatch(/more than 52 weeks are needed to learn the yearly season/);
    // No made-up shape: weeks without special days lie on one straight line (the capped trend).
    const plain = plan.rows.filter((r) => r.specials.length === 0);
    const step = (plain[1].calls_forecast - plain[0].calls_forecast) / (daysBetween(plain[0].monday, plain[1].monday) / 7);
    for (const r of plain) expect(r.calls_forecast).toBeCloseTo(plain[0].calls_forecast + step * (daysBetween(plain[0].monday, r.monday) / 7), 6);
  });

  it('shrinkage measured from the demo reps\' pauses, attrition defaulted (too short a history), both said', () => {
    expect(plan.settings.shrinkage_source).toBe('measured from pauses');
    expect(plan.settings.attrition_source).toBe('default');
    expect(plan.settings.attrition).toBe(0.15);
    expect(plan.notes.join(' ')).toContain('Attrition could not be measured');
  });

  it('with 50% attrition the recommendation names the first short week and enough hires, and one fewer is not', async () => {
    const p = await staffingPlan(demo.db, { from: DEMO_NEXT_MONDAY, timeZone: DEMO_TZ, attrition: 0.5, rampWeeks: 6, scenarios: false });
    const r = p.recommendation;
    const first = p.rows.find((w) => w.gap_fte > GAP_TOLERANCE_FTE)!;
    expect(r.from_week).toBe(first.week);
    expect(r.hire).toBeGreaterThan(0);
    expect(r.text).toMatch(new RegExp(`^To meet 80% in 20 s from week ${first.week}, hire ${r.hire} full-time reps? by ${r.by_date}\\.`));
    const productive = p.rows.filter((w) => daysBetween(r.by_date!, w.monday) >= 7 * 6 && w.monday >= first.monday);
    const covered = (n: number) => productive.every((w) => w.available_fte + n * hireFactor(daysBetween(r.by_date!, w.monday) / 7, 6, 0.5) >= w.required_fte - 1e-9);
    expect(covered(r.hire)).toBe(true);
    expect(covered(r.hire - 1)).toBe(false);
  }, 120_000);

  it('the what-ifs move the right way: 90/30 needs more, handle time −10% less, a new service more from its week, 25% attrition leaves fewer', () => {
    const by = Object.fromEntries(plan.scenarios.map((s) => [s.key, s]));
    expect(Object.keys(by)).toEqual(['sl-80-20', 'sl-90-30', 'aht-minus-10', 'new-service', 'attrition-15', 'attrition-25']);
    // The default new service: a tenth of the first week's normal calls from the plan's 14th week.
    const service = plan.settings.new_service;
    expect(service.from).toBe(plan.rows[13].monday);
    expect(service.calls_per_week % 10).toBe(0);
    expect(service.calls_per_week).toBeGreaterThan(0);
    plan.rows.forEach((r, i) => {
      expect(by['sl-90-30'].rows[i].required_fte).toBeGreaterThan(by['sl-80-20'].rows[i].required_fte);
      expect(by['aht-minus-10'].rows[i].required_fte).toBeLessThan(r.required_fte);
      if (i < 13) expect(by['new-service'].rows[i].required_fte).toBe(r.required_fte);
      else {
        expect(by['new-service'].rows[i].required_fte).toBeGreaterThan(r.required_fte);
        expect(by['new-service'].rows[i].calls_forecast).toBeCloseTo(r.calls_forecast + service.calls_per_week, 6);
      }
      if (i > 0) expect(by['attrition-25'].rows[i].available_fte).toBeLessThan(by['attrition-15'].rows[i].available_fte);
    });
    expect(by['attrition-25'].rows[51].available_fte).toBeCloseTo(plan.headcount.available_fte * Math.pow(0.75, 51 / 52), 10);
  });
});
