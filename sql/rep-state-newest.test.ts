// Migration 045: the newest queue_log event read from the coded rows (queue_events_newest()) instead of
// through the view. Held to the definitions it replaces on the demo center loaded through the real
// ingest path: the macros of migrations 018 and 041, as written there, made again under other names
// next to the new ones, give the same rows in one query (one now() for both).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Database } from './db.ts';
import { macroAsWritten } from './test-support/migration-macro.ts';
import { demoDatabase, DEMO_TZ } from '../analytics/test-support/coverage-demo-db.ts';

/** The definitions before 045: rep_state_ends of 018 and rep_state_spans of 041, renamed *_before. */
function before(): string[] {
  const ends = macroAsWritten('018-rep-state-ends.sql', 'CREATE MACRO rep_state_ends() AS TABLE', 'CREATE OR REPLACE TEMP MACRO rep_state_ends_before() AS TABLE');
  const spans = macroAsWritten('041-rep-state-spans-macro.sql', 'CREATE OR REPLACE MACRO rep_state_spans(', 'CREATE OR REPLACE TEMP MACRO rep_state_spans_before(')
    .replace('FROM rep_state_ends()', 'FROM rep_state_ends_before()');
  expect(ends).toContain('(SELECT max(ts) FROM queue_events)');
  expect(spans).toContain('(SELECT max(ts) FROM queue_events)');
  return [ends, spans];
}

describe('the newest queue_log event from the coded rows (migration 045)', () => {
  let db: Database;
  let dispose: () => void;
  beforeAll(async () => {
    ({ db, dispose } = await demoDatabase());
    // One more event two hours after everything else (its file's next line), so the newest data is
    // the queue_log's and decides the ends of the states still open.
    await db.run(`INSERT INTO queue_event_rows
                  SELECT file_id, (SELECT max(line_no) FROM queue_event_rows) + 1, ts + INTERVAL 2 HOUR, callid, queue_code, agent_code,
                         event_code, data, data1, data2, data3, data4, data5, known
                  FROM queue_event_rows ORDER BY ts DESC, line_no DESC LIMIT 1`);
  }, 300_000);
  afterAll(() => dispose?.());

  /** Rows of `a` not in `b` and of `b` not in `a` (multisets), on one connection with the old macros. */
  const difference = (a: string, b: string) =>
    db.withConnection(async (conn: DuckDBConnection) => {
      for (const sql of before()) await conn.run(sql);
      const rows = await db.all<{ n: number }>(
        `SELECT (SELECT count(*) FROM (${a} EXCEPT ALL ${b})) + (SELECT count(*) FROM (${b} EXCEPT ALL ${a})) AS n, (SELECT count(*) FROM (${a})) AS rows`,
        {},
        conn
      );
      return rows[0] as unknown as { n: number; rows: number };
    });

  it('is the view’s newest event, and the queue_log is the newest data of the demo', async () => {
    const r = await db.one<{ rows: string; view: string; calls: string }>(
      `SELECT CAST(queue_events_newest() AS VARCHAR) AS rows, CAST((SELECT max(ts) FROM queue_events) AS VARCHAR) AS view,
              CAST((SELECT max(COALESCE(end_ts, connect_ts, enter_ts)) FROM calls) AS VARCHAR) AS calls`
    );
    expect(r!.rows).toBe(r!.view);
    // (so the rows compared below depend on the queue_log side of the newest data)
    expect(r!.rows > r!.calls).toBe(true);
  });

  it('gives rep_state_ends the rows of migration 018, inferred ends included', async () => {
    const d = await difference('SELECT * FROM rep_state_ends()', 'SELECT * FROM rep_state_ends_before()');
    expect(d.rows).toBeGreaterThan(100);
    expect(d.n).toBe(0);
    const rules = await db.all<{ end_rule: string }>(`SELECT DISTINCT end_rule FROM rep_state_ends() ORDER BY 1`);
    expect(rules.length).toBeGreaterThan(1);
  });

  it('gives rep_state_spans the rows of migration 041, whole and near pauses, over the last weeks', async () => {
    for (const near of [false, true]) {
      const args = `'${DEMO_TZ}', DATE '2026-05-11', DATE '2026-06-05', only_near_pauses := ${near}`;
      const d = await difference(`SELECT * FROM rep_state_spans(${args})`, `SELECT * FROM rep_state_spans_before(${args})`);
      expect(d.rows).toBeGreaterThan(near ? 100 : 10_000);
      expect(d.n).toBe(0);
    }
  });
});
