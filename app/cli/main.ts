/**
 * `callboard <command>`: a thin shell over the core modules. Each command lives in commands/ and
 * only parses options, calls core code and prints. User mistakes print one line and exit non-zero
 * (sql/errors.ts); anything else is a bug and keeps its stack trace.
 */
import { Command, CommanderError } from 'commander';
import { readFileSync } from 'node:fs';
import { CallboardError } from '../../sql/errors.ts';
import { commands } from './commands/index.ts';

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

const program = new Command('callboard')
  .description('Callboard: telephony analytics and workforce planning for a public-service call center')
  .version(version, '--version', 'print the version')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();

for (const register of commands) register(program);

/**
 * Closes the database when the command opened one. sql/db.ts keeps the process's database on
 * globalThis; checking there first means `--help` and `staffing` never load DuckDB just to close nothing.
 */
async function closeDatabase(): Promise<void> {
  if ((globalThis as { __callboardDb?: unknown }).__callboardDb) await (await import('../../sql/db.ts')).closeDatabase();
}

try {
  await program.parseAsync(process.argv);
  await closeDatabase();
} catch (e) {
  await closeDatabase().catch(() => undefined);
  if (e instanceof CommanderError) {
    process.exitCode = e.exitCode === 0 ? 0 : 2;
  } else if (e instanceof CallboardError) {
    process.stderr.write(`callboard: ${e.message}\n`);
    process.exitCode = e.exitCode;
  } else {
    throw e;
  }
}
