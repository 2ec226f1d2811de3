/**
 * The one way Callboard writes a CSV cell (RFC 4180), for every CSV it writes: reports, schedules,
 * `metrics --csv`, `forecast --csv`. A queue, rep, team or template name is typed by people (or
 * by a PBX), and a spreadsheet runs a cell that begins with `=`, `+`, `-` or `@` (and, in some, a
 * tab or carriage return) as a formula. As OWASP's "CSV Injection" page advises, such a text cell
 * is written with a single quote in front and inside double quotes, so it opens as the text it is.
 * Numbers stay numbers: a JS number, or text that is wholly a plain decimal number (`-3`, `+1.5`,
 * `2e-3`), is written as it is; a negative figure is a figure, not a formula.
 */

/** The first characters that make a spreadsheet evaluate a cell. */
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** One cell: empty for null, numbers as they are, text quoted when it must be and made inert. */
export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  let s = String(v);
  let quote = /[",\n\r]/.test(s) || /^\s|\s$/.test(s);
  if (FORMULA_START.test(s) && !PLAIN_NUMBER.test(s)) {
    s = `'${s}`;
    quote = true;
  }
  return quote ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One line of cells, comma-separated (no line ending). */
export function csvLine(cells: ReadonlyArray<unknown>): string {
  return cells.map(csvCell).join(',');
}
