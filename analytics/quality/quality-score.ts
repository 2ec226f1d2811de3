/**
 * The per-rep quality score (sql/quality-score.sql): evaluation results blended with operational
 * measures (ring-no-answer rate, transfer rate, handle time against the team). The weights and scales
 * are center settings (`quality_weights`, `quality_limits`); each row carries its breakdown so a rep
 * can see why the score is what it is.
 */
import type { Database } from '../../sql/db.ts';
import { repCallDaysUsable } from '../../sql/upkeep/rep-call-days.ts';
import { InputError } from '../../sql/errors.ts';
import { MAX_RANGE_DAYS, checkChoice, checkRange } from '../metrics/metric-query.ts';

export const QUALITY_COMPONENTS = ['evaluations', 'ring_no_answer', 'transfers', 'handle_time'] as const;
export type QualityComponentKey = (typeof QUALITY_COMPONENTS)[number];
export type QualityWeights = Record<QualityComponentKey, number>;

export interface QualityLimits {
  /** A ring-no-answer rate at or above this scores 0. */
  ring_no_answer_rate: number;
  /** A transfer rate at or above this scores 0. */
  transfer_rate: number;
  /** Handle time this far above the team's (0.5 = 1.5 times) scores 0. */
  handle_time_over: number;
}

export interface QualitySettings {
  weights: QualityWeights;
  limits: QualityLimits;
}

/** Migration 005's values: evaluations count most; a fifth of offers ringing out, or of calls transferred, scores 0. */
export const DEFAULT_QUALITY_SETTINGS: QualitySettings = {
  weights: { evaluations: 50, ring_no_answer: 20, transfers: 10, handle_time: 20 },
  limits: { ring_no_answer_rate: 0.2, transfer_rate: 0.2, handle_time_over: 0.5 }
};

/** The periods GET /api/quality/scores offers. */
export const QUALITY_BY = ['total', 'week', 'day'] as const;
/** Those and months and quarters (the trends: a quarter's months in one query). */
export const QUALITY_PERIODS = [...QUALITY_BY, 'month', 'quarter'] as const;
export type QualityBy = (typeof QUALITY_PERIODS)[number];

export const COMPONENT_LABELS: Record<QualityComponentKey, string> = {
  evaluations: 'Evaluations',
  ring_no_answer: 'Ring, no answer',
  transfers: 'Transfers',
  handle_time: 'Handle time vs team'
};

export interface QualityComponent {
  key: QualityComponentKey;
  label: string;
  /** 0-100, null without data (then it leaves the blend). */
  score: number | null;
  weight: number;
  /** The weight's share of the blend among the components with data (0..1), null when left out. */
  share: number | null;
  /** What the score was worked out from, in words. */
  basis: string;
}

export interface QualityScoreRow {
  period_start: string;
  rep_id: string;
  rep: string;
  handled: number;
  ring_no_answer: number;
  ring_no_answer_rate: number | null;
  transferred: number;
  transfer_rate: number | null;
  aht_s: number | null;
  team_aht_s: number | null;
  handle_time_ratio: number | null;
  evaluations: number;
  evaluation_score: number | null;
  score_evaluations: number | null;
  score_ring_no_answer: number | null;
  score_transfers: number | null;
  score_handle_time: number | null;
  quality_score: number | null;
  components: QualityComponent[];
}

export interface QualityScoreOptions {
  from: string;
  to: string;
  timeZone: string;
  by?: QualityBy | string;
  rep?: string | null;
}

export interface QualityScoreResult {
  rows: QualityScoreRow[];
  settings: QualitySettings & { from: string; to: string; time_zone: string; by: QualityBy };
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const parse = (text: string | undefined): unknown => {
  try {
    return text === undefined ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
};

/** Checks settings as given (API or stored); a missing key keeps the default. */
export function checkQualitySettings(input: { weights?: Partial<QualityWeights>; limits?: Partial<QualityLimits> }, base = DEFAULT_QUALITY_SETTINGS): QualitySettings {
  const weights = { ...base.weights, ...input.weights };
  const limits = { ...base.limits, ...input.limits };
  for (const k of QUALITY_COMPONENTS) {
    const w = weights[k];
    if (typeof w !== 'number' || !Number.isFinite(w) || w < 0 || w > 1000) throw new InputError(`weight ${k}: a number from 0 to 1000`);
  }
  if (QUALITY_COMPONENTS.every((k) => weights[k] === 0)) throw new InputError('at least one weight must be above 0');
  for (const k of ['ring_no_answer_rate', 'transfer_rate'] as const) {
    const v = limits[k];
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0 || v > 1) throw new InputError(`limit ${k}: a rate above 0 and at most 1`);
  }
  const over = limits.handle_time_over;
  if (typeof over !== 'number' || !Number.isFinite(over) || over <= 0 || over > 10) throw new InputError('limit handle_time_over: above 0 and at most 10');
  return { weights: pick(weights, QUALITY_COMPONENTS), limits: pick(limits, ['ring_no_answer_rate', 'transfer_rate', 'handle_time_over'] as const) };
}

function pick<T extends object, K extends keyof T>(o: T, keys: readonly K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((k) => [k, o[k]])) as Pick<T, K>;
}

/** The stored settings; an unreadable stored value falls back to the default (and says so in the log). */
export async function readQualitySettings(db: Database): Promise<QualitySettings> {
  const rows = await db.all<{ key: string; value: string }>(
    `SELECT key, CAST(value AS VARCHAR) AS value FROM settings WHERE key IN ('quality_weights', 'quality_limits')`
  );
  const stored = (key: string) => parse(rows.find((r) => r.key === key)?.value);
  const weights = stored('quality_weights');
  const limits = stored('quality_limits');
  try {
    return checkQualitySettings({
      weights: isObject(weights) ? (weights as Partial<QualityWeights>) : undefined,
      limits: isObject(limits) ? (limits as Partial<QualityLimits>) : undefined
    });
  } catch (e) {
    console.error(`quality settings: ${(e as Error).message}; using the defaults`);
    return DEFAULT_QUALITY_SETTINGS;
  }
}

const pct = (r: number | null) => (r === null ? '–' : `${(100 * r).toFixed(1)}%`);
const sec = (s: number | null) => (s === null ? '–' : `${Math.round(s)} s`);

/** The breakdown of a row: each component's score, weight, share of the blend, and what it came from. */
export function qualityComponents(row: Omit<QualityScoreRow, 'components'>, s: QualitySettings): QualityComponent[] {
  const scores: Record<QualityComponentKey, number | null> = {
    evaluations: row.score_evaluations,
    ring_no_answer: row.score_ring_no_answer,
    transfers: row.score_transfers,
    handle_time: row.score_handle_time
  };
  const total = QUALITY_COMPONENTS.reduce((sum, k) => sum + (scores[k] === null ? 0 : s.weights[k]), 0);
  const basis: Record<QualityComponentKey, string> = {
    evaluations: row.evaluations
      ? `mean of ${row.evaluations} evaluation${row.evaluations === 1 ? '' : 's'}`
      : 'no evaluations in the period',
    ring_no_answer: row.handled + row.ring_no_answer
      ? `${row.ring_no_answer} of ${row.handled + row.ring_no_answer} offers rang out (${pct(row.ring_no_answer_rate)}; ${pct(s.limits.ring_no_answer_rate)} scores 0)`
      : 'no calls offered',
    transfers: row.handled
      ? `${row.transferred} of ${row.handled} calls transferred (${pct(row.transfer_rate)}; ${pct(s.limits.transfer_rate)} scores 0)`
      : 'no calls handled',
    handle_time: row.handle_time_ratio !== null
      ? `AHT ${sec(row.aht_s)} vs the team's ${sec(row.team_aht_s)} on the same queues (${row.handle_time_ratio.toFixed(2)}×; ${(1 + s.limits.handle_time_over).toFixed(2)}× scores 0)`
      : 'no calls handled'
  };
  return QUALITY_COMPONENTS.map((key) => ({
    key,
    label: COMPONENT_LABELS[key],
    score: scores[key],
    weight: s.weights[key],
    share: scores[key] === null || total === 0 ? null : s.weights[key] / total,
    basis: basis[key]
  }));
}

export async function qualityScores(db: Database, opts: QualityScoreOptions, settings?: QualitySettings): Promise<QualityScoreResult> {
  const range = checkRange(opts, MAX_RANGE_DAYS);
  const by = checkChoice('by', QUALITY_PERIODS, opts.by, 'total');
  const s = settings ?? (await readQualitySettings(db));
  const rows = await db.query<Omit<QualityScoreRow, 'components'>>('quality-score', {
    from: range.from,
    to: range.to,
    tz: range.timeZone,
    by,
    rep: opts.rep ?? null,
    // each rep's calls from the per-day summary while it matches the calls and zone (the same sums), else from the calls
    summary: await repCallDaysUsable(db, range.timeZone),
    w_evaluations: s.weights.evaluations,
    w_ring_no_answer: s.weights.ring_no_answer,
    w_transfers: s.weights.transfers,
    w_handle_time: s.weights.handle_time,
    rna_limit: s.limits.ring_no_answer_rate,
    transfer_limit: s.limits.transfer_rate,
    aht_over_limit: s.limits.handle_time_over
  });
  return {
    rows: rows.map((r) => ({ ...r, components: qualityComponents(r, s) })),
    settings: { ...s, from: range.from, to: range.to, time_zone: range.timeZone, by }
  };
}
