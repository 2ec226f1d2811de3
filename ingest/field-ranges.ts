/**
 * The plausible range of every number a source gives: the one place they are declared. A value
 * outside its range (negative, NaN, infinite, not a number, or past the bound below) is rejected at
 * staging and kept as missing, so the definitions' fallback takes over (a wait from the events'
 * timestamps) and the line still closes its call. (queue_events keeps a queue_log line as read; the
 * visits read its numbers through plausible_duration_s and plausible_position, the same bounds.) Each rejection is recorded with its file, line,
 * field, value and reason (field_rejections, migration 015) and counted in the load's
 * `fields_rejected`. ingest/README.md shows this table (a test keeps the two the same).
 *
 * Why these bounds: no caller waits, talks or rings a rep for more than a day (a 13-digit "wait" is a
 * PBX bug, and one such value once made every later week's patience 606,906,727 s); no queue holds
 * ten thousand callers (Asterisk's `maxlen` is far smaller in practice); an agent's log-in time
 * (AGENTLOGOFF) stays under a year; a mapped call rings at most a thousand reps.
 */
import type { DuckDBConnection } from '@duckdb/node-api';

export const DAY_S = 86_400;
const MAX_POSITION = 10_000;

export interface FieldRange {
  source: 'queue_log' | 'cdr' | 'csv' | 'timestamps';
  /** queue_log: the events whose field this is (Asterisk's positions; the table forms are moved to them). */
  events?: readonly string[];
  /** Where the value is: a queue_log data slot, a CDR column, a mapped call field. */
  slot: string;
  /** What the field is called in the PBX's documentation. */
  field: string;
  min: number;
  max: number;
  /** Only whole numbers are plausible. */
  whole: boolean;
  unit: string;
  why: string;
}

const WAIT_ENDS = ['ABANDON', 'EXITWITHTIMEOUT', 'EXITEMPTY'] as const;
const TRANSFERS = ['TRANSFER', 'BLINDTRANSFER', 'ATTENDEDTRANSFER'] as const;
const COMPLETES = ['COMPLETECALLER', 'COMPLETEAGENT'] as const;
const duration = (why: string) => ({ min: 0, max: DAY_S, whole: false, unit: 's', why });
const position = { min: 0, max: MAX_POSITION, whole: true, unit: 'callers', why: 'a place in the queue' };

export const FIELD_RANGES: readonly FieldRange[] = [
  { source: 'queue_log', events: ['ENTERQUEUE'], slot: 'data3', field: 'position', ...position },
  { source: 'queue_log', events: ['CONNECT'], slot: 'data1', field: 'holdtime', ...duration('a wait longer than a day') },
  { source: 'queue_log', events: ['CONNECT'], slot: 'data3', field: 'ringtime', ...duration('ringing longer than a day') },
  { source: 'queue_log', events: COMPLETES, slot: 'data1', field: 'holdtime', ...duration('a wait longer than a day') },
  { source: 'queue_log', events: COMPLETES, slot: 'data2', field: 'calltime', ...duration('a talk longer than a day') },
  { source: 'queue_log', events: COMPLETES, slot: 'data3', field: 'origposition', ...position },
  { source: 'queue_log', events: TRANSFERS, slot: 'data3', field: 'holdtime', ...duration('a wait longer than a day') },
  { source: 'queue_log', events: TRANSFERS, slot: 'data4', field: 'calltime', ...duration('a talk longer than a day') },
  { source: 'queue_log', events: TRANSFERS, slot: 'data5', field: 'origposition', ...position },
  { source: 'queue_log', events: WAIT_ENDS, slot: 'data1', field: 'position', ...position },
  { source: 'queue_log', events: WAIT_ENDS, slot: 'data2', field: 'origposition', ...position },
  { source: 'queue_log', events: WAIT_ENDS, slot: 'data3', field: 'waittime', ...duration('a wait longer than a day') },
  { source: 'queue_log', events: ['EXITWITHKEY'], slot: 'data2', field: 'position', ...position },
  { source: 'queue_log', events: ['EXITWITHKEY'], slot: 'data3', field: 'origposition', ...position },
  { source: 'queue_log', events: ['EXITWITHKEY'], slot: 'data4', field: 'waittime', ...duration('a wait longer than a day') },
  { source: 'queue_log', events: ['RINGNOANSWER', 'RINGCANCELED'], slot: 'data1', field: 'ringtime', min: 0, max: DAY_S * 1000, whole: false, unit: 'ms', why: 'ringing longer than a day' },
  { source: 'queue_log', events: ['AGENTLOGOFF', 'AGENTCALLBACKLOGOFF'], slot: 'data2', field: 'logintime', min: 0, max: 366 * DAY_S, whole: false, unit: 's', why: 'logged in longer than a year' },
  { source: 'cdr', slot: 'duration', field: 'duration', ...duration('a leg longer than a day') },
  { source: 'cdr', slot: 'billsec', field: 'billsec', ...duration('a talk longer than a day') },
  { source: 'cdr', slot: 'sequence', field: 'sequence', min: 0, max: 2_147_483_647, whole: true, unit: '', why: 'a counter' },
  { source: 'csv', slot: 'wait_s', field: 'wait_s', ...duration('a wait longer than a day') },
  { source: 'csv', slot: 'talk_s', field: 'talk_s', ...duration('a talk longer than a day') },
  { source: 'csv', slot: 'wrap_s', field: 'wrap_s', ...duration('a wrap-up longer than a day') },
  { source: 'csv', slot: 'ring_no_answer', field: 'ring_no_answer', min: 0, max: 1_000, whole: true, unit: 'rings', why: 'a call rings at most a thousand reps' },
  // Not a field: where a field is missing, the difference of two events' timestamps stands in for it.
  // A clock jump makes it negative or days long: then the figure is missing, not that difference.
  { source: 'timestamps', slot: 'difference', field: 'fallback wait or talk', ...duration('a clock jump between the two events') }
];

/**
 * Installs the table as the temp table field_ranges of a load's connection (one row per event for
 * queue_log), which sql/stage-*.sql and sql/visit-calls.sql read; and the temp table stage_rejected
 * each format's staging fills. Values are bound, never pasted.
 */
export async function installFieldRanges(conn: DuckDBConnection): Promise<void> {
  // One statement with one bound parameter (the rows as JSON): a load runs this once, and a followed
  // file's small loads run it several times a second (a row of nine parameters each cost 5-7 ms).
  const rows = FIELD_RANGES.flatMap((r) => (r.events ?? [null]).map((event) => ({
    source: r.source, event, slot: r.slot, field: r.field, min_value: r.min, max_value: r.max, whole: r.whole, unit: r.unit, why: r.why
  })));
  await conn.run(
    `CREATE OR REPLACE TEMP TABLE field_ranges AS
     SELECT unnest(from_json(CAST($rows AS JSON), '[{"source": "VARCHAR", "event": "VARCHAR", "slot": "VARCHAR", "field": "VARCHAR",
       "min_value": "DOUBLE", "max_value": "DOUBLE", "whole": "BOOLEAN", "unit": "VARCHAR", "why": "VARCHAR"}]'), recursive := true)`,
    { rows: JSON.stringify(rows) }
  );
  // A timestamp difference standing in for a missing field (sql/visit-calls.sql, stage-cdr.sql, ...).
  const diff = FIELD_RANGES.find((r) => r.source === 'timestamps')!;
  await conn.run(`CREATE OR REPLACE TEMP MACRO plausible_duration_s(x) AS
    CASE WHEN x >= ${Number(diff.min)} AND x <= ${Number(diff.max)} THEN x END`);
  await conn.run(`CREATE OR REPLACE TEMP MACRO plausible_position(x) AS
    CASE WHEN x >= ${Number(position.min)} AND x <= ${Number(position.max)} THEN x END`);
  await conn.run(`CREATE OR REPLACE TEMP MACRO queue_log_numbers_plain(event, data1, data2, data3, data4, data5) AS
    ${queueLogPlainCheck()}`);
  await conn.run('CREATE OR REPLACE TEMP TABLE stage_rejected (line_no BIGINT, slot VARCHAR, field VARCHAR, value VARCHAR, reason VARCHAR)');
}

/**
 * The queue_log numbers' quick test (the macro queue_log_numbers_plain): true when every number the
 * line's event has a range for is missing or a plain number inside its range, which is nearly every
 * line. sql/stage-queue-numbers.sql judges only the other lines against field_ranges row by row (a
 * join that made every number of every line into a row cost 2 s of CPU at 1M calls; this test, a
 * CASE on the event, about 0.3 s). False only where the full judging may reject something: a value
 * the plain cast refuses (' 5 ' with Unicode spaces, 'twelve') takes the full path, which decides.
 * Built from FIELD_RANGES (numbers, never input), like the macros above.
 */
export function queueLogPlainCheck(): string {
  const byEvent = new Map<string, string[]>();
  for (const r of FIELD_RANGES) {
    if (r.source !== 'queue_log') continue;
    const x = `TRY_CAST(${r.slot} AS DOUBLE)`;
    const inRange = `${x} >= ${Number(r.min)} AND ${x} <= ${Number(r.max)}${r.whole ? ` AND ${x} = floor(${x})` : ''}`;
    for (const event of r.events!) {
      byEvent.set(event, [...(byEvent.get(event) ?? []), `(${r.slot} IS NULL OR ${r.slot} = '' OR COALESCE(${inRange}, false))`]);
    }
  }
  const event = (e: string) => `'${e.replace(/[^A-Z_]/g, '')}'`;
  return `CASE event ${[...byEvent].map(([e, checks]) => `WHEN ${event(e)} THEN ${checks.join(' AND ')}`).join(' ')} ELSE true END`;
}

/** The table as ingest/README.md shows it (markdown rows). */
export function fieldRangesMarkdown(): string {
  const fmt = (n: number) => n.toLocaleString('en');
  const rows = FIELD_RANGES.map((r) => {
    const where = r.source === 'queue_log' ? `${r.events!.join(', ')} ${r.slot}` : r.slot;
    return `| ${r.source} | ${where} | ${r.field} | ${fmt(r.min)} | ${fmt(r.max)}${r.unit ? ` ${r.unit}` : ''}${r.whole ? ', whole' : ''} | ${r.why} |`;
  });
  return ['| source | where | field | min | max | past the max |', '|---|---|---|---|---|---|', ...rows].join('\n');
}
