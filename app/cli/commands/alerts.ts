/**
 * `callboard alerts --date DATE [--json]`: the alert log of one local day, as the day view shows it
 * (app/server/live/alerts.ts over analytics/live/alert-log.ts): every stretch an alert rule held on a
 * queue, worked out from the loaded calls and rep states. Today: up to now, firing ones with `to` null.
 * Text: one line per episode; `--json`: `{"rows":[{"queue","label","kind","threshold","from","to","peak","text","firing_text"}]}`.
 */
import type { Command } from 'commander';
import { centerTimeZone } from '../../../analytics/center-settings.ts';
import { checkDate } from '../../../analytics/metrics/metric-query.ts';
import { readAlertRules } from '../../../analytics/live/alert-log.ts';
import { dayAlerts } from '../../server/live/alerts.ts';
import { MAX_LIVE_WAIT_S } from '../../server/live/live-snapshot.ts';
import { existingDatabase } from '../database.ts';
import { checkTimeZone, type CommonOptions } from '../options.ts';

export interface AlertsCliOptions extends CommonOptions {
  date: string;
  json?: boolean;
}

export async function run(opts: AlertsCliOptions, cmd: Command): Promise<void> {
  checkTimeZone(opts.timezone);
  const date = checkDate('date', opts.date);
  const db = await existingDatabase(opts.db);
  const timeZone = await centerTimeZone(db, cmd.getOptionValueSource('timezone') === 'default' ? null : opts.timezone);
  const rows = await dayAlerts(db, { date, timeZone, maxWaitS: MAX_LIVE_WAIT_S });
  if (opts.json) {
    process.stdout.write(JSON.stringify({ rows }) + '\n');
    return;
  }
  if (rows.length === 0) {
    const why = (await readAlertRules(db)).length ? `No alerts on ${date}.` : 'No alert rules are set (an admin sets them on the Settings page).';
    process.stdout.write(why + '\n');
    return;
  }
  const width = Math.max(...rows.map((r) => r.label.length));
  process.stdout.write(rows.map((r) => `${r.label.padEnd(width)}  ${r.text}`).join('\n') + '\n');
}
