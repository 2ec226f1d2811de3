import { describe, expect, it } from 'vitest';
import { baselineDates, buildTiles, compare, mean, TILES, type BaselineDay, type Figures } from './tiles.ts';

const figures = (f: Partial<Figures> & { offered: number }): Figures => ({
  answered: null,
  lost: null,
  lost_rate: null,
  service_level: null,
  asa_s: null,
  aht_s: null,
  max_wait_s: null,
  ...f
});
const spec = (key: string) => TILES.find((t) => t.key === key)!;

describe('baselineDates', () => {
  it('gives the same weekday of the four previous weeks, across a month end', () => {
    expect(baselineDates('2026-11-24')).toEqual(['2026-11-17', '2026-11-10', '2026-11-03', '2026-10-27']);
  });
});

describe('compare', () => {
  it('judges a lower lost rate better and reports the change in points', () => {
    const t = compare(spec('lost_rate'), 0.05, 0.08);
    expect(t.delta).toBeCloseTo(-0.03, 10);
    expect(t).toMatchObject({ direction: 'down', judgement: 'better', relative: null });
  });

  it('judges a higher service level better, a longer ASA worse', () => {
    expect(compare(spec('service_level'), 0.9, 0.8).judgement).toBe('better');
    expect(compare(spec('asa_s'), 40, 30)).toMatchObject({ direction: 'up', judgement: 'worse', delta: 10, relative: 1 / 3 });
  });

  it('calls volume neither better nor worse', () => {
    expect(compare(spec('offered'), 900, 800).judgement).toBe('neutral');
  });

  it('treats differences below what the tile shows as no change', () => {
    expect(compare(spec('offered'), 800, 800.4)).toMatchObject({ direction: 'same', judgement: 'same' });
    expect(compare(spec('service_level'), 0.8, 0.8004).direction).toBe('same');
    expect(compare(spec('service_level'), 0.8, 0.801).direction).toBe('down');
  });

  it('has no comparison when either side is missing', () => {
    expect(compare(spec('asa_s'), null, 30)).toMatchObject({ delta: null, direction: null, judgement: null });
    expect(compare(spec('asa_s'), 30, null).delta).toBeNull();
  });
});

describe('buildTiles', () => {
  const base: BaselineDay[] = [
    { date: '2026-11-17', day: figures({ offered: 800, lost: 40, service_level: 0.8, asa_s: 20 }), soFar: { offered: 300, answered: 280, lost: 10 } },
    { date: '2026-11-10', day: figures({ offered: 0 }), soFar: { offered: 0, answered: 0, lost: 0 } }, // closed: left out
    { date: '2026-11-03', day: figures({ offered: 900, lost: 60, service_level: 0.7, asa_s: null }), soFar: { offered: 340, answered: 300, lost: 20 } }
  ];

  it('averages the open weekdays, leaving out a closed one and null figures', () => {
    const tiles = buildTiles(figures({ offered: 820, lost: 30, service_level: 0.9, asa_s: 15 }), base);
    const by = Object.fromEntries(tiles.map((t) => [t.key, t]));
    expect(by.offered).toMatchObject({ baseline: 850, delta: -30, basis: 'day' });
    expect(by.lost).toMatchObject({ baseline: 50, delta: -20, judgement: 'better' });
    expect(by.service_level.baseline).toBeCloseTo(0.75, 10);
    expect(by.asa_s).toMatchObject({ baseline: 20, delta: -5 });
    expect(by.aht_s).toMatchObject({ value: null, baseline: null, delta: null });
  });

  it("compares today's counts with the same time of day, the rest with whole days", () => {
    const tiles = buildTiles(figures({ offered: 330, answered: 300, lost: 12, service_level: 0.9 }), base, true);
    const by = Object.fromEntries(tiles.map((t) => [t.key, t]));
    expect(by.offered).toMatchObject({ baseline: 320, delta: 10, basis: 'so_far' });
    expect(by.answered).toMatchObject({ baseline: 290, basis: 'so_far' });
    expect(by.service_level).toMatchObject({ basis: 'day' });
  });

  it('has no baseline when no earlier weekday had calls', () => {
    expect(buildTiles(figures({ offered: 5 }), [base[1]])[0]).toMatchObject({ value: 5, baseline: null });
  });

  it('mean ignores nulls and is null for nothing', () => {
    expect(mean([1, null, 3])).toBe(2);
    expect(mean([null])).toBeNull();
  });
});
