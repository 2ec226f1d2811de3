// The reps' first and last days with an answered call (the plan's attrition) read from the
// rep_call_days summary (sql/plan-rep-spans-summary.sql) while it answers for the calls and the zone:
// held to the per-call query (sql/plan-rep-spans.sql) on the demo center loaded through the real
// ingest path, for several last dates, with one person on two interfaces, and in a second zone after
// the summary is rebuilt in it (the summary's dates are of one zone); and not read for another zone.
import { describe, expect, it } from 'vitest';
import type { Database } from '../../sql/db.ts';
import { rebuildRepCallDays, repCallDaysUsable } from '../../sql/upkeep/rep-call-days.ts';
import { DEMO_TZ } from '../test-support/coverage-demo-db.ts';
import { useDemoDatabase } from '../test-support/use-demo-database.ts';

describe('reps’ first and last call days from the per-day summary', () => {
  let db: Database;
  useDemoDatabase((d) => (db = d));

  const both = async (tz: string, to: string) => [
    await db.query('plan-rep-spans-summary', { tz, to }),
    await db.query('plan-rep-spans', { tz, to })
  ];

  it('gives the per-call query’s rows in the summary’s zone, and in another after a rebuild', async () => {
    const agents = await db.all<{ agent: string }>(`SELECT DISTINCT agent FROM calls WHERE agent IS NOT NULL ORDER BY agent LIMIT 2`);
    await db.run(`INSERT INTO roster (interface, rep_id, name) VALUES ($a, 'two-phones', 'Two Phones'), ($b, 'two-phones', 'Two Phones')
                  ON CONFLICT (interface) DO UPDATE SET rep_id = excluded.rep_id`, { a: agents[0].agent, b: agents[1].agent });
    for (const tz of [DEMO_TZ, 'Pacific/Chatham']) {
      if (tz !== DEMO_TZ) {
        expect(await repCallDaysUsable(db, tz)).toBe(false);
        await db.transaction((conn) => rebuildRepCallDays(db, conn, tz));
      }
      expect(await repCallDaysUsable(db, tz)).toBe(true);
      for (const to of ['2026-06-08', '2026-06-05', '2026-04-01', '2026-02-10', '2025-01-01']) {
        const [summary, calls] = await both(tz, to);
        expect(summary, `${tz} before ${to}`).toEqual(calls);
        if (to >= '2026-04-01') expect(calls.length).toBeGreaterThan(5);
      }
      expect((await both(tz, '2026-06-08'))[1].some((r) => r.rep_id === 'two-phones')).toBe(true);
    }
  });
});
