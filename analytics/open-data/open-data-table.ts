/**
 * Open data: the center's published performance per queue and day or month (as San Francisco's
 * "311 Call Metrics by Month" or Boston's CityScore do), made from the same metric rows as
 * `callboard metrics --group queue` and GET /api/metrics. Pure: the rows in, the published rows, CSV
 * and schema out. The schema is stable: columns are only ever added at the end, never renamed or
 * dropped, and `version` is raised when one is added. No caller number and no rep ever appears:
 * the rows are per queue.
 */
import { CALL_METRIC_DEFINITIONS, type Definition } from '../glossary.ts';
import { csvLine } from '../csv-cell.ts';
import type { MetricRow, QueueSettingsUsed } from '../metrics/metrics.ts';

export const OPEN_DATA_SCHEMA = 'callboard-open-data';
export const OPEN_DATA_VERSION = 1;

export type OpenDataPeriod = 'day' | 'month';

export interface OpenDataColumn {
  name: string;
  type: 'date' | 'text' | 'integer' | 'number';
  description: string;
}

const definition = (key: string): Definition => CALL_METRIC_DEFINITIONS.find((d) => d.key === key)!;
const metricColumn = (key: string, type: OpenDataColumn['type']): OpenDataColumn => {
  const d = definition(key);
  return { name: key, type, description: `${d.definition} Formula: ${d.formula}.` };
};

/** The published columns, in order. */
export const OPEN_DATA_COLUMNS: readonly OpenDataColumn[] = [
  { name: 'period', type: 'text', description: '"day" or "month": the length of the period the row counts.' },
  { name: 'period_start', type: 'date', description: "The period's first day (YYYY-MM-DD) in the center's time zone; a call belongs to the day it entered the queue." },
  { name: 'queue', type: 'text', description: 'The queue as the telephone system names it (stable; use it to join periods).' },
  { name: 'queue_name', type: 'text', description: "The queue's display name (the queue itself when none is set)." },
  metricColumn('offered', 'integer'),
  metricColumn('answered', 'integer'),
  metricColumn('lost', 'integer'),
  metricColumn('lost_rate', 'number'),
  metricColumn('answered_within_sl', 'integer'),
  metricColumn('service_level', 'number'),
  { name: 'sl_threshold_s', type: 'integer', description: 'The service-level threshold of the queue, seconds: answered within this many seconds counts as within service level.' },
  {
    name: 'sl_formula',
    type: 'text',
    description:
      'The service-level formula of the queue: offered = answered_within_sl / (offered − short abandons); icmi = answered_within_sl / (answered + lost after waiting longer than the threshold + turned away); answered = answered_within_sl / answered.'
  },
  metricColumn('asa_s', 'number')
];

export type OpenDataRow = Record<(typeof OPEN_DATA_COLUMNS)[number]['name'], string | number | null>;

/** The published rows of one period length: one per queue and period with calls, in order. */
export function openDataRows(period: OpenDataPeriod, rows: MetricRow[], queues: QueueSettingsUsed[]): OpenDataRow[] {
  const byQueue = new Map(queues.map((q) => [q.queue, q]));
  return rows
    .filter((r) => r.queue != null)
    .map((r) => {
      const q = byQueue.get(r.queue!);
      return {
        period,
        period_start: r.period_start.slice(0, 10),
        queue: r.queue!,
        queue_name: q?.label ?? r.queue!,
        offered: r.offered,
        answered: r.answered,
        lost: r.lost,
        lost_rate: r.lost_rate,
        answered_within_sl: r.answered_within_sl,
        service_level: r.service_level,
        sl_threshold_s: q?.sl_threshold_s ?? null,
        sl_formula: q?.sl_formula ?? null,
        asa_s: r.asa_s
      };
    })
    .sort((a, b) => String(a.period_start).localeCompare(String(b.period_start)) || String(a.queue).localeCompare(String(b.queue)));
}

/** The rows as CSV (RFC 4180, a header line; empty cells for null; every cell inert in a spreadsheet). */
export function openDataCsv(rows: OpenDataRow[]): string {
  const names = OPEN_DATA_COLUMNS.map((c) => c.name);
  return [csvLine(names), ...rows.map((r) => csvLine(names.map((n) => r[n])))].join('\r\n') + '\r\n';
}

export interface OpenDataFileInfo {
  name: string;
  period: OpenDataPeriod | null;
  format: 'csv' | 'json';
  about: string;
}

/** The files published, with what each holds. */
export const OPEN_DATA_FILES: readonly OpenDataFileInfo[] = [
  { name: 'daily.csv', period: 'day', format: 'csv', about: 'Per queue and day, every complete day with calls.' },
  { name: 'daily.json', period: 'day', format: 'json', about: 'The same rows as daily.csv, as JSON.' },
  { name: 'monthly.csv', period: 'month', format: 'csv', about: 'Per queue and month, every complete month with calls.' },
  { name: 'monthly.json', period: 'month', format: 'json', about: 'The same rows as monthly.csv, as JSON.' },
  { name: 'schema.json', period: null, format: 'json', about: 'The columns, their types and definitions, and how the figures are counted.' }
];

export const OPEN_DATA_FILE_NAMES = OPEN_DATA_FILES.map((f) => f.name);

/** schema.json: the columns and the definitions, with the center's zone. */
export function openDataSchema(timeZone: string) {
  return {
    schema: OPEN_DATA_SCHEMA,
    version: OPEN_DATA_VERSION,
    time_zone: timeZone,
    about:
      "Call-center performance per queue, by day and by month. A call is one visit to a queue; it counts in the period it entered the queue, in the center's time zone. Rates are fractions from 0 to 1; times are seconds; a rate or average whose denominator is 0 is empty (null), never 0. Only complete days and months are published. Columns are only ever added at the end (and version raised), never renamed or removed.",
    files: OPEN_DATA_FILES.map(({ name, about }) => ({ name, about })),
    columns: OPEN_DATA_COLUMNS
  };
}
