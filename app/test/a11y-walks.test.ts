// The accessibility walk is shared out over files (app/test/a11y-walk.ts WALKS) so two workers share it:
// between them they still walk every role a person signs in with, the sign-in page and the Tab walk.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { EVERYONE } from '../api/access.ts';
import { WALKS } from './a11y-walk.ts';

const walks = Object.values(WALKS).map((w) => ({ signedOut: false, keyboard: false, ...w }));

it('walks every role once, the sign-in page once and the admin Tab walk beside the admin pages', () => {
  expect(walks.flatMap((w) => w.roles).sort()).toEqual([...EVERYONE].sort());
  expect(walks.filter((w) => w.signedOut)).toHaveLength(1);
  expect(walks.filter((w) => w.keyboard).map((w) => w.roles)).toEqual([expect.arrayContaining(['admin'])]);
});

it('has a test file for each walk', () => {
  for (const name of Object.keys(WALKS)) expect(existsSync(join(import.meta.dirname, `a11y-${name}.browser.test.ts`)), name).toBe(true);
});
