/**
 * The shape of a frozen report: sections of headline figures and tables, each value with its unit, plus
 * the settings and definitions that produced them. Every output (the page, print, .csv, .xlsx, .html, the
 * CLI's text summary) renders this one document, so they cannot disagree.
 */
import type { ReportDefinition } from './reports-definitions.ts';
import type { ReportKind } from './reports-period.ts';

/** `hours` are decimal hours; `rate` a fraction 0..1; `date` a local YYYY-MM-DD; `score` 0..100. */
export type ReportUnit = 'text' | 'date' | 'count' | 'rate' | 'seconds' | 'hours' | 'score';

export type Cell = string | number | null;

export interface ReportColumn {
  key: string;
  label: string;
  unit: ReportUnit;
}

export interface ReportTable {
  key: string;
  title: string;
  columns: ReportColumn[];
  rows: Record<string, Cell>[];
}

export interface ReportFigure {
  key: string;
  label: string;
  unit: ReportUnit;
  value: number | null;
  /** The same figure in the period before (null when it had none, or it is not compared). */
  previous: number | null;
}

export const SECTION_KEYS = ['volume', 'service_level', 'staff', 'quality', 'coverage', 'notable_days', 'feedback'] as const;
export type SectionKey = (typeof SECTION_KEYS)[number];

export interface ReportSection {
  key: SectionKey;
  title: string;
  /** Plain sentences: what is missing, what a figure rests on. */
  notes: string[];
  figures: ReportFigure[];
  tables: ReportTable[];
}

export interface ReportSettings {
  time_zone: string;
  /** Per queue: the thresholds and formula its figures used, and where each came from (queue setting or default). */
  queues: Array<{
    queue: string;
    label: string | null;
    sl_threshold_s: number;
    short_abandon_s: number;
    sl_formula: string;
    source: Record<string, string>;
  }>;
  follow_up_window_s: number;
  repeat_window_s: number;
  /** What "required" reps were worked out with (the scheduler's target and model), or null. */
  staffing: {
    model: string;
    interval_minutes: number;
    sl_target: number;
    sl_threshold_s: number;
    asa_target_s: number | null;
    max_occupancy: number;
    shrinkage: number;
    patience_s: number | null;
  } | null;
  /** The quality score's weights and limits, or null. */
  quality: { weights: Record<string, number>; limits: Record<string, number> } | null;
}

export interface ReportDocument {
  kind: ReportKind;
  period: string;
  from: string;
  to: string;
  /** The period compared against ("previous" figures). */
  previous_period: { period: string; from: string; to: string };
  title: string;
  /** ISO instant (UTC). */
  built_at: string;
  /** `schedule`, `cli`, or the username who asked for it. */
  built_by: string;
  settings: ReportSettings;
  definitions: ReportDefinition[];
  sections: ReportSection[];
}

/** A stored report: the document with its id and version among the builds of its period. */
export interface StoredReport extends ReportDocument {
  id: number;
  version: number;
}

/** The change of a figure against its previous value: percentage points for rates, else the difference. */
export function figureChange(f: Pick<ReportFigure, 'value' | 'previous'>): number | null {
  return f.value === null || f.previous === null ? null : f.value - f.previous;
}

/** The relative change (0.1 = 10 % more), for counts, hours and seconds; null for rates and from zero. */
export function relativeChange(f: Pick<ReportFigure, 'value' | 'previous' | 'unit'>): number | null {
  if (f.unit === 'rate' || f.unit === 'score' || f.value === null || f.previous === null || f.previous === 0) return null;
  return (f.value - f.previous) / f.previous;
}

export function section(doc: Pick<ReportDocument, 'sections'>, key: SectionKey): ReportSection {
  const found = doc.sections.find((s) => s.key === key);
  if (!found) throw new Error(`report has no section ${key}`);
  return found;
}

export function figure(doc: Pick<ReportDocument, 'sections'>, sectionKey: SectionKey, key: string): ReportFigure {
  const found = section(doc, sectionKey).figures.find((f) => f.key === key);
  if (!found) throw new Error(`report section ${sectionKey} has no figure ${key}`);
  return found;
}

export function table(doc: Pick<ReportDocument, 'sections'>, sectionKey: SectionKey, key: string): ReportTable {
  const found = section(doc, sectionKey).tables.find((t) => t.key === key);
  if (!found) throw new Error(`report section ${sectionKey} has no table ${key}`);
  return found;
}
