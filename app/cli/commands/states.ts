/**
 * `callboard states --from DATE --to DATE [--rep ID] [--json]`: each rep's logged-in time per local
 * day split into available, ringing, on calls, wrap-up and paused (by reason), one state at a time
 * (analytics/reps/rep-states.ts). Text: an aligned table in hours and minutes; `--json`: `{"rows":[...]}`,
 * with `calls_purged_before` beside the rows when records retention took calls of the range.
 */
import type { Command } from 'commander';
import { centerTimeZone } from '../../../analytics/center-settings.ts';
import { repStateJson, repStates, type RepStateRow } from '../../../analytics/reps/rep-states.ts';
import { purgeCutoff, purgedBefore } from '../../../analytics/retention/purged.ts';
import { existingDatabase } from '../database.ts';
import { checkTimeZone, type CommonOptions } from '../options.ts';

export interface StatesCliOptions extends CommonOptions {
  from: string;
  to: string;
  rep?: string;
  json?: boolean;
}

const hm = (s: number) => `${Math.floor(s / 3600)}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}`;

/**
 * Rows as an aligned table: times as h:mm, pauses as "Lunch 0:45 (1)". Days before `callsPurgedBefore`
 * (records retention took their calls) say "purged" where the state comes from the calls (ringing, on
 * calls, wrap-up, and so available); logged-in and paused time stay (their events are kept).
 */
export function statesTable(rows: RepStateRow[], callsPurgedBefore: string | null = null): string {
  const head = ['date', 'rep', 'logged in', 'available', 'ringing', 'on calls', 'wrap-up', 'paused', 'pauses by reason'];
  const cells = rows.map((r) => {
    const gone = callsPurgedBefore !== null && r.date < callsPurgedBefore;
    const fromCalls = (s: number) => (gone ? 'purged' : hm(s));
    return [
      r.date, r.rep, hm(r.logged_in_s), fromCalls(r.available_s), fromCalls(r.ringing_s), fromCalls(r.on_call_s), fromCalls(r.wrap_up_s), hm(r.paused_s),
      Object.entries(r.paused_by_reason).map(([k, s]) => `${k} ${hm(s)} (${r.pauses_by_reason[k] ?? 0})`).join(', ')
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (v: string[]) => v.map((x, i) => (i < 2 || i === 8 ? x.padEnd(widths[i]) : x.padStart(widths[i]))).join('  ').trimEnd();
  if (rows.length === 0) return 'No rep was logged in on those days.\n';
  return [line(head), ...cells.map(line)].join('\n') + '\n';
}

export async function run(opts: StatesCliOptions, cmd: Command): Promise<void> {
  checkTimeZone(opts.timezone);
  const db = await existingDatabase(opts.db);
  const timeZone = await centerTimeZone(db, cmd.getOptionValueSource('timezone') === 'default' ? null : opts.timezone);
  const [rows, purged] = await Promise.all([repStates(db, { from: opts.from, to: opts.to, timeZone, rep: opts.rep ?? null }), purgedBefore(db)]);
  // Records retention: the states that come from calls are not known before the calls' purge date.
  const gone = purgeCutoff(opts.from, purged.calls);
  process.stdout.write(
    opts.json
      ? JSON.stringify(gone ? { rows: rows.map(repStateJson), calls_purged_before: gone } : { rows: rows.map(repStateJson) }) + '\n'
      : (gone ? `Calls purged before ${gone} (records retention): ringing, on calls, wrap-up and available are not known before then.\n` : '') + statesTable(rows, gone)
  );
}
