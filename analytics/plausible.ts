/**
 * Second line of defence for derived figures. Loads keep implausible numbers out of the calls
 * (ingest/field-ranges.ts rejects a wait, talk or wrap-up longer than a day, negative, NaN or
 * infinite, and migration 015 cleaned calls loaded before), but a figure worked out from many calls
 * (patience, handle time, Erlang inputs) must still never fail or run away on one it was not meant
 * to see: an input past these bounds gives "no estimate" (null), not an exception.
 */

/** The longest wait, talk or wrap-up a figure counts (the same day as ingest/field-ranges.ts). */
export const MAX_CALL_DURATION_S = 86_400;

/** A number a figure may use: finite and within [min, max]; else null. */
export function plausible(x: number | null | undefined, min: number, max: number): number | null {
  return typeof x === 'number' && Number.isFinite(x) && x >= min && x <= max ? x : null;
}
