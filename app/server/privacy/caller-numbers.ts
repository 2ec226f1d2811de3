/**
 * The one place callers' numbers pass on their way out of the server. Every API answer (a Hono
 * middleware in app/api/index.ts) and every page load that carries calls goes through
 * `callerNumbersOut`, which, for the signed-in role:
 *
 * - lead, admin (they follow up on callers): leaves the numbers whole and writes ONE audit entry per
 *   request (who, when, what: the address asked, how many numbers, the span of the calls shown);
 * - every other role: masks them (analytics/privacy/caller-number-mask.ts), withholds raw source
 *   lines (a quarantined queue_log line holds the caller's number), and masks any other text that
 *   repeats a number found in the answer (a timeline step "caller 3125550120").
 *
 * Numbers are found by key, at any depth: `caller`, `number`, `number_key` (the last 10 digits: as
 * personal as the number) and `caller_number`. A new answer that carries a number under another key
 * must use one of these; app/api/caller-numbers.test.ts walks the API as every role to keep it so.
 */
import type { Database } from '../../../sql/db.ts';
import { InputError } from '../../../sql/errors.ts';
import { isMasked, maskCallerNumber } from '../../../analytics/privacy/caller-number-mask.ts';
import type { Role } from '../roles.ts';
import { auditRead, type Actor } from '../audit.ts';

/** The roles that see callers' numbers whole. */
export const NUMBER_READERS: readonly Role[] = ['admin', 'lead'];
export const seesCallerNumbers = (role: Role): boolean => NUMBER_READERS.includes(role);

export const NUMBER_KEYS = new Set(['caller', 'number', 'number_key', 'caller_number']);
/** Keys holding a source line as read: withheld whole from roles that may not see numbers. */
const RAW_KEYS = new Set(['raw', 'example_raw']);
export const RAW_WITHHELD = '(withheld: a source line can hold a caller’s number; leads and admins see it)';
/** Keys holding when a call entered: the span an audit entry records. */
const TIME_KEYS = ['entered', 'enter_ts', 'lost_at'];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !(v instanceof Date);
const numberValue = (k: string, v: unknown): v is string => NUMBER_KEYS.has(k) && typeof v === 'string' && /\d/.test(v) && !isMasked(v);

export interface NumbersFound {
  numbers: Set<string>;
  first: string | null;
  last: string | null;
}

/** Every caller number in a value, and the span of the calls they belong to. */
export function findCallerNumbers(value: unknown): NumbersFound {
  const found: NumbersFound = { numbers: new Set(), first: null, last: null };
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(visit);
    if (!isObject(v)) return;
    let has = false;
    for (const [k, x] of Object.entries(v)) {
      // A source line as read (a quarantined queue_log line) counts as shown numbers too.
      if (numberValue(k, x) || (RAW_KEYS.has(k) && typeof x === 'string' && /\d{7}/.test(x) && x !== RAW_WITHHELD)) {
        found.numbers.add(x);
        has = true;
      } else if (typeof x === 'object') visit(x);
    }
    if (!has) return;
    const t = TIME_KEYS.map((k) => v[k]).find((x): x is string => typeof x === 'string');
    if (t !== undefined) {
      if (found.first === null || t < found.first) found.first = t;
      if (found.last === null || t > found.last) found.last = t;
    }
  };
  visit(value);
  return found;
}

/** The value with every caller number masked (a copy; the input is not changed). */
export function maskCallerNumbers<T>(value: T): T {
  const numbers = [...findCallerNumbers(value).numbers]
    .filter((n) => !/\|/.test(n)) // raw lines are withheld whole, not searched for.filter((n) => n.replace(/\D/g, '').length >= 4);
  // Longest first, so "+13125550120" is masked whole before "3125550120" inside it.
  numbers.sort((a, b) => b.length - a.length);
  const inText = (s: string): string => {
    if (!/\d{4}/.test(s)) return s;
    let out = s;
    for (const n of numbers) if (out.includes(n)) out = out.split(n).join(maskCallerNumber(n)!);
    return out;
  };
  const walk = (v: unknown, key: string | null): unknown => {
    if (Array.isArray(v)) return v.map((x) => walk(x, null));
    if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
    if (typeof v !== 'string') return v;
    if (key !== null && NUMBER_KEYS.has(key)) return maskCallerNumber(v);
    if (key !== null && RAW_KEYS.has(key)) return RAW_WITHHELD;
    return inText(v);
  };
  return walk(value, null) as T;
}

/** The signed-in person a value is shown to (the command line passes an admin actor). */
export interface Viewer extends Actor {
  role: Role;
}

export interface Request {
  /** What was asked: the address with its query (`/api/calls?from=2026-03-02`), or a CLI command. */
  what: string;
  /** `view` (a page or an answer) or `export` (a file). */
  action?: 'view' | 'export';
}

/**
 * The one way out for anything that may carry callers' numbers: masked for roles that may not see
 * them; whole, with one audit entry for the request, for those that may.
 */
export async function callerNumbersOut<T>(db: Database, viewer: Viewer, request: Request, value: T): Promise<T> {
  if (!seesCallerNumbers(viewer.role)) return maskCallerNumbers(value);
  const found = findCallerNumbers(value);
  if (found.numbers.size > 0) await auditNumbersShown(db, viewer, request, found);
  return value;
}

/**
 * What was asked, with a searched number masked: managers read the audit log, and a lead's search for
 * `?caller=3125550120` must not hand them the number.
 */
export function withoutSearchedNumber(what: string): string {
  return what.replace(/([?&]caller=)([^&#\s]*)/g, (_, key: string, value: string) => {
    let typed = value;
    try {
      typed = decodeURIComponent(value.replace(/\+/g, ' '));
    } catch {
      // not valid percent-encoding: masked as it stands
    }
    return `${key}${encodeURIComponent(maskCallerNumber(typed) ?? '')}`;
  });
}

export async function auditNumbersShown(db: Database, viewer: Actor, request: Request, found: Pick<NumbersFound, 'first' | 'last'> & { numbers: { size: number } }): Promise<void> {
  await auditRead(db, {
    user: { id: viewer.id, username: viewer.username },
    action: request.action ?? 'view',
    entity: 'caller_numbers',
    entityId: withoutSearchedNumber(request.what).slice(0, 500),
    after: { numbers: found.numbers.size, first_call: found.first, last_call: found.last }
  });
}

/**
 * A role that may not see numbers may still find a caller's calls by the whole number (a complaint
 * names it), but not by a few digits: a partial search would spell the masked digits back out.
 */
export function checkCallerSearch(role: Role, caller: string | null | undefined): void {
  if (caller === null || caller === undefined || caller.trim() === '' || seesCallerNumbers(role)) return;
  if (caller.replace(/\D/g, '').length < 7) {
    throw new InputError(`caller "${caller}": type the whole number (at least 7 digits); only leads and admins search by part of a number`);
  }
}
