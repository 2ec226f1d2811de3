/** `callboard ingest [--format ...] [--mapping FILE] [--json] FILE...` */
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { basename } from 'node:path';
import { existsSync, rmSync } from 'node:fs';
import { closeDatabase, getDatabase, type Database } from '../../../sql/db.ts';
import { contractSummary, ingestFiles, type FileSummary, type Progress } from '../../../ingest/load.ts';
import { catchUpCallFacts } from '../../../analytics/callers/call-facts.ts';
import { checkTimeZone, commandContext, type CommonOptions } from '../options.ts';
import { centerTimeZone } from '../../../analytics/center-settings.ts';

export interface IngestOptions extends CommonOptions {
  format: 'auto' | 'queue_log' | 'cdr' | 'csv';
  mapping?: string;
  json?: boolean;
  inboundContexts?: string;
  outboundContexts?: string;
  serviceNumbers?: string;
}

const PROGRESS_MIN_BYTES = 20 * 1024 * 1024;

function describe(s: FileSummary): string {
  if (s.error) return `${s.path}: FAILED: ${s.error}`;
  if (s.duplicate) return `${s.path}: already loaded, nothing new`;
  const parts = [
    `${s.format}`, `${s.rows_read} lines read`, `${s.rows_loaded} loaded`, `${s.rows_quarantined} quarantined`,
    ...(s.rows_skipped ? [`${s.rows_skipped} skipped as not calls`] : []),
    `${s.calls_added} calls added${s.calls_open ? ` (${s.calls_open} still open)` : ''}`
  ];
  if (s.fields_rejected) parts.push(`${s.fields_rejected} implausible values kept as missing`);
  if (s.unknown_events) parts.push(`${s.unknown_events} unknown events kept raw`);
  if (s.partial_tail) parts.push('partial last line left for the next run');
  const lines = [`${s.path}: ${parts.join(', ')}`];
  for (const k of s.skipped) lines.push(`  skipped ${k.rows}: ${k.reason}`);
  for (const w of s.warnings) lines.push(`  warning: ${w}`);
  for (const q of s.quarantined.slice(0, 5)) lines.push(`  line ${q.line_no}${q.field ? ` (${q.field})` : ''}: ${q.reason}`);
  if (s.rows_quarantined > 5) lines.push(`  ... and ${s.rows_quarantined - 5} more (Imports page, or the quarantine table)`);
  for (const r of s.rejected.slice(0, 5)) lines.push(`  line ${r.line_no} (${r.field}): "${r.value ?? ''}" ${r.reason}`);
  if (s.fields_rejected > 5) lines.push(`  ... and ${s.fields_rejected - 5} more values (Imports page, or the field_rejections table)`);
  return lines.join('\n');
}

const list = (v?: string) => (v ? v.split(',').map((x) => x.trim()).filter(Boolean) : undefined);

/** Loads the files and prints their summaries. */
async function loadAndPrint(db: Database, files: string[], opts: IngestOptions, explicitZone: string | null): Promise<FileSummary[]> {
  // --timezone or CALLBOARD_TZ when given, else the zone stored in the database's settings.
  const timeZone = await centerTimeZone(db, explicitZone);
  const interactive = process.stderr.isTTY && !opts.json;
  let bar: cliProgress.SingleBar | undefined;
  const onProgress = (p: Progress) => {
    if (!interactive || p.bytesTotal < PROGRESS_MIN_BYTES) return;
    if (!bar) {
      bar = new cliProgress.SingleBar(
        { format: `${basename(p.path)} [{bar}] {percentage}% {phase}`, hideCursor: true },
        cliProgress.Presets.shades_classic
      );
      bar.start(p.bytesTotal, 0, { phase: p.phase });
    }
    bar.update(Math.round(p.bytesDone), { phase: p.phase });
    if (p.phase === 'done') {
      bar.stop();
      bar = undefined;
    }
  };
  const summaries = await ingestFiles(db, files, {
    timeZone,
    format: opts.format,
    mapping: opts.mapping,
    origin: 'cli',
    onProgress,
    cdr: { inboundContexts: list(opts.inboundContexts), outboundContexts: list(opts.outboundContexts), serviceNumbers: list(opts.serviceNumbers) }
  });
  bar?.stop();
  // The trends' repeat and follow-up facts, now the loads are in (analytics/callers/call-facts.ts). The
  // data is committed by now: a failure here is a warning (the trends count from the calls meanwhile
  // and the next load or server start catches up), never a lost summary or a non-zero exit.
  const warnings: string[] = [];
  if (summaries.some((s) => !s.error && !s.duplicate)) {
    await catchUpCallFacts(db).catch((e: unknown) => {
      warnings.push(`the repeat and follow-up facts did not catch up (${e instanceof Error ? e.message.split('\n')[0] : String(e)}); trends count from the calls meanwhile`);
    });
  }
  if (opts.json) {
    const out = warnings.length ? { files: summaries.map(contractSummary), warnings } : { files: summaries.map(contractSummary) };
    process.stdout.write(JSON.stringify(out) + '\n');
  } else for (const s of summaries) process.stdout.write(describe(s) + '\n');
  for (const w of warnings) process.stderr.write(`callboard: warning: ${w}\n`);
  return summaries;
}

/** Removes a database file this command created (and its WAL and spill folder). */
async function discardDatabase(path: string): Promise<void> {
  await closeDatabase();
  for (const f of [path, `${path}.wal`]) rmSync(f, { force: true });
  rmSync(`${path}.tmp`, { recursive: true, force: true }); // DuckDB's spill folder (CALLBOARD_LOAD_MEMORY)
}

export async function run(files: string[], opts: IngestOptions, cmd: Command): Promise<void> {
    checkTimeZone(opts.timezone);
    // A first load that loads nothing leaves no database behind: a mistyped file name must not
    // leave an empty database that later commands would answer from.
    const fresh = opts.db !== ':memory:' && !existsSync(opts.db);
    let summaries: FileSummary[];
    try {
      const db = await getDatabase(opts.db);
      summaries = await loadAndPrint(db, files, opts, commandContext(cmd).explicitZone);
    } catch (e) {
      if (fresh) await discardDatabase(opts.db);
      throw e;
    }
    const failed = summaries.filter((s) => s.error);
    if (failed.length) {
      if (opts.json) for (const s of failed) process.stderr.write(`callboard: ${s.error}\n`);
      process.exitCode = 2;
    }
    if (fresh && failed.length === summaries.length) {
      await discardDatabase(opts.db);
      process.stderr.write(`callboard: nothing was loaded, so no database was created at ${opts.db}\n`);
    }
}
