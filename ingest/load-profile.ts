// CALLBOARD_PROFILE=1: each statement of a load with its time (finding slow steps in loads).
import type { DuckDBConnection } from '@duckdb/node-api';

/**
 * With CALLBOARD_PROFILE=1, a connection that prints each statement's wall and CPU time (all threads
 * of the process), whether run directly, from a script (Database.script prepares each statement) or
 * read (Database.all); the planning of a prepared statement is a line of its own (`PLAN ...`): a small
 * load's time is mostly many small statements, each planned and run.
 */
export function profiled(conn: DuckDBConnection): DuckDBConnection {
  if (process.env.CALLBOARD_PROFILE !== '1') return conn;
  const timed = async <T>(sql: string, run: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const r = await run();
    const c = process.cpuUsage(c0);
    const label = sql.split('\n').filter((l) => l.trim() && !l.trim().startsWith('--')).join(' ').replace(/\s+/g, ' ').trim();
    console.error(`[${(performance.now() - t0).toFixed(0)} ms, cpu ${((c.user + c.system) / 1000).toFixed(0)} ms] ${label.slice(0, 70)}`);
    return r;
  };
  return new Proxy(conn, {
    get(target, prop) {
      if (prop === 'run') return (sql: string, params?: Record<string, never>) => timed(sql, () => target.run(sql, params));
      if (prop === 'prepare') {
        return async (sql: string) => {
          const prepared = await timed(`PLAN ${sql}`, () => target.prepare(sql));
          return new Proxy(prepared, {
            get(pr, q) {
              if (q === 'runAndReadAll') return () => timed(sql, () => pr.runAndReadAll());
              const v = Reflect.get(pr, q, pr);
              return typeof v === 'function' ? v.bind(pr) : v;
            }
          });
        };
      }
      if (prop === 'extractStatements') {
        return async (sql: string) => {
          const statements = await target.extractStatements(sql);
          const texts = sql.split('\n').filter((l) => !l.trim().startsWith('--')).join('\n').split(/;\s*(?:\n|$)/);
          return new Proxy(statements, {
            get(st, p) {
              if (p !== 'prepare') return Reflect.get(st, p, st);
              return async (i: number) => {
                const prepared = await timed(`PLAN ${texts[i] ?? ''}`, () => st.prepare(i));
                return new Proxy(prepared, {
                  get(pr, q) {
                    if (q === 'run') return () => timed(texts[i] ?? '', () => pr.run());
                    const v = Reflect.get(pr, q, pr);
                    return typeof v === 'function' ? v.bind(pr) : v;
                  }
                });
              };
            }
          });
        };
      }
      const v = Reflect.get(target, prop, target);
      return typeof v === 'function' ? v.bind(target) : v;
    }
  });
}
