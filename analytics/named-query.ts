/**
 * Runs sql/<name>.sql with only the parameters its text names: DuckDB refuses to bind a value the
 * statement has no `$name` for, and the analytics questions share one parameter set.
 */
import type { Database, Params } from '../sql/db.ts';
import { sqlText } from '../sql/db.ts';

const namesCache = new Map<string, Set<string>>();

export function parameterNames(name: string): Set<string> {
  let names = namesCache.get(name);
  if (!names) {
    const code = sqlText(name).replace(/--[^\n]*/g, '').replace(/'(?:[^']|'')*'/g, "''");
    names = new Set([...code.matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]));
    namesCache.set(name, names);
  }
  return names;
}

export function runNamed<T>(db: Database, name: string, params: Params): Promise<T[]> {
  const names = parameterNames(name);
  const bound: Params = {};
  for (const n of names) {
    if (!(n in params)) throw new Error(`sql/${name}.sql needs $${n}`);
    bound[n] = params[n];
  }
  return db.query<T>(name, bound);
}
