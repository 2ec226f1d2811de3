// The optimiser's aims, by hand: how rosters rank on each, the never-worse rule, the trade-off in words,
// and the one measure of short and over hours (slot by slot, never an interval's average).
import { describe, expect, it } from 'vitest';
import { compareOnAim, keepNotWorse, tradeOffText, type AimFigures } from './roster-aim.ts';
import { intervalsToSlots, slotGaps } from './schedule-model.ts';

// The demo week: optimised meets the target everywhere with 40 fewer paid hours, greedy projects more service.
const greedy: AimFigures = { under_hours: 0, paid_hours: 720, service_level: 0.945, lost_calls: 89, intervals_below_target: 0 };
const optimised: AimFigures = { under_hours: 0, paid_hours: 680, service_level: 0.918, lost_calls: 135, intervals_below_target: 0 };

describe('roster aims', () => {
  it('ranks by short hours then paid hours, or by lost calls then service level', () => {
    expect(compareOnAim('fewest_paid_hours', optimised, greedy)).toBeLessThan(0);
    expect(compareOnAim('best_service', optimised, greedy)).toBeGreaterThan(0);
    expect(compareOnAim('fewest_paid_hours', { ...optimised, under_hours: 0.25 }, greedy)).toBeGreaterThan(0); // short beats cheap
    expect(compareOnAim('best_service', { ...greedy, lost_calls: 89.01 }, greedy)).toBe(0); // float noise is a tie
    expect(compareOnAim('best_service', { ...greedy, service_level: 0.95 }, greedy)).toBeLessThan(0);
  });

  it('never hands back a roster worse than greedy on the aim chosen', () => {
    const g = { figures: greedy, name: 'greedy' };
    const o = { figures: optimised, name: 'highs' };
    expect(keepNotWorse('fewest_paid_hours', g, o)).toEqual({ roster: o, kept_greedy: false });
    expect(keepNotWorse('best_service', g, o)).toEqual({ roster: g, kept_greedy: true });
    // A tie keeps HiGHS's roster (it is no worse).
    expect(keepNotWorse('best_service', g, { figures: { ...greedy }, name: 'tie' }).kept_greedy).toBe(false);
  });

  it('says the trade-off in plain words', () => {
    expect(tradeOffText('fewest_paid_hours', greedy, optimised, 0.8, false)).toBe(
      'Optimised uses 40 fewer paid hours than greedy; it meets the 80% target in every interval but projects 91.8% vs 94.5% for greedy (135 lost calls vs 89).' +
        " Greedy's extra hours staff beyond what the target needs: they buy service above the target, at a cost in wages. To spend contracted hours on service instead, aim for the best service."
    );
    expect(tradeOffText('best_service', greedy, { ...greedy, paid_hours: 730, service_level: 0.96, lost_calls: 70 }, 0.8, false)).toBe(
      'Optimised uses 10 more paid hours than greedy; it meets the 80% target in every interval and projects 96.0% vs 94.5% for greedy (70 lost calls vs 89). The extra hours stay within the reps\' contracted hours.'
    );
    expect(tradeOffText('fewest_paid_hours', greedy, { ...optimised, intervals_below_target: 3 }, 0.8, false)).toMatch(/misses the 80% target in 3 intervals \(greedy: 0\)/);
    expect(tradeOffText('fewest_paid_hours', greedy, { ...greedy }, 0.8, false)).toBe('Optimised and greedy score the same: HiGHS found nothing better on this aim in the time it had. Both project 94.5% (89 lost calls) with 720 paid hours.');
    expect(tradeOffText('best_service', greedy, greedy, 0.8, true)).toMatch(/^HiGHS found no roster better than greedy's on this aim in time, so the greedy roster is shown/);
  });
});

describe('short and over hours', () => {
  it('are counted slot by slot: a short quarter hour is not hidden by an over one in the same half hour', () => {
    // 2 reps required 09:00–09:30; 1 on the phones 09:00–09:15, 3 from 09:15: the half hour averages 2.
    const required = intervalsToSlots(new Map([[18, 2]]), 30);
    const onPhones = new Float64Array(96);
    onPhones[36] = 1;
    onPhones[37] = 3;
    expect(slotGaps(required, onPhones)).toEqual({ under_hours: 0.25, over_hours: 0.25, required_hours: 1, on_phone_hours: 1 });
  });
});
