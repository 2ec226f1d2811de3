/**
 * `callboard forecast [--from DATE] [--weeks N] [--queue NAME] [--interval-minutes 15|30|60]
 * [--json|--csv]`: the forecast of calls and handle time for coming weeks (analytics/forecast.ts),
 * with its backtest error. Text: calls per day and queue, the model, the backtest; --csv: one row
 * per queue and interval; --json: the whole answer. Default --from: the Monday after today.
 */
import { Option, type Command } from 'commander';
import { csvLine } from '../../../analytics/csv-cell.ts';
import { forecast, FORECAST_INTERVALS, type ForecastResult } from '../../../analytics/forecast/forecast.ts';
import { addDays, mondayOf, WEEKDAY_NAMES, isoWeekday } from '../../../analytics/roster/schedule-model.ts';
import { localNow } from '../../lib/shell/dates.ts';
import { commandContext, withCommonOptions, type CommonOptions } from '../options.ts';

interface ForecastCliOptions extends CommonOptions {
  from?: string;
  weeks: string;
  queue?: string;
  intervalMinutes: string;
  json?: boolean;
  csv?: boolean;
}

const pct = (x: number | null) => (x === null ? '-' : `${(x * 100).toFixed(1)}%`);

/** Calls per day (a column per queue and the total), then the model and the backtest. */
export function forecastText(f: ForecastResult): string {
  const cols = f.queues.length > 1 ? [...f.queues, '*'] : f.queues;
  const head = ['date', 'day', ...cols.map((q) => (q === '*' ? 'total' : q)), 'special'];
  const dates = [...new Set(f.days.map((d) => d.date))].sort();
  const rows = dates.map((date) => {
    const day = f.days.filter((d) => d.date === date);
    return [date, WEEKDAY_NAMES[isoWeekday(date) - 1], ...cols.map((q) => (day.find((d) => d.queue === q)?.calls ?? 0).toFixed(0)), day.find((d) => d.special)?.special ?? ''];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((v, i) => (i >= 2 && i < r.length - 1 ? v.padStart(widths[i]) : v.padEnd(widths[i]))).join('  ').trimEnd();
  const out = [`Forecast of offered calls, ${f.settings.from} to ${f.settings.to} (${f.settings.time_zone}), trained on the ${f.settings.training_weeks} weeks before ${f.settings.trained_before}`, '', line(head), ...rows.map(line), ''];
  for (const m of f.models) {
    const factors = Object.entries(m.weekday_factors).map(([w, x]) => `${WEEKDAY_NAMES[Number(w) - 1]} ${x.toFixed(2)}`).join(' ');
    out.push(`${m.queue}: ${m.level.toFixed(0)} calls on an average open day, trend ${(m.trend_per_week * 100).toFixed(2)}% a week, AHT ${m.aht_s === null ? '-' : m.aht_s.toFixed(0) + ' s'}; ${factors}`);
  }
  out.push('', `Backtest (each of the weeks ${f.backtest[0]?.weeks.join(', ') ?? '-'} forecast from the data before it), WAPE:`);
  for (const b of f.backtest) out.push(`  ${b.queue === '*' ? 'all queues' : b.queue}: per day ${pct(b.wape_day)}, per interval ${pct(b.wape_interval)}${b.aht_wape === null ? '' : `, handle time ${pct(b.aht_wape)}`} (${b.days_scored} days)`);
  return out.join('\n') + '\n';
}

export function forecastCsv(f: ForecastResult): string {
  const lines = f.intervals.map((r) => csvLine([r.period_start, r.queue, r.calls.toFixed(3), r.aht_s === null ? '' : r.aht_s.toFixed(1), r.adjustments.join(' ')]));
  return ['period_start,queue,calls,aht_s,adjustments', ...lines].join('\n') + '\n';
}

export function register(program: Command): void {
  withCommonOptions(
    program
      .command('forecast')
      .description('forecast of calls and handle time per queue and interval for coming weeks, with its backtest error')
      .option('--from <date>', 'first local date forecast (default: the Monday after today)')
      .option('--weeks <n>', 'weeks to forecast (1-8)', '2')
      .option('--queue <name>', 'only this queue')
      .addOption(new Option('--interval-minutes <n>', 'interval length').choices(FORECAST_INTERVALS.map(String)).default('30'))
      .addOption(new Option('--json', 'print the whole answer as JSON').conflicts('csv'))
      .option('--csv', 'print one CSV row per queue and interval')
  ).action(async (opts: ForecastCliOptions, cmd: Command) => {
    const { db, timeZone } = await commandContext(cmd).open();
    const from = opts.from ?? addDays(mondayOf(localNow(timeZone).date), 7);
    const result = await forecast(db, { from, weeks: Number(opts.weeks), queue: opts.queue, intervalMinutes: opts.intervalMinutes, timeZone });
    if (opts.json) process.stdout.write(JSON.stringify(result) + '\n');
    else if (opts.csv) process.stdout.write(forecastCsv(result));
    else process.stdout.write(forecastText(result));
  });
}
