// The browser files start after every other file, so the app build and demo seed the warm-up started
// meanwhile are ready for them, the accessibility walk's first; the others keep vitest's own order
// (longest last time first; larger files first on a fresh clone).
import { describe, expect, it } from 'vitest';
import type { TestSpecification } from 'vitest/node';
import BrowserLastSequencer from './sequencer.ts';

const project = (name: string) => ({ name, config: { sequence: { groupOrder: 0 }, isolate: true } });
const spec = (moduleId: string, name = moduleId.endsWith('.browser.test.ts') ? 'browser' : 'unit') =>
  ({ moduleId: `/repo/${moduleId}`, project: project(name) }) as unknown as TestSpecification;

/** A vitest context whose last run took `seconds` per file. */
const ctx = (seconds: Record<string, number>) => ({
  config: { root: '/repo' },
  cache: {
    getFileTestResults: (key: string) => {
      const s = seconds[key.slice(key.indexOf(':') + 1)];
      return s === undefined ? undefined : { failed: false, duration: s * 1000 };
    },
    getFileStats: () => ({ size: 1 })
  }
});

describe('BrowserLastSequencer', () => {
  it('runs the browser files last, and the rest longest first', async () => {
    const files = ['a.test.ts', 'day.browser.test.ts', 'b.test.ts', 'shell.browser.test.ts', 'c.test.ts'].map((f) => spec(f));
    const order = await new BrowserLastSequencer(ctx({ 'a.test.ts': 1, 'b.test.ts': 30, 'c.test.ts': 5, 'day.browser.test.ts': 90, 'shell.browser.test.ts': 60 }) as never).sort(files);
    expect(order.map((f) => f.moduleId.slice('/repo/'.length))).toEqual(['b.test.ts', 'c.test.ts', 'a.test.ts', 'day.browser.test.ts', 'shell.browser.test.ts']);
  });

  it('starts the accessibility walk first among the browser files, though a fresh clone has no times and its files are small', async () => {
    const files = ['a11y-admin.browser.test.ts', 'day.browser.test.ts', 'a.test.ts', 'a11y-manager-rep.browser.test.ts'].map((f) => spec(f));
    const sizes: Record<string, number> = { 'a11y-admin.browser.test.ts': 1, 'day.browser.test.ts': 50, 'a.test.ts': 2, 'a11y-manager-rep.browser.test.ts': 1 };
    const fresh = { config: { root: '/repo' }, cache: { getFileTestResults: () => undefined, getFileStats: (key: string) => ({ size: sizes[key.slice(key.indexOf(':') + 1)] }) } };
    const order = await new BrowserLastSequencer(fresh as never).sort(files);
    expect(order.map((f) => f.moduleId.slice('/repo/'.length))).toEqual(['a.test.ts', 'a11y-admin.browser.test.ts', 'a11y-manager-rep.browser.test.ts', 'day.browser.test.ts']);
  });
});
