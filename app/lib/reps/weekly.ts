/** The rep page's weekly trend: one point per ISO week from the first asked, empty weeks included (null). */
import { addDays } from './period.ts';

export interface WeeklyRowLike {
  period_start: string;
  handled: number;
  aht_s: number | null;
  team_aht_s: number | null;
  ring_no_answer_rate: number | null;
  transfer_rate: number | null;
  quality_score: number | null;
  evaluation_score: number | null;
}

export interface WeekPoint {
  week: string;
  handled: number | null;
  aht_s: number | null;
  team_aht_s: number | null;
  ring_no_answer_rate: number | null;
  transfer_rate: number | null;
  quality_score: number | null;
  evaluation_score: number | null;
}

export function weeklySeries(rows: readonly WeeklyRowLike[], firstWeek: string, weeks: number): WeekPoint[] {
  const byWeek = new Map(rows.map((r) => [r.period_start, r]));
  return Array.from({ length: weeks }, (_, i) => {
    const week = addDays(firstWeek, 7 * i);
    const r = byWeek.get(week);
    return {
      week,
      handled: r ? r.handled : null,
      aht_s: r?.aht_s ?? null,
      team_aht_s: r?.team_aht_s ?? null,
      ring_no_answer_rate: r?.ring_no_answer_rate ?? null,
      transfer_rate: r?.transfer_rate ?? null,
      quality_score: r?.quality_score ?? null,
      evaluation_score: r?.evaluation_score ?? null
    };
  });
}
