/** /login's `next`: hostile values fall back to the home page; any answer stays on this site. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeNext } from './safe-next.ts';

const SITE = 'https://callboard.city.gov';
/** What the page does with `next`: SvelteKit's goto resolves it against the page, as a browser would. */
const landsOn = (next: string) => new URL(next, `${SITE}/login`);

describe('safeNext', () => {
  it('keeps paths on this site, with their query', () => {
    expect(safeNext('/imports?run=1')).toBe('/imports?run=1');
    expect(safeNext('/reps/ana#notes')).toBe('/reps/ana#notes');
    expect(safeNext('/day?date=2026-11-24&show=open')).toBe('/day?date=2026-11-24&show=open');
    expect(safeNext('/reps/%61na')).toBe('/reps/%61na');
  });

  // Each as `searchParams.get('next')` gives it, i.e. after one decoding of the query string.
  const HOSTILE = [
    '//evil.example',
    '///evil.example',
    '/\\evil.example',
    '/\\/evil.example',
    '\\\\evil.example',
    '/\t/evil.example',
    '/\n/evil.example',
    '/\r/evil.example',
    '/ /evil.example'.replace(' ', '\u0000'),
    '/%09/evil.example'.replace('%09', decodeURIComponent('%09')),
    decodeURIComponent('/%2F/evil.example'),
    decodeURIComponent('%2F%2Fevil.example'),
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'https://evil.example/',
    'http:evil.example',
    '//evil.example/%2e%2e',
    'evil.example',
    '',
    '\u0000',
    '/\u2028/evil.example'
  ];

  it.each(HOSTILE)('sends %j home', (next) => {
    const got = safeNext(next);
    expect(landsOn(got).origin).toBe(SITE);
    if (!/^\/\u2028/.test(next)) expect(got).toBe('/');
  });

  it('decoded once more (a double-encoded value) it still stays on this site', () => {
    for (const next of ['/%2F/evil.example', '/%5C/evil.example', '/%09/evil.example', '/%2e%2e/%2e%2e//evil.example']) {
      expect(landsOn(safeNext(next)).origin, next).toBe(SITE);
    }
  });

  it('never leaves the site, whatever it is given', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.constantFrom('/', '//', '/\\', '\t', '%', ':').chain((p) => fc.string().map((s) => p + s))), (next) => {
        expect(landsOn(safeNext(next)).origin).toBe(SITE);
      }),
      { numRuns: 2000 }
    );
  });
});
