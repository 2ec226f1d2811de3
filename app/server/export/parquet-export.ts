/**
 * The data-lake export: calls, rep states and the 15-minute summary as Hive-partitioned Parquet
 * (`DIR/<table>/month=YYYY-MM/data_0.parquet`), written by DuckDB's own COPY ... (FORMAT PARQUET,
 * PARTITION_BY (month)), for engines that gather many centers' figures (README, "A data-lake export").
 *
 * Incremental: each export counts and fingerprints every month of every table (an order-free sum of
 * row hashes) in one read transaction and writes again only the months whose rows changed since the
 * manifest (export-manifest.ts). New months are written beside the others into a staging folder in
 * DIR, then each is swapped into place; manifest.json is written last, so an export killed half-way
 * leaves a manifest that makes the next export write those months again, never one that hides a
 * change. One export at a time per folder.
 *
 * Callers' numbers are masked by the product's one rule (analytics/privacy/caller-number-mask.ts),
 * run inside DuckDB as a scalar function, unless the export is asked for them in full. Every export
 * is audited (who, when, where, masked or not) in the transaction that wrote the files.
 */
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { DuckDBScalarFunction, VARCHAR, listValue, quotedString } from '../../../sql/duckdb-api.ts';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { sqlText, type Database } from '../../../sql/db.ts';
import { callSlicesUsable, refreshCallSlices } from '../../../sql/upkeep/call-slices.ts';
import { maskCallerNumber } from '../../../analytics/privacy/caller-number-mask.ts';
import { audit, type Actor } from '../audit.ts';
import { parseManifest, planTable, type CallerNumbers, type ExportManifest, type MonthState, type TablePlan } from './export-manifest.ts';
import { EXPORT_FORMAT, EXPORT_TABLES, EXPORT_VERSION, type ExportTable } from './export-tables.ts';

export interface ExportOptions {
  /** The export folder (made when missing). */
  out: string;
  /** The center's zone: months are cut in it. */
  timeZone: string;
  withCallerNumbers: boolean;
  actor: Actor;
  now?: () => Date;
}

export interface TableSummary extends TablePlan {
  /** Rows in the table (all months). */
  rows: number;
}

export interface ExportSummary {
  out: string;
  caller_numbers: CallerNumbers;
  tables: Record<string, TableSummary>;
}

const MASK_FUNCTION = 'callboard_mask_caller_number';
const withMask = new WeakSet<DuckDBInstance>();

/** Makes maskCallerNumber callable from SQL (once per database instance). */
function registerMask(db: Database, conn: DuckDBConnection): void {
  if (withMask.has(db.instance)) return;
  conn.registerScalarFunction(
    DuckDBScalarFunction.create({
      name: MASK_FUNCTION,
      returnType: VARCHAR,
      parameterTypes: [VARCHAR],
      mainFunction: (_info, input, output) => {
        const numbers = input.getColumnVector(0);
        for (let i = 0; i < input.rowCount; i++) output.setItem(i, maskCallerNumber(numbers.getItem(i) as string | null));
        output.flush();
      }
    })
  );
  withMask.add(db.instance);
}

/** The table's rows as exported: the caller's number masked unless asked for in full. */
function exportedRows(table: ExportTable, callerNumbers: CallerNumbers): string {
  const rows = `(${sqlText(table.query).replace(/;\s*$/, '')})`;
  return table.name === 'calls' && callerNumbers === 'masked'
    ? `SELECT * REPLACE (${MASK_FUNCTION}(caller) AS caller) FROM ${rows} exported`
    : `SELECT * FROM ${rows} exported`;
}

async function monthStates(db: Database, conn: DuckDBConnection, table: ExportTable, tz: string): Promise<Record<string, MonthState>> {
  // Fingerprinted before masking: a masked and a full export of the same calls have the same months,
  // and the manifest's caller_numbers says which was written.
  const rows = await db.all<{ month: string; rows: number; fingerprint: string }>(
    `SELECT month, CAST(count(*) AS INTEGER) AS rows, CAST(sum(hash(x)) AS VARCHAR) AS fingerprint
     FROM (${sqlText(table.query).replace(/;\s*$/, '')}) x GROUP BY month`,
    { tz },
    conn
  );
  return Object.fromEntries(rows.map((r) => [r.month, { rows: r.rows, fingerprint: r.fingerprint }]));
}

async function columnTypes(conn: DuckDBConnection, table: ExportTable, tz: string): Promise<{ name: string; type: string }[]> {
  const prepared = await conn.prepare(`SELECT * FROM (${exportedRows(table, 'full')}) LIMIT 0`);
  try {
    prepared.bind({ tz });
    const reader = await prepared.runAndReadAll();
    const types = reader.columnTypes();
    return reader.columnNames().map((name, i) => ({ name, type: types[i].toString() }));
  } finally {
    prepared.destroySync();
  }
}

const partition = (dir: string, table: string, month: string) => join(dir, table, `month=${month}`);

/** Staging and swap folders left by an export that was killed (one export at a time per folder). */
function removeLeftovers(out: string): void {
  for (const name of readdirSync(out)) if (/^\.(staging|old)-/.test(name)) rmSync(join(out, name), { recursive: true, force: true });
}

function writeAtomically(path: string, text: string): void {
  writeFileSync(`${path}.tmp`, text);
  renameSync(`${path}.tmp`, path);
}

export async function exportParquet(db: Database, opts: ExportOptions): Promise<ExportSummary> {
  const out = resolve(opts.out);
  mkdirSync(out, { recursive: true });
  removeLeftovers(out);
  const manifestPath = join(out, 'manifest.json');
  const previous = parseManifest(existsSync(manifestPath) ? readFileSync(manifestPath, 'utf8') : null);
  const callerNumbers: CallerNumbers = opts.withCallerNumbers ? 'full' : 'masked';
  const settings = { time_zone: opts.timeZone, caller_numbers: callerNumbers };
  const stamp = `${process.pid}-${Date.now()}`;
  const staging = join(out, `.staging-${stamp}`);
  const tz = opts.timeZone;
  const summary: ExportSummary = { out, caller_numbers: callerNumbers, tables: {} };
  const states: Record<string, Record<string, MonthState>> = {};
  const schemas: Record<string, { name: string; type: string }[]> = {};

  // One transaction: every table's months are counted and written from the same snapshot.
  await db.transaction(async (conn) => {
    registerMask(db, conn);
    // A summary older than the calls (calls written around the loader) is rebuilt first, as a load
    // would: the lake never gets 15-minute figures that disagree with its calls.
    if (!(await callSlicesUsable(db, conn))) await refreshCallSlices(db, conn);
    for (const table of EXPORT_TABLES) {
      const now = await monthStates(db, conn, table, tz);
      const plan = planTable(previous, settings, table.name, now, (m) => existsSync(partition(out, table.name, m)));
      states[table.name] = now;
      schemas[table.name] = await columnTypes(conn, table, tz);
      summary.tables[table.name] = { ...plan, rows: Object.values(now).reduce((n, s) => n + s.rows, 0) };
      if (plan.write.length === 0) continue;
      mkdirSync(staging, { recursive: true }); // COPY makes the table's folder, not its parents
      await db.run(
        `COPY (SELECT * FROM (${exportedRows(table, callerNumbers)}) WHERE month IN (SELECT unnest($months)))
         TO ${quotedString(join(staging, table.name))} (FORMAT PARQUET, COMPRESSION ZSTD, PARTITION_BY (month), FILENAME_PATTERN 'data_{i}')`,
        { tz, months: listValue(plan.write) },
        conn
      );
    }
    await audit(db, conn, {
      user: opts.actor,
      action: 'export',
      entity: 'export',
      entityId: out,
      after: {
        format: 'parquet',
        caller_numbers: callerNumbers,
        months_written: Object.fromEntries(Object.entries(summary.tables).map(([t, s]) => [t, s.write]))
      }
    });
  });

  // Swap each new month into place, then remove the months the database no longer has.
  const old = join(out, `.old-${stamp}`);
  for (const [name, s] of Object.entries(summary.tables)) {
    mkdirSync(join(out, name), { recursive: true });
    for (const month of s.write) {
      const target = partition(out, name, month);
      if (existsSync(target)) {
        mkdirSync(join(old, name), { recursive: true });
        renameSync(target, partition(old, name, month));
      }
      renameSync(partition(staging, name, month), target);
    }
    for (const month of s.remove) rmSync(partition(out, name, month), { recursive: true, force: true });
  }
  rmSync(old, { recursive: true, force: true });
  rmSync(staging, { recursive: true, force: true });

  const exportedAt = (opts.now?.() ?? new Date()).toISOString();
  writeAtomically(join(out, 'schema.json'), JSON.stringify(schemaDocument(settings, schemas), null, 2) + '\n');
  const manifest: ExportManifest = { format: EXPORT_FORMAT, version: EXPORT_VERSION, ...settings, exported_at: exportedAt, tables: states };
  writeAtomically(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
  return summary;
}

/** schema.json: each table's folder, partitioning and columns (name, DuckDB type, meaning). */
export function schemaDocument(settings: { time_zone: string; caller_numbers: CallerNumbers }, types: Record<string, { name: string; type: string }[]>) {
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    time_zone: settings.time_zone,
    caller_numbers: settings.caller_numbers,
    partitioning: 'Hive-style, by month: <table>/month=YYYY-MM/*.parquet (the month of the row\'s start in time_zone)',
    tables: EXPORT_TABLES.map((t) => ({
      name: t.name,
      files: `${t.name}/month=*/*.parquet`,
      about: t.about,
      columns: [...(types[t.name] ?? []), { name: 'month', type: 'VARCHAR' }]
        .filter((c, i, all) => all.findIndex((o) => o.name === c.name) === i)
        .map((c) => ({ name: c.name, type: c.type, description: t.columns[c.name] ?? '' }))
    }))
  };
}
