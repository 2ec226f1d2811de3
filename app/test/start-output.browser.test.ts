/**
 * What `npm start` shows (issue 13.13): serving a new, empty database builds the demo center and ends
 * its output with the URL and a sign-in for each role, nothing after (no background chatter), in a
 * few lines; the favicon the pages link answers 200 (every page logged a 404 for it before).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ensureBuilt, ROOT } from './build-app.ts';

it('ends with the URL and the sign-ins, and serves the favicon', { timeout: 300_000 }, async () => {
  const cwd = await ensureBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'callboard-start-'));
  const env: NodeJS.ProcessEnv = { ...process.env, CALLBOARD_NO_JOBS: '1', CALLBOARD_INBOX: join(dir, 'inbox') };
  delete env.CALLBOARD_TZ;
  delete env.CALLBOARD_DB;
  const child = spawn(process.execPath, [join(ROOT, 'app/cli/callboard.js'), 'serve', '--db', join(dir, 'new.duckdb'), '--port', '0'], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (b) => (out += b));
  child.stderr!.on('data', (b) => (out += b));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  try {
    await expect.poll(() => (out.match(/sign in as/g) ?? []).length, { timeout: 240_000, interval: 250 }).toBe(6);
    const url = /Callboard is up: (http:\/\/\S+?)\/?\n/.exec(out)![1];

    const page = await fetch(`${url}/login`);
    const html = await page.text();
    const icons = [...html.matchAll(/<link rel="icon" href="([^"]+)"/g)].map((m) => new URL(m[1], `${url}/login`).pathname);
    expect(icons).toContain('/favicon.svg');
    for (const icon of [...icons, '/favicon.ico']) {
      const res = await fetch(`${url}${icon}`);
      expect(res.status, icon).toBe(200);
      const body = Buffer.from(await res.arrayBuffer());
      if (icon.endsWith('.svg')) expect(body.toString('utf8'), icon).toMatch(/^<svg /);
      else expect([...body.subarray(0, 4)], icon).toEqual([0, 0, 1, 0]); // an ICO file's header
    }
  } finally {
    child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  }
  const lines = out.trimEnd().split('\n');
  expect(lines.slice(-7)).toEqual([
    expect.stringMatching(/^Callboard is up: http:\/\/127\.0\.0\.1:\d+\/$/),
    ...['admin', 'manager', 'lead', 'scheduler', 'rep', 'wallboard'].map((role) => expect.stringMatching(new RegExp(`^  sign in as ${role} +\\S+ / \\S+$`)))
  ]);
  expect(lines.length, out).toBeLessThanOrEqual(16);
});
