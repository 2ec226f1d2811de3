/**
 * Everything the rep page shows about one rep, in one answer a rep may read about themself: their
 * figures for a period (analytics/rep-activity.ts), their quality score with its breakdown for that
 * period and per week over the weeks before it (analytics/quality-score.ts), and their evaluations.
 */
import type { Database } from '../../sql/db.ts';
import { InputError } from '../../sql/errors.ts';
import { repFigures, type RepActivityRow } from '../../analytics/reps/rep-activity.ts';
import { qualityScores, type QualityScoreRow, type QualitySettings } from '../../analytics/quality/quality-score.ts';
import { addDays, isDate, weekStart } from '../lib/reps/period.ts';
import { findRep, type Rep } from './rep-directory.ts';
import { listEvaluations, type Evaluation } from './quality.ts';

export interface RepReview {
  rep: Rep;
  from: string;
  to: string;
  /** The period's figures; null when the rep did nothing in it. */
  activity: RepActivityRow | null;
  /** The period's quality score with its breakdown; null without calls or evaluations. */
  quality: QualityScoreRow | null;
  /** Per ISO week, oldest first, the `weeks` weeks up to the one holding `to`. */
  weekly: QualityScoreRow[];
  weekly_from: string;
  evaluations: Evaluation[];
  settings: QualitySettings;
}

export const MAX_WEEKS = 53;

export async function repReview(
  db: Database,
  timeZone: string,
  id: string,
  opts: { from: string; to: string; weeks?: number }
): Promise<RepReview> {
  if (!isDate(opts.from) || !isDate(opts.to)) throw new InputError('from and to: local dates (YYYY-MM-DD)');
  const weeks = opts.weeks ?? 12;
  if (!Number.isInteger(weeks) || weeks < 1 || weeks > MAX_WEEKS) throw new InputError(`weeks: 1 to ${MAX_WEEKS}`);
  const weeklyFrom = addDays(weekStart(opts.to), -7 * (weeks - 1));
  const weeklyTo = addDays(weekStart(opts.to), 6);
  const [rep, activity, period, weekly, evaluations] = await Promise.all([
    findRep(db, id),
    repFigures(db, { from: opts.from, to: opts.to, timeZone }),
    qualityScores(db, { from: opts.from, to: opts.to, timeZone, rep: id }),
    qualityScores(db, { from: weeklyFrom, to: weeklyTo, timeZone, rep: id, by: 'week' }),
    listEvaluations(db, timeZone, { rep: id, from: weeklyFrom, to: weeklyTo, limit: 200 })
  ]);
  return {
    rep,
    from: opts.from,
    to: opts.to,
    activity: activity.find((r) => r.rep_id === id) ?? null,
    quality: period.rows[0] ?? null,
    weekly: weekly.rows,
    weekly_from: weeklyFrom,
    evaluations,
    settings: { weights: period.settings.weights, limits: period.settings.limits }
  };
}
