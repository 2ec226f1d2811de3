/**
 * Callers' numbers are personal data. Roles that follow up on callers (lead, admin) see them whole;
 * every other role sees them through this one rule:
 *
 * - a number with 7 or more digits keeps its last 4 digits: `+1 (312) 555-0120` → `•••-•••-0120`;
 * - a shorter number (an extension, a short code) keeps none: `•••`;
 * - no number stays no number (null), so "withheld" still reads as withheld.
 *
 * Four digits are what a caller reads back to confirm who they are, and alone never find a caller
 * (the Calls search needs the digits a masked reader does not have). Pure: no role, no database.
 */
export const MASK = '•••';

export function maskCallerNumber(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (isMasked(value)) return value;
  const digits = value.replace(/\D/g, '');
  if (digits.length === 0) return value.trim() === '' ? value : MASK;
  if (digits.length < 7) return MASK;
  return `${MASK}-${MASK}-${digits.slice(-4)}`;
}

/** Already masked (so masking twice gives the same text). */
export const isMasked = (value: string): boolean => value.startsWith(MASK);
