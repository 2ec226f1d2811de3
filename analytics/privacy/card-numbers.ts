/**
 * Card-number-like strings in free text (a rep's note "caller paid with 4111 1111 1111 1111"),
 * found so they are never kept: 13 to 19 digits, single spaces or dashes allowed between digits, that
 * pass the Luhn check (ISO/IEC 7812-1 Annex B) are replaced by `[card number removed]`. Keeping
 * card numbers out of every table is what keeps Callboard out of PCI DSS scope (README, "Callers'
 * numbers and card data").
 *
 * Only free text goes through here (notes, evaluation comments, lost-call handling notes,
 * annotations, exclusion reasons): never a call id or a caller's number, which are identifiers.
 * A run of digits that is part of a longer digit run (an id) is left alone: the candidate must not
 * touch another digit or letter on either side. Pure.
 */
export const CARD_REDACTION = '[card number removed]';

/** Candidates: 13..19 digits with single space/dash separators, not glued to letters or to other digits (`1700000000.41…`). */
const CANDIDATE = /(?<![\p{L}\p{N}_-])(?<!\p{N}[.,:/])\d(?:[ -]?\d){12,18}(?![\p{L}\p{N}_])(?![.,:/-]\p{N})/gu;

/** The Luhn check over a string of digits. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export interface Redacted {
  text: string;
  /** How many card-number-like strings were replaced. */
  redacted: number;
}

export function redactCardNumbers(text: string): Redacted {
  let redacted = 0;
  const out = text.replace(CANDIDATE, (match) => {
    const digits = match.replace(/[ -]/g, '');
    if (digits.length < 13 || digits.length > 19 || !luhnValid(digits)) return match;
    redacted++;
    return CARD_REDACTION;
  });
  return { text: out, redacted };
}

/** For optional fields: null stays null. */
export function redactOptional(text: string | null | undefined): { text: string | null; redacted: number } {
  if (text === null || text === undefined) return { text: null, redacted: 0 };
  return redactCardNumbers(text);
}
