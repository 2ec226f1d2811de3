/**
 * Records retention and legal holds (README, "Records retention and legal holds"): an admin's
 * settings and holds (audited), and the purge the daily job, `callboard purge` and the Settings page
 * run. A purge is one transaction: the plan (sql/retention-purge-plan.sql), its counts, the removal
 * (sql/retention-purge-apply.sql), how far each kind is purged, and its audit record are published
 * together or not at all; a dry run makes the same plan and rolls it back.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Database } from '../../sql/db.ts';
import { InputError, NotFoundError, errorMessage } from '../../sql/errors.ts';
import { callSlicesUsable, refreshCallSlices } from '../../sql/upkeep/call-slices.ts';
import { localDateOf } from '../../analytics/reports/reports-period.ts';
import {
  RETENTION_HINTS,
  RETENTION_KINDS,
  RETENTION_LABELS,
  checkKind,
  checkRetention,
  describeRetention,
  openReportPeriods,
  purgeDates,
  refusalReason,
  type Retention,
  type RetentionKind
} from '../../analytics/retention/retention-rules.ts';
import { purgedBefore } from '../../analytics/retention/purged.ts';
import { audit, type Actor } from './audit.ts';
import { jobContext, type ServerSetup } from './context.ts';

export { purgedBefore };

export interface RetentionKindState {
  kind: RetentionKind;
  label: string;
  hint: string;
  /** null: kept forever. */
  retention: Retention | null;
  described: string;
  updated_at: string | null;
  updated_by: string | null;
  /** Its records before this local date are gone (but those under a hold); null: never purged. */
  purged_before: string | null;
}

export interface LegalHold {
  id: number;
  scope: 'dates' | 'rep' | 'caller';
  from_date: string | null;
  to_date: string | null;
  rep_id: string | null;
  caller: string | null;
  reason: string;
  created_by: string;
  created_at: string;
}

export interface RetentionState {
  today: string;
  kinds: RetentionKindState[];
  holds: LegalHold[];
  /** The first day of the earliest open report period: report inputs are kept from there on. */
  open_reports_from: string | null;
}

export interface RetentionContext {
  timeZone: string;
  clock?: () => Date;
}

export type PurgeCounts = Record<RetentionKind, number>;

export interface PurgeResult {
  dry_run: boolean;
  today: string;
  /** Per kind, the local date its records before are removed (null: kept forever). */
  before: Record<RetentionKind, string | null>;
  removed: PurgeCounts;
  /** Calls kept by a legal hold that the dates alone would have purged or not (all held calls). */
  held_calls: number;
}

const today = (ctx: RetentionContext) => localDateOf(ctx.timeZone, (ctx.clock ?? (() => new Date()))());

interface SettingRow {
  kind: string;
  amount: number;
  unit: 'days' | 'months';
  updated_at: string;
  updated_by: string;
}

async function settingRows(db: Database, conn?: DuckDBConnection): Promise<Map<RetentionKind, SettingRow>> {
  const rows = await db.query<SettingRow>('retention-settings', {}, conn);
  return new Map(rows.filter((r) => (RETENTION_KINDS as readonly string[]).includes(r.kind)).map((r) => [r.kind as RetentionKind, r]));
}

async function openPeriods(db: Database, day: string, conn?: DuckDBConnection) {
  const built = await db.query<{ kind: string; period: string }>('reports-built-periods', {}, conn);
  return openReportPeriods(day, new Set(built.map((b) => `${b.kind}|${b.period}`)));
}

export async function retentionState(db: Database, ctx: RetentionContext): Promise<RetentionState> {
  const day = today(ctx);
  const [settings, purged, holds, open] = await Promise.all([
    settingRows(db),
    purgedBefore(db),
    db.query<LegalHold>('legal-holds'),
    openPeriods(db, day)
  ]);
  const kinds = RETENTION_KINDS.map((kind): RetentionKindState => {
    const s = settings.get(kind);
    const retention = s ? { amount: s.amount, unit: s.unit } : null;
    return {
      kind,
      label: RETENTION_LABELS[kind],
      hint: RETENTION_HINTS[kind],
      retention,
      described: describeRetention(retention),
      updated_at: s?.updated_at ?? null,
      updated_by: s?.updated_by ?? null,
      purged_before: purged[kind] ?? null
    };
  });
  return { today: day, kinds, holds, open_reports_from: open[0]?.from ?? null };
}

/**
 * Sets how long a kind is kept (amount null or 'forever': for good), audited. Refused, with the
 * reason, when it would purge records an open report period still needs (analytics/retention).
 */
export async function saveRetention(
  db: Database,
  user: Actor,
  input: { kind: unknown; amount: unknown; unit?: unknown },
  ctx: RetentionContext
): Promise<RetentionKindState> {
  const kind = checkKind(input.kind);
  const retention = checkRetention(kind, input.amount, input.unit);
  const day = today(ctx);
  const refusal = refusalReason(kind, retention, day, await openPeriods(db, day));
  if (refusal) throw new InputError(refusal);
  await db.transaction(async (conn) => {
    const before = (await settingRows(db, conn)).get(kind);
    await db.run('DELETE FROM retention_settings WHERE kind = $kind', { kind }, conn);
    if (retention) {
      await db.run('INSERT INTO retention_settings (kind, amount, unit, updated_by) VALUES ($kind, $amount, $unit, $by)',
        { kind, amount: retention.amount, unit: retention.unit, by: user.username }, conn);
    }
    await audit(db, conn, {
      user,
      action: 'update',
      entity: 'retention',
      entityId: kind,
      before: { kept: describeRetention(before ? { amount: before.amount, unit: before.unit } : null) },
      after: { kept: describeRetention(retention) }
    });
  });
  return (await retentionState(db, ctx)).kinds.find((k) => k.kind === kind)!;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const REP_ID = /^[A-Za-z0-9._~-]+$/;

function checkDate(name: string, value: unknown): string {
  if (typeof value !== 'string' || !DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new InputError(`Legal hold: ${name} must be a date, YYYY-MM-DD (got "${String(value ?? '')}")`);
  }
  return value;
}

/** A hold from a form or the API, checked: one scope, its value, and a reason. */
export function checkHold(input: Record<string, unknown>): Omit<LegalHold, 'id' | 'created_by' | 'created_at'> {
  const reason = typeof input.reason === 'string' ? input.reason.trim() : '';
  if (!reason) throw new InputError('Legal hold: give the reason (the case or request it is for)');
  if (reason.length > 500) throw new InputError('Legal hold: the reason is at most 500 characters');
  const hold = { scope: input.scope as LegalHold['scope'], from_date: null, to_date: null, rep_id: null, caller: null, reason };
  if (input.scope === 'dates') {
    const from = checkDate('from', input.from_date);
    const to = checkDate('to', input.to_date);
    if (from > to) throw new InputError(`Legal hold: from ${from} is after to ${to}`);
    return { ...hold, from_date: from, to_date: to };
  }
  if (input.scope === 'rep') {
    const rep = typeof input.rep_id === 'string' ? input.rep_id.trim() : '';
    if (!REP_ID.test(rep)) throw new InputError(`Legal hold: give the rep's id as the Reps page shows it (letters, digits, . _ ~ -; got "${rep}")`);
    return { ...hold, rep_id: rep };
  }
  if (input.scope === 'caller') {
    const caller = typeof input.caller === 'string' ? input.caller.trim() : '';
    if ((caller.match(/\d/g) ?? []).length < 3 || !/^[+\d\s().-]+$/.test(caller)) {
      throw new InputError(`Legal hold: give the caller's number (digits, at least 3; got "${caller}")`);
    }
    return { ...hold, caller };
  }
  throw new InputError(`Legal hold: scope is dates, rep or caller (got "${String(input.scope ?? '')}")`);
}

export async function addLegalHold(db: Database, user: Actor, input: Record<string, unknown>): Promise<LegalHold> {
  const hold = checkHold(input);
  const id = await db.transaction(async (conn) => {
    const row = await db.one<{ id: number }>(
      `INSERT INTO legal_holds (scope, from_date, to_date, rep_id, caller, reason, created_by)
       VALUES ($scope, CAST($from_date AS DATE), CAST($to_date AS DATE), $rep_id, $caller, $reason, $by) RETURNING id`,
      { ...hold, by: user.username },
      conn
    );
    await audit(db, conn, { user, action: 'create', entity: 'legal_hold', entityId: row!.id, after: hold });
    return row!.id;
  });
  return (await db.query<LegalHold>('legal-holds')).find((h) => h.id === id)!;
}

export async function removeLegalHold(db: Database, user: Actor, id: number): Promise<LegalHold> {
  const hold = (await db.query<LegalHold>('legal-holds')).find((h) => h.id === id);
  if (!hold) throw new NotFoundError(`No legal hold ${id} in force (it may have been removed already)`);
  await db.transaction(async (conn) => {
    await db.run('UPDATE legal_holds SET removed_at = now(), removed_by = $by WHERE id = $id', { id, by: user.username }, conn);
    await audit(db, conn, { user, action: 'delete', entity: 'legal_hold', entityId: id, before: hold });
  });
  return hold;
}

/** Thrown inside a dry run's transaction so that its plan is rolled back. */
class DryRun extends Error {
  constructor(readonly result: PurgeResult) {
    super('dry run');
  }
}

export interface PurgeOptions extends RetentionContext {
  actor: Actor;
  dryRun?: boolean;
  /** Tests: runs after the removal, before the commit (a throw there must leave the old state). */
  beforeCommit?: (conn: DuckDBConnection) => Promise<void>;
}

const NO_COUNTS = Object.fromEntries(RETENTION_KINDS.map((k) => [k, 0])) as PurgeCounts;

/**
 * Removes every record past its kind's retention, except what a legal hold keeps, in one
 * transaction, and audits it with the counts per kind. Kinds kept forever are left alone; with none
 * limited, nothing runs.
 */
export async function purgeRecords(db: Database, opts: PurgeOptions): Promise<PurgeResult> {
  const day = today(opts);
  const settings = await settingRows(db);
  const retention = Object.fromEntries([...settings].map(([k, s]) => [k, { amount: s.amount, unit: s.unit }]));
  const before = purgeDates(retention, day, await openPeriods(db, day));
  const result: PurgeResult = { dry_run: Boolean(opts.dryRun), today: day, before, removed: { ...NO_COUNTS }, held_calls: 0 };
  if (RETENTION_KINDS.every((k) => before[k] === null)) return result;
  try {
    return await db.transaction(async (conn) => {
      // The summary must hold every call about to go: trends and reports answer from it afterwards.
      if (before.calls !== null && !(await callSlicesUsable(db, conn))) await refreshCallSlices(db, conn);
      const callsBefore = (await db.one<{ n: number }>('SELECT count(*) AS n FROM calls', {}, conn))!.n;
      const params = {
        tz: opts.timeZone,
        raw_before: before.raw_events,
        calls_before: before.calls,
        numbers_before: before.caller_numbers,
        notes_before: before.notes,
        evaluations_before: before.evaluations,
        audit_before: before.audit_log,
        reports_before: before.reports
      };
      await db.scriptFile('retention-purge-plan', params, conn);
      const counts = (await db.query<PurgeCounts & { held_calls: number }>('retention-purge-counts', {}, conn))[0];
      for (const k of RETENTION_KINDS) result.removed[k] = Number(counts[k]);
      result.held_calls = Number(counts.held_calls);
      if (opts.dryRun) throw new DryRun(result);
      await db.scriptFile('retention-purge-apply', { calls_before: callsBefore }, conn);
      await markPurged(db, conn, opts.timeZone, result);
      await audit(db, conn, {
        user: opts.actor,
        action: 'purge',
        entity: 'records',
        entityId: day,
        after: { before: result.before, removed: result.removed, held_calls: result.held_calls }
      });
      await opts.beforeCommit?.(conn);
      return result;
    });
  } catch (e) {
    if (e instanceof DryRun) return e.result;
    throw e;
  }
}

/** Moves each purged kind's "purged before" date forward (never back), when the purge removed any of it or had before. */
async function markPurged(db: Database, conn: DuckDBConnection, timeZone: string, result: PurgeResult): Promise<void> {
  const known = await purgedBefore(db, conn);
  for (const kind of RETENTION_KINDS) {
    const date = result.before[kind];
    const was = known[kind];
    if (date === null || (result.removed[kind] === 0 && was === undefined) || (was !== undefined && was >= date)) continue;
    await db.run('DELETE FROM retention_purged WHERE kind = $kind', { kind }, conn);
    await db.run(
      'INSERT INTO retention_purged (kind, before_date, before_ts) VALUES ($kind, CAST($date AS DATE), local_day_start($tz, CAST($date AS DATE)))',
      { kind, date, tz: timeZone },
      conn
    );
  }
}

/**
 * The server's nightly purge (app/server/jobs.ts schedules it): the database and the center's zone
 * are read when it runs; what it removed is logged, a failure is logged and tried again the next night.
 */
export function purgeTick(log: (line: string) => void, setup?: ServerSetup): () => Promise<void> {
  return async () => {
    try {
      const { db, timeZone } = await jobContext(setup);
      const r = await purgeRecords(db, { timeZone, actor: { id: null, username: 'schedule' } });
      const removed = RETENTION_KINDS.filter((k) => r.removed[k] > 0).map((k) => `${r.removed[k]} ${RETENTION_LABELS[k].toLowerCase()}`);
      if (removed.length) log(`retention: purged ${removed.join(', ')}`);
    } catch (e) {
      log(`retention: the purge failed and nothing was removed (tried again tomorrow): ${errorMessage(e)}`);
    }
  };
}
