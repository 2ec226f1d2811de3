import { describe, expect, it } from 'vitest';
import { CARD_REDACTION, luhnValid, redactCardNumbers } from './card-numbers.ts';

describe('luhnValid', () => {
  it.each([
    ['4111111111111111', true], // Visa test number
    ['5555555555554444', true], // Mastercard test number
    ['378282246310005', true], // Amex, 15 digits
    ['6011111111111117', true], // Discover
    ['4111111111111112', false],
    ['1234567812345678', false],
    ['79927398713', true], // the textbook example (11 digits: valid, but too short to be a card)
    ['', false],
    ['4111a11111111111', false]
  ])('%s → %s', (digits, valid) => expect(luhnValid(digits)).toBe(valid));
});

describe('redactCardNumbers: Luhn-valid 13 to 19 digits in free text', () => {
  it.each([
    ['paid with 4111111111111111 today', `paid with ${CARD_REDACTION} today`, 1],
    ['card 4111 1111 1111 1111.', `card ${CARD_REDACTION}.`, 1],
    ['card 4111-1111-1111-1111, exp 12/27', `card ${CARD_REDACTION}, exp 12/27`, 1],
    ['amex 3782 822463 10005 and visa 5555555555554444', `amex ${CARD_REDACTION} and visa ${CARD_REDACTION}`, 2],
    ['19 digits 4000000000000000006', `19 digits ${CARD_REDACTION}`, 1],
    // not cards: fail Luhn, too short, too long, double separators
    ['ref 4111111111111112', 'ref 4111111111111112', 0],
    ['account 79927398713', 'account 79927398713', 0],
    ['a 20-digit run 41111111111111111111 stays', 'a 20-digit run 41111111111111111111 stays', 0],
    ['4111  1111  1111  1111', '4111  1111  1111  1111', 0],
    // identifiers are never touched: a call id, a caller's number, a Luhn-valid run glued to letters
    ['call 3-1520 from +1 (312) 555-0120', 'call 3-1520 from +1 (312) 555-0120', 0],
    ['uniqueid 1700000000.4111111111111111', 'uniqueid 1700000000.4111111111111111', 0],
    ['id x4111111111111111', 'id x4111111111111111', 0],
    ['no digits at all', 'no digits at all', 0]
  ])('%s', (input, output, count) => {
    expect(redactCardNumbers(input)).toEqual({ text: output, redacted: count });
  });
});
