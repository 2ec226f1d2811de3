// docs/reference.md is what the commands' own --help and the access table say (regenerate it with
// `npx tsx app/reference/write-reference.ts`), and it names every command and every route.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { apiAccess, pageAccess } from '../api/access.ts';
import { REFERENCE_END, REFERENCE_START, renderReference, withReference } from './reference.ts';

const doc = readFileSync(new URL('../../docs/reference.md', import.meta.url), 'utf8');

describe('docs/reference.md', () => {
  it('is current (regenerate: npx tsx app/reference/write-reference.ts)', () => {
    expect(doc).toContain(REFERENCE_START);
    expect(doc).toContain(REFERENCE_END);
    expect(withReference(doc)).toBe(doc);
  });

  it('names every command, every API route and every page', () => {
    const rendered = renderReference();
    for (const name of ['ingest', 'metrics', 'calls', 'staffing', 'report', 'user', 'backup', 'serve']) expect(rendered).toContain(`### \`callboard ${name}\``);
    for (const route of [...Object.keys(apiAccess), ...Object.keys(pageAccess)]) expect(rendered).toContain(`| \`${route}\` |`);
    expect(rendered).not.toMatch(/--db <path>/); // the shared options are described once, above
  });
});
