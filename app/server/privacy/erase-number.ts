/**
 * "Erase this number" (an admin's, for a caller who asks, or under a records order): one caller's
 * number removed from every table that keeps it (sql/erase-caller-number.sql says where and how),
 * with one audit entry naming only its last 4 digits and how many rows each table had, all in one
 * transaction. A CHECKPOINT afterwards writes the change into the database file, so the old values
 * do not linger in its write-ahead log. Idempotent: a second erase finds nothing (and says so, audited).
 * Used by `callboard calls erase-number`, POST /api/calls/erase-number and the call page's button.
 */
import { listValue } from '../../../sql/duckdb-api.ts';
import type { Database } from '../../../sql/db.ts';
import { InputError } from '../../../sql/errors.ts';
import { maskCallerNumber } from '../../../analytics/privacy/caller-number-mask.ts';
import { audit, type Actor } from '../audit.ts';
import { getCall } from '../calls.ts';

/** What free text shows where a number was. */
export const ERASED = '[number erased]';

export interface ErasedCounts {
  calls: number;
  excluded_calls: number;
  queue_events: number;
  cdr_records: number;
  call_facts: number;
  lost_call_facts: number;
  quarantine: number;
  notes: number;
  lost_call_handling: number;
  evaluations: number;
  annotations: number;
  audit_log: number;
}

export interface Erasure {
  /** The number as the audit log names it: its last 4 digits only. */
  number: string;
  /** Rows changed per table (all 0: the number was already gone). */
  erased: ErasedCounts;
  total: number;
}

/** A number's key as number_key_of (migration 010) makes it: its last 10 digits, all of a shorter one. */
export function numberKey(number: string): string {
  const digits = number.replace(/\D/g, '');
  if (digits.length < 7) throw new InputError(`"${number}" is not a caller's number (at least 7 digits)`);
  return digits.length > 10 ? digits.slice(-10) : digits;
}

export async function eraseNumber(db: Database, user: Actor, number: string, from?: { callId: string }): Promise<Erasure> {
  const key = numberKey(number);
  const shown = maskCallerNumber(number)!;
  const erasure = await db.transaction(async (conn) => {
    const found = await db.query<{ variant: string }>('erase-number-variants', { key }, conn);
    // The forms found in the data, and the number as typed: digits alone, the key, with +1.
    const digits = number.replace(/\D/g, '');
    const variants = [...new Set([...found.map((f) => f.variant), number.trim(), digits, key, `+${digits}`, `+1${key}`, `1${key}`])]
      .filter((v) => v.replace(/\D/g, '').length >= 7)
      .sort((a, b) => b.length - a.length); // longest first: "+13125550120" before the "3125550120" inside it
    const params = { key, variants: listValue(variants), replacement: ERASED };
    const [counts] = await db.query<ErasedCounts>('erase-number-counts', params, conn);
    await db.scriptFile('erase-caller-number', params, conn);
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    const result: Erasure = { number: shown, erased: counts, total };
    await audit(db, conn, { user, action: 'erase', entity: 'caller_number', entityId: shown, after: { ...result, call: from?.callId ?? null } });
    return result;
  });
  // Best effort: a checkpoint waits for no reader; the next one (DuckDB's own, or at close) writes it then.
  await db.run('CHECKPOINT').catch(() => undefined);
  return erasure;
}

/** The call page's button: the number of call `id` erased everywhere (nothing to do: a call without one). */
export async function eraseNumberOfCall(db: Database, timeZone: string, user: Actor, id: string): Promise<Erasure> {
  const call = await getCall(db, timeZone, id);
  if (call.caller === null || call.caller.replace(/\D/g, '').length < 7) {
    const none: ErasedCounts = { calls: 0, excluded_calls: 0, queue_events: 0, cdr_records: 0, call_facts: 0, lost_call_facts: 0, quarantine: 0, notes: 0, lost_call_handling: 0, evaluations: 0, annotations: 0, audit_log: 0 };
    const erasure: Erasure = { number: '(none)', erased: none, total: 0 };
    await db.transaction((conn) => audit(db, conn, { user, action: 'erase', entity: 'caller_number', entityId: '(none)', after: { ...erasure, call: id } }));
    return erasure;
  }
  return eraseNumber(db, user, call.caller, { callId: id });
}
