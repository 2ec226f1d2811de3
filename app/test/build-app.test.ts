// The build stamp is the sources' contents: a browser test run rebuilds the app when a byte changed,
// and only then (a checkout or a touch that leaves the bytes alone costs no build).
import { mkdirSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSources, contentHash, RESULTS, ROOT, sourcesHash } from './build-app.ts';

const dir = `test-results/hash-test-${process.pid}`;
afterAll(() => rmSync(join(ROOT, dir), { recursive: true, force: true }));

describe('contentHash', () => {
  it('changes with a byte or a name, not with a touch or a rewrite of the same bytes', () => {
    mkdirSync(join(RESULTS, `hash-test-${process.pid}`), { recursive: true });
    const [a, b] = [`${dir}/a.ts`, `${dir}/b.svelte`];
    writeFileSync(join(ROOT, a), 'export const x = 1;\n');
    writeFileSync(join(ROOT, b), '<p>hi</p>\n');
    const first = contentHash([a, b]);
    expect(contentHash([b, a])).toBe(first); // order of listing does not matter

    const later = new Date(Date.now() + 60_000);
    utimesSync(join(ROOT, a), later, later);
    writeFileSync(join(ROOT, b), '<p>hi</p>\n');
    expect(contentHash([a, b])).toBe(first);

    writeFileSync(join(ROOT, a), 'export const x = 2;\n');
    const edited = contentHash([a, b]);
    expect(edited).not.toBe(first);

    renameSync(join(ROOT, b), join(ROOT, `${dir}/c.svelte`));
    expect(contentHash([a, `${dir}/c.svelte`])).not.toBe(edited);
  });
});

describe('sourcesHash', () => {
  it('covers the code, pages and configs, and skips tests, docs, the harness and the SQL read at run time', () => {
    const files = buildSources();
    for (const f of ['app/hooks.server.ts', 'app/routes/+layout.svelte', 'app/app.html', 'ingest/load.ts', 'vite.config.ts', 'package-lock.json']) {
      expect(files, f).toContain(f);
    }
    expect(files.filter((f) => /\.test\.ts$|\.md$|\.sql$/.test(f))).toEqual([]);
    expect(files.filter((f) => f.startsWith('app/test/'))).toEqual([]);
    expect(sourcesHash()).toMatch(/^[0-9a-f]{16}$/);
    expect(sourcesHash()).toBe(sourcesHash());
  });
});
