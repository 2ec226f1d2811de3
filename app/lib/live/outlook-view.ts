/**
 * What the outlook (the rest of today: analytics/staffing/intraday-outlook.ts) says in words, for
 * /live (LiveOutlook.svelte) and the day view (DayOutlook.svelte), as pure functions.
 */
import type { Outlook } from '../../../analytics/staffing/intraday-outlook.ts';
import { wholeGap } from '../../../analytics/staffing/intraday-shortfall.ts';

const whole = (n: number) => Math.round(n).toLocaleString('en-US');

/** "Busier than forecast: 208 calls by 10:00 against 202 expected (+3 %)." */
export function outlookPace(o: Outlook): string | null {
  if (o.status !== 'ok' && o.status !== 'no_schedule') return null;
  if (o.ratio === null) return `No calls expected before ${o.cut_off} yet: the day-ahead forecast stands.`;
  const pct = Math.round((o.ratio - 1) * 100);
  const pace = pct === 0 ? 'As forecast' : pct > 0 ? 'Busier than forecast' : 'Quieter than forecast';
  return `${pace}: ${whole(o.calls_so_far)} calls by ${o.cut_off} against ${whole(o.forecast_so_far)} expected (${pct > 0 ? '+' : pct < 0 ? '−' : '±'}${Math.abs(pct)} %).`;
}

/** "Expecting 736 calls today (forecast 721)." */
export function outlookTotal(o: Outlook): string | null {
  if (o.status !== 'ok' && o.status !== 'no_schedule') return null;
  return `Expecting ${whole(o.reprojected_day)} calls today (day-ahead forecast ${whole(o.forecast_day)}).`;
}

/** Whole reps over (+) or short (−) in an interval, as the lines count them; null when unknown. */
export function gapWord(required: number | null, scheduled: number | null): string {
  if (scheduled === null) return '–';
  const gap = wholeGap({ minute: 0, required, scheduled });
  return gap === null ? '–' : gap === 0 ? 'enough' : gap < 0 ? `short ${-gap}` : `over ${gap}`;
}
