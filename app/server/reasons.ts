/**
 * Call reasons (issue 15), the admin's side: the catalogue (codes to names and groups; every change
 * a history row and an audit record, in one transaction, so a renamed code keeps its past), the
 * codes calls carry that the catalogue does not know, the reason lines that attached to nothing, and
 * where reasons come from (the queue_log event names, the CDR column). Changing a source rebuilds
 * every call's reason at once (sql/upkeep/call-reasons.ts, the same step each load ends with).
 */
import type { Database } from '../../sql/db.ts';
import {
  checkReasonEntry,
  checkReasonEvents,
  REASON_CDR_FIELDS,
  type ReasonCdrField,
  type ReasonEntry
} from '../../analytics/reasons/reason-catalogue.ts';
import { InputError } from '../../sql/errors.ts';
import { rebuildCallReasons } from '../../sql/upkeep/call-reasons.ts';
import { audit, type Actor } from './audit.ts';

export interface CatalogueRow {
  code: string;
  name: string | null;
  reason_group: string | null;
  /** false: a code calls carry that no entry names (shown as itself). */
  in_catalogue: boolean;
  updated_at: string | null;
  updated_by: string | null;
  calls: number;
  from_queue_log: number;
  from_cdr: number;
  from_csv: number;
  from_service_requests: number;
}

export interface ReasonSources {
  events: string[];
  cdr_field: ReasonCdrField;
  lines: number;
  unattached: number;
  service_requests: number;
  service_requests_without_number: number;
  /** Requests no call matched (no number, or no call from it ended in the 2 hours before). */
  service_requests_unmatched: number;
}

export interface UnattachedLine {
  path: string;
  line_no: number;
  ts: string;
  callid: string | null;
  queue: string | null;
  agent: string | null;
  event: string;
  code: string;
}

export interface ReasonOverview {
  catalogue: CatalogueRow[];
  /** Codes in calls the catalogue does not name: the admin's to-do list. */
  unknown_codes: string[];
  sources: ReasonSources;
  unattached: UnattachedLine[];
  /** The center's zone (the page shows times in it). */
  time_zone: string;
}

export async function reasonOverview(db: Database, timeZone: string): Promise<ReasonOverview> {
  const [catalogue, sources, unattached] = await Promise.all([
    db.query<CatalogueRow>('reason-catalogue'),
    db.query<ReasonSources>('reason-sources'),
    db.query<UnattachedLine>('reason-unattached')
  ]);
  return {
    catalogue,
    unknown_codes: catalogue.filter((r) => !r.in_catalogue).map((r) => r.code),
    sources: { ...sources[0], events: [...(sources[0]?.events ?? [])] },
    unattached: unattached.map((u) => ({ ...u, line_no: Number(u.line_no) })),
    time_zone: timeZone
  };
}

export interface HistoryRow {
  name: string;
  reason_group: string;
  valid_from: string;
  changed_by: string | null;
}

/** A code's names and groups over time, oldest first. */
export function reasonHistory(db: Database, code: string): Promise<HistoryRow[]> {
  return db.all<HistoryRow>(
    `SELECT name, reason_group, strftime(valid_from, '%Y-%m-%dT%H:%M:%S.%fZ') AS valid_from, changed_by
     FROM reason_catalogue_history WHERE code = $code ORDER BY valid_from, name`,
    { code }
  );
}

/** Adds a code to the catalogue or changes its name or group: the old version stays in the history. */
export async function saveReason(db: Database, user: Actor, input: { code: unknown; name: unknown; reason_group: unknown }): Promise<ReasonEntry> {
  const entry = checkReasonEntry(input);
  await db.transaction(async (conn) => {
    const before = await db.one<ReasonEntry>('SELECT code, name, reason_group FROM reason_catalogue WHERE code = $code', { code: entry.code }, conn);
    if (before && before.name === entry.name && before.reason_group === entry.reason_group) return;
    await db.run(
      `INSERT OR REPLACE INTO reason_catalogue (code, name, reason_group, updated_at, updated_by)
       VALUES ($code, $name, $group, now(), $by)`,
      { code: entry.code, name: entry.name, group: entry.reason_group, by: user.username },
      conn
    );
    await db.run(
      `INSERT INTO reason_catalogue_history (code, name, reason_group, valid_from, changed_by) VALUES ($code, $name, $group, now(), $by)`,
      { code: entry.code, name: entry.name, group: entry.reason_group, by: user.username },
      conn
    );
    await audit(db, conn, { user, action: before ? 'update' : 'create', entity: 'reason', entityId: entry.code, before: before ?? null, after: entry });
  });
  return entry;
}

/** Which queue_log events carry a reason and which CDR column does; every call's reason follows. */
export async function saveReasonSources(db: Database, user: Actor, input: { events?: unknown; cdr_field?: unknown }): Promise<ReasonSources> {
  const events = input.events === undefined ? undefined : checkReasonEvents(input.events);
  const field = input.cdr_field === undefined ? undefined : REASON_CDR_FIELDS.find((f) => f === input.cdr_field);
  if (input.cdr_field !== undefined && !field) throw new InputError(`cdr_field "${String(input.cdr_field)}" is not one of ${REASON_CDR_FIELDS.join(', ')}`);
  const before = (await db.query<ReasonSources>('reason-sources'))[0];
  await db.transaction(async (conn) => {
    if (events) {
      const taken = await db.all<{ event: string }>(
        `SELECT event FROM queue_event_types WHERE kind <> 'reason' AND list_contains(string_split($events, ','), event)`, { events: events.join(',') }, conn
      );
      if (taken.length) throw new InputError(`reason events: ${taken.map((t) => t.event).join(', ')} already mean something else in the queue_log`);
      await db.run(`DELETE FROM queue_event_types WHERE kind = 'reason'`, {}, conn);
      await db.run(`INSERT INTO queue_event_types SELECT unnest(string_split($events, ',')), 'reason'`, { events: events.join(',') }, conn);
      // (queue_events is a view over queue_event_rows, migration 042: its event is a code of queue_log_names)
      await db.run(`UPDATE queue_event_rows SET known = n.name IN (SELECT event FROM queue_event_types)
                    FROM queue_log_names n
                    WHERE n.code = queue_event_rows.event_code AND list_contains(string_split($all, ','), n.name)`,
                   { all: [...events, ...(before?.events ?? [])].join(',') }, conn);
    }
    // (event names never hold a comma: REASON_EVENT)
    if (field) {
      await db.run(`INSERT OR REPLACE INTO settings (key, value) VALUES ('reason_cdr_field', to_json(CAST($v AS VARCHAR)))`, { v: field }, conn);
    }
    await rebuildCallReasons(db, conn);
    await audit(db, conn, {
      user, action: 'update', entity: 'setting', entityId: 'reason_sources',
      before: { events: [...(before?.events ?? [])], cdr_field: before?.cdr_field }, after: { events: events ?? [...(before?.events ?? [])], cdr_field: field ?? before?.cdr_field }
    });
  });
  const after = (await db.query<ReasonSources>('reason-sources'))[0];
  return { ...after, events: [...after.events] };
}
