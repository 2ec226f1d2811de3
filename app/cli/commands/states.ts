/**
 * `callboard states --from DATE --to DATE [--rep ID] [--json]`: each rep's logged-in time per local
 * day split into available, ringing, on calls, wrap-up and paused (by reason), one state at a time
 * (analytics/reps/rep-states.ts). Text: an aligned table in hours and minutes; `--json`: `{"rows":[...]}`.
 */
import type { Command } from 'commander';
import { centerTimeZone } from '../../../analytics/center-settings.ts';
import { repStateJson, repStates, type RepStateRow } from '../../../analytics/reps/rep-states.ts';
import { existingDatabase } from '../database.ts';
import { checkTimeZone, type CommonOptions } from '../options.ts';

export interface StatesCliOptions extends CommonOptions {
  from: string;
  to: string;
  rep?: string;
  json?: boolean;
}

const hm = (s: number) => `${Math.floor(s / 3600)}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}`;

/** Rows as an aligned table: times as h:mm, pauses as "Lunch 0:45 (1)". */
export function statesTable(rows: RepStateRow[]): string {
  const head = ['date', 'rep', 'logged in', 'available', 'ringing', 'on calls', 'wrap-up', 'paused', 'pauses by reason'];
  const cells = rows.map((r) => [
    r.date, r.rep, hm(r.logged_in_s), hm(r.available_s), hm(r.ringing_s), hm(r.on_call_s), hm(r.wrap_up_s), hm(r.paused_s),
    Object.entries(r.paused_by_reason).map(([k, s]) => `${k} ${hm(s)} (${r.pauses_by_reason[k] ?? 0})`).join(', ')
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (v: string[]) => v.map((x, i) => (i < 2 || i === 8 ? x.padEnd(widths[i]) : x.padStart(widths[i]))).join('  ').trimEnd();
  if (rows.length === 0) return 'No rep was logged in on those days.\n';
  return [line(head), ...cells.map(line)].join('\n') + '\n';
}

export async function run(opts: StatesCliOptions, cmd: Command): Promise<void> {
  checkTimeZone(opts.timezone);
  const db = await existingDatabase(opts.db);
  const timeZone = await centerTimeZone(db, cmd.getOptionValueSource('timezone') === 'default' ? null : opts.timezone);
  const rows = await repStates(db, { from: opts.from, to: opts.to, timeZone, rep: opts.rep ?? null });
  process.stdout.write(opts.json ? JSON.stringify({ rows: rows.map(repStateJson) }) + '\n' : statesTable(rows));
}
