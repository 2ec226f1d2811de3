/**
 * The Day page's tiles: each figure of the day against the same weekday of the previous four weeks.
 *
 * The comparison value is the plain mean of that figure over those weekdays (a rate's mean of daily
 * rates, the longest wait's mean of daily longest waits), leaving out weekdays with no calls at all
 * (the center was closed: a holiday) and null figures. For today, the day is not over: counts are
 * compared with the same weekdays up to the same time of day, the rest with whole days.
 */
import type { FigureKind } from '../shell/format.ts';

export type Better = 'higher' | 'lower' | null;

export interface TileSpec {
  key: TileKey;
  label: string;
  kind: FigureKind;
  /** Which way is good; null where neither is (volume, handle time). */
  better: Better;
}

export const TILE_KEYS = ['offered', 'answered', 'lost', 'lost_rate', 'service_level', 'asa_s', 'aht_s', 'max_wait_s'] as const;
export type TileKey = (typeof TILE_KEYS)[number];

export const TILES: readonly TileSpec[] = [
  { key: 'offered', label: 'Offered', kind: 'count', better: null },
  { key: 'answered', label: 'Answered', kind: 'count', better: null },
  { key: 'lost', label: 'Lost', kind: 'count', better: 'lower' },
  { key: 'lost_rate', label: 'Lost rate', kind: 'rate', better: 'lower' },
  { key: 'service_level', label: 'Service level', kind: 'rate', better: 'higher' },
  { key: 'asa_s', label: 'ASA', kind: 'seconds', better: 'lower' },
  { key: 'aht_s', label: 'AHT', kind: 'seconds', better: null },
  { key: 'max_wait_s', label: 'Longest wait', kind: 'seconds', better: 'lower' }
];

const COUNTS: readonly TileKey[] = ['offered', 'answered', 'lost'];

export type Figures = { [K in TileKey]: number | null } & { offered: number };

export type Direction = 'up' | 'down' | 'same';
export type Judgement = 'better' | 'worse' | 'same' | 'neutral';

export interface Tile extends TileSpec {
  value: number | null;
  baseline: number | null;
  delta: number | null;
  /** delta / baseline for counts and seconds; null for rates (their delta is in points). */
  relative: number | null;
  direction: Direction | null;
  judgement: Judgement | null;
  /** 'so_far': compared with the same weekdays up to the same time (today's counts). */
  basis: 'day' | 'so_far';
}

/** Differences smaller than what a tile shows count as no change. */
const SAME: Record<FigureKind, number> = { count: 0.5, rate: 0.0005, seconds: 0.5 };

export function mean(values: readonly (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null && Number.isFinite(v));
  return known.length ? known.reduce((a, b) => a + b, 0) / known.length : null;
}

export function compare(spec: TileSpec, value: number | null, baseline: number | null, basis: Tile['basis'] = 'day'): Tile {
  if (value === null || baseline === null) {
    return { ...spec, value, baseline, delta: null, relative: null, direction: null, judgement: null, basis };
  }
  const delta = value - baseline;
  const direction: Direction = Math.abs(delta) < SAME[spec.kind] ? 'same' : delta > 0 ? 'up' : 'down';
  const judgement: Judgement =
    direction === 'same' ? 'same' : spec.better === null ? 'neutral' : (direction === 'up') === (spec.better === 'higher') ? 'better' : 'worse';
  const relative = spec.kind === 'rate' || baseline === 0 ? null : delta / baseline;
  return { ...spec, value, baseline, delta, relative, direction, judgement, basis };
}

export interface BaselineDay {
  date: string;
  /** The whole day's figures. */
  day: Figures;
  /** For today's comparison: the counts up to the same time of day (absent for other days). */
  soFar?: Pick<Figures, 'offered' | 'answered' | 'lost'>;
}

/**
 * The tiles of a day against its baseline days. `partial` (today) compares counts with the
 * baseline days' `soFar` counts.
 */
export function buildTiles(day: Figures | null, baselineDays: readonly BaselineDay[], partial = false): Tile[] {
  const open = baselineDays.filter((d) => d.day.offered > 0);
  return TILES.map((spec) => {
    const soFar = partial && COUNTS.includes(spec.key) && open.every((d) => d.soFar);
    const base = mean(open.map((d) => (soFar ? d.soFar![spec.key as 'offered'] : d.day[spec.key])));
    return compare(spec, day ? day[spec.key] : null, base, soFar ? 'so_far' : 'day');
  });
}

/** The dates to compare a date with: the same weekday 1, 2, 3 and 4 weeks before, newest first. */
export function baselineDates(date: string, weeks = 4): string[] {
  return Array.from({ length: weeks }, (_, i) => {
    const d = new Date(`${date}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() - 7 * (i + 1));
    return d.toISOString().slice(0, 10);
  });
}
