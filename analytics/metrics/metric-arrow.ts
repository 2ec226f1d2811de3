/**
 * Metric rows as an Arrow IPC stream, for clients that chart many rows (DuckDB-WASM, Observable,
 * Perspective). Column types come from the glossary's units, never from inference (which would make
 * every integer a Float64): counts are Int32, rates and seconds Float64, text Utf8.
 */
import { Float64, Int32, Table, Utf8, tableToIPC, vectorFromArray, type DataType } from 'apache-arrow';
import { CALL_METRIC_DEFINITIONS, definitionsFor, type Unit } from '../glossary.ts';
import { metricValue, type MetricRow } from './metrics.ts';

const ARROW_TYPE: Record<Unit, () => DataType> = {
  text: () => new Utf8(),
  count: () => new Int32(),
  rate: () => new Float64(),
  seconds: () => new Float64()
};

export const ARROW_STREAM_TYPE = 'application/vnd.apache.arrow.stream';

/** The rows as an Arrow table with the given columns, in that order. */
export function metricRowsToArrow(rows: MetricRow[], keys: readonly string[]): Table {
  const columns = Object.fromEntries(
    definitionsFor(CALL_METRIC_DEFINITIONS, keys).map((d) => [
      d.key,
      vectorFromArray(
        rows.map((r) => metricValue(r, d.key) ?? null),
        ARROW_TYPE[d.unit]()
      )
    ])
  );
  return new Table(columns);
}

export function metricRowsToIpc(rows: MetricRow[], keys: readonly string[]): Uint8Array {
  return tableToIPC(metricRowsToArrow(rows, keys), 'stream');
}
