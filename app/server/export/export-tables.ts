/**
 * What the data-lake export writes (`callboard export --format parquet`): three tables, each a folder
 * of Parquet files partitioned by `month` (the month of the row's start in the center's zone), and
 * what every column means. schema.json in the export folder is made from this list and the types
 * DuckDB gives the columns, so it cannot drift from the files.
 */

export interface ExportTable {
  /** The folder under the export directory, and the table's name in schema.json. */
  name: string;
  /** sql/<query>.sql: a SELECT with a `month` column (YYYY-MM) and the bound $tz. */
  query: string;
  about: string;
  /** Column → meaning, in the order of the query. */
  columns: Record<string, string>;
}

export const EXPORT_FORMAT = 'callboard-parquet-export';
/** Raised when a table's columns change: every month is written again under the new schema. */
export const EXPORT_VERSION = 1;

const MONTH = 'the partition: YYYY-MM of the row\'s start in the center\'s time zone (a folder month=YYYY-MM)';

export const EXPORT_TABLES: ExportTable[] = [
  {
    name: 'calls',
    query: 'export-calls',
    about: 'One row per call (a queue visit, a linked CDR call or a mapped CSV row); calls an admin excluded are left out.',
    columns: {
      call_id: 'the call\'s id in Callboard: FILE-LINE, the source file and line the call starts on',
      source: 'queue_log | cdr | csv',
      callid: 'the telephone system\'s id (Asterisk uniqueid / linkedid, or the mapped id)',
      queue: 'the queue (as the telephone system names it)',
      direction: 'inbound | outbound',
      caller: 'the caller\'s number (outbound: the number called); masked to its last 4 digits (•••-•••-0120) unless exported with --with-caller-numbers',
      did: 'the number dialled (DID), where known',
      enter_ts: 'when the call entered the queue (UTC instant)',
      connect_ts: 'when a rep answered (UTC instant); null if not answered',
      end_ts: 'when the call ended (UTC instant); null while open',
      local_date: 'the date of enter_ts in the center\'s time zone',
      outcome: 'answered | abandoned | timed_out | blocked (turned away at the queue\'s door) | null (still open)',
      end_event: 'the event that ended it (COMPLETECALLER, ABANDON, EXITWITHTIMEOUT, JOINEMPTY, ...)',
      rep_interface: 'the member interface that answered (PJSIP/7009)',
      rep: 'the id of the rep who answered (stable, URL-safe)',
      wait_s: 'seconds from entering the queue to answer or hang-up',
      talk_s: 'seconds talking (answered calls)',
      wrap_s: 'seconds of wrap-up the source recorded, where it did',
      ring_no_answer: 'times the call rang at a rep who did not answer',
      transferred: 'whether the answered call was transferred',
      enter_position: 'the caller\'s position in the queue on entering, where logged',
      month: MONTH
    }
  },
  {
    name: 'rep_states',
    query: 'export-rep-states',
    about: 'Every log-in and pause of a rep, with where it ends: the log-off, or by the documented rule when none closed it (end_rule).',
    columns: {
      rep: 'the rep\'s id (stable, URL-safe)',
      rep_interface: 'the member interface (PJSIP/7009, Agent/1109)',
      queue: 'the queue logged in to (NONE for an agent log-in to every queue)',
      state: 'logged_in | paused',
      reason: 'the pause reason (paused rows)',
      start_ts: 'when it began (UTC instant)',
      end_ts: 'when it ends (UTC instant), by end_rule',
      end_rule: 'log_off, or for an end inferred without one: still_logged_in (until the export ran), max_shift, last_activity, queue_restart, next_log_in',
      local_date: 'the date of start_ts in the center\'s time zone',
      source_line: 'FILE-LINE of the event that began it',
      month: MONTH
    }
  },
  {
    name: 'summary_15min',
    query: 'export-summary',
    about:
      'The calls per 15 minutes of real time and queue, judged by each queue\'s settings in force (service-level threshold, short-abandon threshold, formula): counts and sums, so any longer period\'s figures are sums of these rows (averages are sum / n).',
    columns: {
      slice_ts: 'the start of the 15 minutes (UTC instant)',
      local_slice_start: 'the same start as a local date-time in the center\'s time zone',
      queue: 'the queue',
      offered: 'calls offered (entered the queue, or turned away)',
      answered: 'calls answered',
      abandoned: 'callers who hung up while waiting',
      short_abandoned: 'abandoned before the queue\'s short-abandon threshold',
      timed_out: 'calls that left the queue by its timeout or a key',
      blocked: 'callers turned away at the queue\'s door (JOINEMPTY, JOINUNAVAIL, FULL)',
      answered_within_sl: 'answered within the queue\'s service-level threshold',
      sl_denominator: 'the calls the queue\'s service-level formula divides by',
      answered_wait_sum: 'sum of answered calls\' waits, seconds (ASA = answered_wait_sum / answered_wait_n)',
      answered_wait_n: 'answered calls with a wait',
      handle_sum: 'sum of talk + wrap-up of answered calls, seconds (AHT = handle_sum / handle_n)',
      handle_n: 'answered calls with a talk time',
      abandon_wait_sum: 'sum of abandoned callers\' waits, seconds',
      abandon_wait_n: 'abandoned calls with a wait',
      max_wait_s: 'the longest wait, seconds',
      ring_no_answer: 'rings at reps that were not answered',
      transferred: 'answered calls transferred',
      month: MONTH
    }
  }
];
