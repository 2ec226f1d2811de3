/**
 * The reason catalogue's rules (issue 15): a code the sources write (`billing-dispute`), the name
 * people read, and one of the division's groups. Checked once here so the API, the CLI and the tests
 * refuse the same mistakes. A code the catalogue does not know is never dropped: it is shown as
 * itself and listed for the admin (app/server/reasons.ts).
 */
import { InputError } from '../../sql/errors.ts';

export const REASON_GROUPS = ['Billing', 'Missed pick-up', 'Bulky item', 'Special needs / pack-out', 'Other'] as const;
export type ReasonGroup = (typeof REASON_GROUPS)[number];
/** The group figures by reason group put a code the catalogue lacks in (sql/call-metrics.sql writes it too). */
export const NOT_IN_CATALOGUE = 'Not in catalogue';

/** What PBX dialplans write as a code: letters, digits and . _ - : / (no spaces, no SQL). */
export const REASON_CODE = /^[\w.:/-]{1,100}$/;
/** A queue_log event name (Asterisk writes them upper case: WRAPUPCODE). */
export const REASON_EVENT = /^[A-Z][A-Z0-9_]{1,39}$/;
export const REASON_CDR_FIELDS = ['userfield', 'accountcode'] as const;
export type ReasonCdrField = (typeof REASON_CDR_FIELDS)[number];
export const DEFAULT_REASON_EVENTS = ['WRAPUPCODE', 'CALLSTATUS'];

export interface ReasonEntry {
  code: string;
  name: string;
  reason_group: ReasonGroup;
}

export function checkReasonEntry(input: { code: unknown; name: unknown; reason_group: unknown }): ReasonEntry {
  const code = typeof input.code === 'string' ? input.code.trim() : '';
  if (!REASON_CODE.test(code)) throw new InputError(`reason code "${String(input.code)}" is not a code (letters, digits and . _ - : /, up to 100)`);
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  if (name === '' || name.length > 100) throw new InputError(`reason ${code}: give it a name of up to 100 characters`);
  const group = REASON_GROUPS.find((g) => g === input.reason_group);
  if (!group) throw new InputError(`reason ${code}: group "${String(input.reason_group)}" is not one of ${REASON_GROUPS.join(', ')}`);
  return { code, name, reason_group: group };
}

export function checkReasonEvents(events: unknown): string[] {
  if (!Array.isArray(events) || events.length === 0 || events.length > 10) throw new InputError('reason events: give 1 to 10 queue_log event names');
  const names = events.map((e) => (typeof e === 'string' ? e.trim() : ''));
  const bad = names.find((n) => !REASON_EVENT.test(n));
  if (bad !== undefined) throw new InputError(`reason event "${bad}" is not a queue_log event name (upper case, e.g. WRAPUPCODE)`);
  return [...new Set(names)];
}

/** What a code is shown as: its catalogue name, else the code itself. */
export function reasonLabel(code: string | null, name: string | null | undefined): string {
  if (code === null) return 'No reason';
  return name ?? code;
}
