/**
 * Metric rows as an Arrow IPC stream, for clients that chart many rows (DuckDB-WASM, Observable,
 * Perspective). Column types come from the glossary's units, never from inference (which would make
 * every integer a Float64): counts are Int32, rates and seconds Float64, text Utf8.
 */
import type { DataType, Table } from 'apache-arrow';
import { CALL_METRIC_DEFINITIONS, definitionsFor, type Unit } from '../glossary.ts';
import { metricValue, type MetricRow } from './metrics.ts';

type Arrow = typeof import('apache-arrow');

const ARROW_TYPE: Record<Unit, (arrow: Arrow) => DataType> = {
  text: (a) => new a.Utf8(),
  count: (a) => new a.Int32(),
  rate: (a) => new a.Float64(),
  seconds: (a) => new a.Float64()
};

/** apache-arrow, loaded when an Arrow answer is first asked for, not when the server or CLI starts. */
const loadArrow = (): Promise<Arrow> => import('apache-arrow');

export const ARROW_STREAM_TYPE = 'application/vnd.apache.arrow.stream';

/** The rows as an Arrow table with the given columns, in that order. */
export async function metricRowsToArrow(rows: MetricRow[], keys: readonly string[]): Promise<Table> {
  const arrow = await loadArrow();
  const columns = Object.fromEntries(
    definitionsFor(CALL_METRIC_DEFINITIONS, keys).map((d) => [
      d.key,
      arrow.vectorFromArray(
        rows.map((r) => metricValue(r, d.key) ?? null),
        ARROW_TYPE[d.unit](arrow)
      )
    ])
  );
  return new arrow.Table(columns);
}

export async function metricRowsToIpc(rows: MetricRow[], keys: readonly string[]): Promise<Uint8Array> {
  const [arrow, table] = await Promise.all([loadArrow(), metricRowsToArrow(rows, keys)]);
  return arrow.tableToIPC(table, 'stream');
}
