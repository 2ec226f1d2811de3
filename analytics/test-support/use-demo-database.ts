// Tests only (the benchmarks import coverage-demo-db.ts outside vitest, so the hooks live apart).
import { afterAll, beforeAll } from 'vitest';
import type { Database } from '../../sql/db.ts';
import { demoDatabase } from './coverage-demo-db.ts';

/**
 * A describe block's own copy of the demo center: opened before its tests, closed and deleted after
 * them; `set` receives the database (`let db: Database; useDemoDatabase((d) => (db = d));`).
 */
export function useDemoDatabase(set: (db: Database) => void): void {
  let dispose: (() => void) | undefined;
  beforeAll(async () => {
    const demo = await demoDatabase();
    dispose = demo.dispose;
    set(demo.db);
  }, 300_000);
  afterAll(() => dispose?.());
}
