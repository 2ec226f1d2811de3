/**
 * Open data (README, "Open data"): when an admin has turned it on (off unless set; audited), the
 * center's daily and monthly metrics per queue are written as CSV and JSON, with their schema, to a
 * folder, and served read-only without sign-in at /open-data/ (the product's one public exception).
 * The rows are those of computeMetrics grouped by queue (the same as GET /api/metrics), reshaped by
 * analytics/open-data/open-data-table.ts; only complete days and months are published.
 *
 * publishOpenData is the scheduled job (app/server/jobs.ts, hourly by default) and what turning it on
 * runs at once; it takes the database, zone, folder and clock as arguments so tests call it too.
 * Files are written to a temporary name and renamed, so a reader never gets half a file.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { Database } from '../../sql/db.ts';
import { computeMetrics } from '../../analytics/metrics/metrics.ts';
import { MAX_RANGE_DAYS } from '../../analytics/metrics/metric-query.ts';
import {
  OPEN_DATA_FILES,
  OPEN_DATA_FILE_NAMES,
  OPEN_DATA_SCHEMA,
  OPEN_DATA_VERSION,
  openDataCsv,
  openDataRows,
  openDataSchema,
  type OpenDataPeriod,
  type OpenDataRow
} from '../../analytics/open-data/open-data-table.ts';
import type { Actor } from './audit.ts';
import { saveSetting } from './settings/center-settings.ts';

/** Where the files are written: CALLBOARD_OPEN_DATA_DIR, else `open-data/` beside the database file. */
export function openDataDir(db: Database): string {
  if (process.env.CALLBOARD_OPEN_DATA_DIR) return resolve(process.env.CALLBOARD_OPEN_DATA_DIR);
  if (db.path === ':memory:') return join(tmpdir(), `callboard-open-data-${process.pid}`);
  return join(dirname(resolve(db.path)), 'open-data');
}

export async function openDataEnabled(db: Database): Promise<boolean> {
  const [row] = await db.query<{ enabled: boolean }>('open-data-enabled');
  return row?.enabled === true;
}

const DAY_MS = 86_400_000;
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
const localToday = (now: Date, timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);

/**
 * The ranges published at `now`: every day with data up to yesterday, and every month with data up
 * to the last whole month before today (local dates). Null where there is nothing yet.
 */
export function publishedRanges(span: { first_day: string | null; last_day: string | null }, now: Date, timeZone: string) {
  if (!span.first_day || !span.last_day) return { day: null, month: null };
  const today = localToday(now, timeZone);
  const yesterday = addDays(today, -1);
  const clamp = (from: string, to: string) => (from > to ? null : { from: from < addDays(to, -(MAX_RANGE_DAYS - 1)) ? addDays(to, -(MAX_RANGE_DAYS - 1)) : from, to });
  const dayTo = span.last_day < yesterday ? span.last_day : yesterday;
  const lastMonthEnd = addDays(`${today.slice(0, 7)}-01`, -1);
  return { day: clamp(span.first_day, dayTo), month: clamp(`${span.first_day.slice(0, 7)}-01`, lastMonthEnd) };
}

function writeAtomically(path: string, text: string): void {
  writeFileSync(`${path}.tmp`, text);
  renameSync(`${path}.tmp`, path);
}

export interface PublishDeps {
  db: Database;
  timeZone: string;
  dir: string;
  clock?: () => Date;
}

export interface Published {
  published_at: string;
  rows: Record<OpenDataPeriod, number>;
}

/** Writes the files when open data is on; null (nothing written) when it is off. */
export async function publishOpenData({ db, timeZone, dir, clock = () => new Date() }: PublishDeps): Promise<Published | null> {
  if (!(await openDataEnabled(db))) return null;
  const now = clock();
  const [span] = await db.query<{ first_day: string | null; last_day: string | null }>('open-data-span', { tz: timeZone });
  const ranges = publishedRanges(span ?? { first_day: null, last_day: null }, now, timeZone);
  const published: Record<OpenDataPeriod, OpenDataRow[]> = { day: [], month: [] };
  for (const period of ['day', 'month'] as const) {
    const range = ranges[period];
    if (!range) continue;
    const result = await computeMetrics(db, { ...range, by: period, group: 'queue', timeZone });
    published[period] = openDataRows(period, result.rows, result.settings.queues);
  }
  mkdirSync(dir, { recursive: true });
  const publishedAt = now.toISOString();
  for (const [period, base] of [['day', 'daily'], ['month', 'monthly']] as const) {
    const range = ranges[period];
    const doc = { schema: OPEN_DATA_SCHEMA, version: OPEN_DATA_VERSION, period, time_zone: timeZone, published_at: publishedAt, from: range?.from ?? null, to: range?.to ?? null, rows: published[period] };
    writeAtomically(join(dir, `${base}.json`), JSON.stringify(doc, null, 1) + '\n');
    writeAtomically(join(dir, `${base}.csv`), openDataCsv(published[period]));
  }
  writeAtomically(join(dir, 'schema.json'), JSON.stringify({ ...openDataSchema(timeZone), published_at: publishedAt }, null, 2) + '\n');
  return { published_at: publishedAt, rows: { day: published.day.length, month: published.month.length } };
}

export interface PublishedFile {
  name: string;
  about: string;
  bytes: number | null;
  updated_at: string | null;
}

/** The files the folder holds now (null sizes for one not written yet). */
export function publishedFiles(dir: string): PublishedFile[] {
  return OPEN_DATA_FILES.map(({ name, about }) => {
    const path = join(dir, name);
    if (!existsSync(path)) return { name, about, bytes: null, updated_at: null };
    const s = statSync(path);
    return { name, about, bytes: s.size, updated_at: s.mtime.toISOString() };
  });
}

/** One published file's bytes, or null: only the names open data publishes are ever read. */
export function publishedFile(dir: string, name: string): Buffer | null {
  if (!OPEN_DATA_FILE_NAMES.includes(name)) return null;
  const path = join(dir, name);
  return existsSync(path) ? readFileSync(path) : null;
}

export interface OpenDataState {
  enabled: boolean;
  /** Where the files are written (shown to admins only). */
  dir: string;
  files: PublishedFile[];
}

export async function openDataState(db: Database): Promise<OpenDataState> {
  const dir = openDataDir(db);
  return { enabled: await openDataEnabled(db), dir, files: publishedFiles(dir) };
}

/** An admin turns publishing on or off (audited); turning it on publishes at once. */
export async function setOpenData(db: Database, user: Actor, enabled: boolean, timeZone: string, clock?: () => Date): Promise<OpenDataState> {
  await saveSetting(db, user, 'open_data_enabled', enabled);
  if (enabled) await publishOpenData({ db, timeZone, dir: openDataDir(db), clock });
  return openDataState(db);
}
