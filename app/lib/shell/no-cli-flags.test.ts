/**
 * A web page never suggests a command-line flag: no `--flag` in the text of any .svelte file
 * (CSS custom properties and comments aside). Messages from the loader that do (it speaks to the
 * command line) pass through pageMessage (lib/imports/uploads.ts) before a page shows them.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const APP = join(import.meta.dirname, '..', '..');

function svelteFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return svelteFiles(path);
    return name.endsWith('.svelte') ? [path] : [];
  });
}

/** The markup and strings of a component without its comments and styles. */
const visibleText = (source: string) =>
  source
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '')
    .replace(/var\(--[\w-]+[,)]/g, '');

describe('pages and command-line flags', () => {
  it('finds no --flag in any page or component', () => {
    const found = svelteFiles(APP).flatMap((file) =>
      visibleText(readFileSync(file, 'utf8'))
        .split('\n')
        .filter((line) => /(^|[\s"'`(])--[a-z][a-z-]*/.test(line))
        .map((line) => `${relative(APP, file)}: ${line.trim()}`)
    );
    expect(found).toEqual([]);
  });
});
