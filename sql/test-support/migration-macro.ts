// Tests only: a macro as a migration wrote it, made again under another name beside the current one,
// so a test holds a faster definition to the rows of the one it replaced.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';

/**
 * The macro that starts with `create` in sql/migrations/`migration`, from there to the blank line (or
 * end) that closes it, with `create` replaced by `as` (e.g. a TEMP MACRO of another name).
 */
export function macroAsWritten(migration: string, create: string, as: string): string {
  const sql = readFileSync(join(import.meta.dirname, '..', 'migrations', migration), 'utf8');
  const start = sql.indexOf(create);
  expect(start).toBeGreaterThanOrEqual(0);
  const end = sql.indexOf('\n\n', start);
  return sql.slice(start, end < 0 ? undefined : end).replace(create, as);
}
