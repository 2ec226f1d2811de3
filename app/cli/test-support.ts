/**
 * Test helpers for the command line: run `node app/cli/callboard.js ...` as a real child process
 * (with standard input), or commands in this process with their standard output captured, and stand in for `callboard serve`: this test process holds a database
 * file, serves the API over HTTP and advertises itself, so the child finds the file locked.
 */
import { serve, type ServerType } from '@hono/node-server';
import { Command } from 'commander';
import { vi } from 'vitest';
import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from '../../sql/db.ts';
import { api } from '../api/index.ts';
import { advertiseServer } from '../server/local-control.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CALLBOARD = join(ROOT, 'app/cli/callboard.js');

/** What `callboard <argv>` prints, run in this process with only the given commands registered. */
export async function commandOutput(commands: Array<(program: Command) => void>, argv: string[]): Promise<string> {
  const program = new Command('callboard').exitOverride().configureOutput({ writeErr: () => undefined });
  for (const register of commands) register(program);
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  try {
    await program.parseAsync(['node', 'callboard', ...argv]);
  } finally {
    spy.mockRestore();
  }
  return out;
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI asynchronously (the test process may be the server it talks to). */
export function runCli(args: string[], stdin = ''): Promise<CliResult> {
  return new Promise((done, fail) => {
    const env = { ...process.env };
    delete env.CALLBOARD_DB;
    const child = spawn(process.execPath, [CALLBOARD, ...args], { cwd: ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

/** Serves the API for `db` on a free local port and advertises it; `stop` undoes both. */
export async function serveLikeCallboard(db: Database): Promise<{ url: string; stop: () => Promise<void> }> {
  const server: ServerType = await new Promise((ready) => {
    const s = serve({ fetch: api.fetch, port: 0, hostname: '127.0.0.1' }, () => ready(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const withdraw = advertiseServer(db.path, url);
  return {
    url,
    stop: async () => {
      withdraw();
      await new Promise<void>((closed) => server.close(() => closed()));
    }
  };
}
