/**
 * The data-lake export's manifest (DIR/manifest.json) and the plan made from it: which month
 * partitions to write again. A month is written again when its rows' count or fingerprint differs
 * from the manifest's (a load added or changed calls in it), when its folder is gone, or when
 * something that changes every row does (the export format, the center's zone, masking). A month no
 * longer in the database (purged, or all its calls excluded) is removed. Pure: no files, no database.
 */
import { EXPORT_FORMAT, EXPORT_VERSION } from './export-tables.ts';

export type CallerNumbers = 'masked' | 'full';

/** A month partition as the database has it: its rows and an order-free fingerprint of them. */
export interface MonthState {
  rows: number;
  fingerprint: string;
}

export interface ExportManifest {
  format: typeof EXPORT_FORMAT;
  version: number;
  time_zone: string;
  caller_numbers: CallerNumbers;
  exported_at: string;
  /** Table → month (YYYY-MM) → its state when written. */
  tables: Record<string, Record<string, MonthState>>;
}

export interface TablePlan {
  write: string[];
  remove: string[];
  unchanged: string[];
}

/** The manifest a folder holds, or null for a folder never exported to (or one that is not ours). */
export function parseManifest(text: string | null): ExportManifest | null {
  if (text === null) return null;
  try {
    const m = JSON.parse(text) as ExportManifest;
    return m && m.format === EXPORT_FORMAT && typeof m.tables === 'object' && m.tables !== null ? m : null;
  } catch {
    return null;
  }
}

/**
 * Which months of one table to write, remove or leave. `present`: whether a month's folder exists
 * on disk now (a deleted folder is written again).
 */
export function planTable(
  previous: ExportManifest | null,
  settings: { time_zone: string; caller_numbers: CallerNumbers },
  table: string,
  now: Record<string, MonthState>,
  present: (month: string) => boolean
): TablePlan {
  const sameBasis =
    previous !== null &&
    previous.version === EXPORT_VERSION &&
    previous.time_zone === settings.time_zone &&
    (table !== 'calls' || previous.caller_numbers === settings.caller_numbers);
  const before = sameBasis ? (previous.tables[table] ?? {}) : {};
  const plan: TablePlan = { write: [], remove: [], unchanged: [] };
  for (const [month, state] of Object.entries(now).sort(([a], [b]) => a.localeCompare(b))) {
    const was = before[month];
    if (was && was.rows === state.rows && was.fingerprint === state.fingerprint && present(month)) plan.unchanged.push(month);
    else plan.write.push(month);
  }
  const everWritten = previous ? Object.keys(previous.tables[table] ?? {}) : [];
  plan.remove = everWritten.filter((m) => !(m in now)).sort();
  return plan;
}
