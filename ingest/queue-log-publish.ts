/**
 * Publishing staged queue_log lines (any of the three shapes, checked into stage_events by
 * sql/stage-queue-events.sql): events into queue_events, the calls, rings and rep states they change.
 *
 * Two ways to rebuild a visit. The definition, sql/derive-queue-visits.sql, reads all of a callid's
 * events in queue_events through windows; it takes callids seen before this load and any with an odd
 * visit. The fast path, sql/derive-new-queue-visits.sql, takes the rest (nearly every callid of a
 * large first load) with one GROUP BY over the staged lines, prepared before the load's transaction
 * so its memory is freed as it goes; ingest/derive-paths.test.ts holds the two to the same rows.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { listValue } from '../sql/duckdb-api.ts';
import type { Database } from '../sql/db.ts';
import { noteChangedCalls } from '../sql/upkeep/call-slices.ts';

/**
 * Lines per pass of the fast path (about a million calls): bounds its memory, as an aggregate keeps
 * its text in memory it cannot spill. Each pass reads the staged lines again (a part is a range of
 * callids), which cost 1.4 s of CPU at 1M calls in three parts; the visit's rows are now held whole
 * in three structs per visit, so a million calls is one pass.
 */
export const ROWS_PER_PART = 3_200_000;

/**
 * Below this many lines a load rebuilds every callid it touches by the definition: the fast path's
 * own set-up and passes (a dozen statements) cost more than they save on a followed file's appends of
 * tens of lines, and the definition reads only those callids' events.
 */
export const SMALL_LOAD_LINES = 2_000;

export type VisitPath = 'fast' | 'definition';

/** What prepareQueueEvents settled: the fast path's parts, the path, and the good staged lines (what publishing writes). */
export interface PreparedEvents {
  parts: number;
  visits: VisitPath;
  lines: number;
}

/**
 * The calls just written, as noteChangedCalls reads them: their visits (a call's callid and enter_ts
 * are its visit's), not the view visit_calls, which would work every call out again to note it.
 */
const VISITS_AS_CALLS = 'FROM (SELECT vcallid AS callid, enter_ts FROM visit_summary)';

/**
 * Before the load's transaction: the fast path's calls and rings of the staged queue_log lines
 * (sql/derive-new-queue-visits.sql), into temp tables of the load's connection. Work done outside the
 * transaction frees its memory as it goes (a transaction keeps all it made until it ends) and
 * changes nothing anyone else sees; a kill here leaves the database untouched.
 */
export async function prepareQueueEvents(
  db: Database, conn: DuckDBConnection, opts: { visits?: VisitPath; partRows?: number } = {}
): Promise<PreparedEvents> {
  await conn.run('DROP TABLE IF EXISTS stage_lines'); // staged into stage_events: free its memory
  const { lines } = (await db.one<{ lines: number }>('SELECT count(*) AS lines FROM stage_events WHERE field IS NULL', {}, conn))!;
  await conn.run('CREATE OR REPLACE TEMP TABLE complex_callids (callid VARCHAR)');
  const visits = opts.visits ?? (lines < SMALL_LOAD_LINES ? 'definition' : 'fast');
  if (visits === 'definition') return { parts: 0, visits, lines };
  const partRows = opts.partRows ?? ROWS_PER_PART;
  await conn.run(`CREATE OR REPLACE TEMP TABLE new_visits (
    part INTEGER, callid VARCHAR, queue VARCHAR, simple BOOLEAN, line_no BIGINT, enter_ts TIMESTAMPTZ,
    enter_d1 VARCHAR, enter_d2 VARCHAR, enter_d3 VARCHAR, connect_ts TIMESTAMPTZ, connect_agent VARCHAR, connect_hold VARCHAR,
    end_event VARCHAR, end_kind VARCHAR, end_ts TIMESTAMPTZ, end_agent VARCHAR, end_d1 VARCHAR, end_d2 VARCHAR,
    end_d3 VARCHAR, end_d4 VARCHAR, rna BIGINT)`);
  await conn.run('CREATE OR REPLACE TEMP TABLE new_visit_did (part INTEGER, vcallid VARCHAR, queue VARCHAR, visit_no INTEGER, did VARCHAR)');
  await conn.run('CREATE OR REPLACE TEMP TABLE new_rings AS SELECT CAST(NULL AS VARCHAR) AS callid, * FROM ring_attempts LIMIT 0');
  // One pass per part of the callids keeps each aggregate and join near a million visits: parts are
  // ranges of callids, cut at quantiles of a sample of them.
  const parts = Math.max(1, Math.ceil(lines / partRows));
  const cuts = parts === 1 ? [] : ((await db.one<{ cuts: string[] }>(
    `SELECT quantile_disc(callid, $fractions) AS cuts
     FROM (SELECT callid FROM stage_events WHERE field IS NULL AND callid IS NOT NULL USING SAMPLE 100000 ROWS)`,
    { fractions: listValue(Array.from({ length: parts - 1 }, (_, i) => (i + 1) / parts)) },
    conn
  ))?.cuts ?? []);
  for (let part = 0; part < parts; part++) {
    const bounds = { lo: part === 0 ? null : (cuts[part - 1] ?? null), hi: part === parts - 1 ? null : (cuts[part] ?? null) };
    await db.scriptFile('derive-new-queue-visits', { part, ...bounds }, conn);
  }
  return { parts, visits, lines };
}

/**
 * Publishes staged queue_log lines, in the load's transaction: the good ones into queue_events, then
 * the visits and rep states of the callids and agents they touch. Callids first seen here with simple
 * visits take the fast path prepared before (prepareQueueEvents); the rest (sql/sort-new-callids.sql)
 * are rebuilt from all their events by the definition (sql/derive-queue-visits.sql).
 */
export async function publishQueueEvents(
  db: Database, conn: DuckDBConnection, fileId: number, prepared: PreparedEvents
): Promise<{ loaded: number; unknown: number }> {
  const { parts, visits } = prepared;
  // Which callids the definition rebuilds: on the fast path those seen before and the odd ones
  // (sql/sort-new-callids.sql reads queue_events for them), else all of the load's.
  const everyCallid = `SELECT DISTINCT callid FROM stage_events WHERE field IS NULL AND callid IS NOT NULL AND callid <> 'NONE'`;
  if (visits === 'definition') {
    await conn.run(`CREATE OR REPLACE TEMP TABLE affected_callids AS ${everyCallid}`);
  } else {
    const hadEvents = (await db.one<{ n: number }>('SELECT count(*) AS n FROM (SELECT 1 FROM queue_events LIMIT 1)', {}, conn))!.n > 0;
    await db.scriptFile('sort-new-callids', { had_events: hadEvents }, conn);
  }
  // Rep states first, while queue_events holds only the earlier events (quicker to read); only for
  // the agents with member or pause events in this load (most small loads have none).
  await conn.run(
    `CREATE OR REPLACE TEMP TABLE affected_agents AS
     SELECT DISTINCT agent FROM stage_events
     WHERE field IS NULL AND kind IN ('member_on', 'member_off', 'pause_on', 'pause_off') AND agent IS NOT NULL`
  );
  const agents = (await db.one<{ n: number }>('SELECT count(*) AS n FROM affected_agents', {}, conn))!.n > 0;
  if (agents) {
    await db.scriptFile('derive-rep-states', { file_id: fileId }, conn);
    await conn.run(`DELETE FROM rep_states WHERE agent IN (SELECT agent FROM affected_agents)`);
    await conn.run(`INSERT INTO rep_states BY NAME SELECT * EXCLUDE (end_file_id, next_start_ts) FROM derived_states`);
    // What ends the states no log-off closed (migration 018): the facts of the states derived again,
    // from the earlier events only; this load's are added below from the staged lines.
    await db.scriptFile('rep-state-evidence', {}, conn);
  }
  // Into queue_event_rows, typed and coded (migration 042; readers see the view queue_events).
  await db.scriptFile('publish-queue-events', { file_id: fileId }, conn);
  const loaded = prepared.lines;
  // Every state's facts grown by this load's events, read from the staged lines (a temp table that
  // can spill), never from the transaction's own uncommitted rows: reading those back whole made a
  // 10M-call file fail at the load's 1 GB memory cap.
  await db.scriptFile('rep-state-evidence-grow', { file_id: fileId }, conn);
  const unknown = (await db.one<{ n: number }>('SELECT count(*) AS n FROM stage_events WHERE field IS NULL AND NOT known', {}, conn))!.n;

  const general = (await db.one<{ n: number }>('SELECT count(*) AS n FROM affected_callids', {}, conn))!.n;
  if (process.env.CALLBOARD_PROFILE === '1') console.error(`[load] ${general} callids take the general path`);
  if (general > 0) {
    await db.scriptFile('derive-queue-visits', {}, conn);
    await conn.run(`DELETE FROM ring_attempts r USING call_events c WHERE r.file_id = c.file_id AND r.line_no = c.line_no`);
    const rebuilt = `FROM calls WHERE source = 'queue_log' AND callid IN (SELECT callid FROM affected_callids)`;
    await noteChangedCalls(conn, rebuilt);
    await conn.run(`DELETE ${rebuilt}`);
    await db.scriptFile('visit-calls', {}, conn);
    await conn.run('INSERT INTO calls BY NAME SELECT * FROM visit_calls');
    await noteChangedCalls(conn, VISITS_AS_CALLS);
    await conn.run(`INSERT INTO ring_attempts BY NAME SELECT * FROM derived_rings`);
    await conn.run('DROP TABLE visit_summary');
    await conn.run('DROP TABLE visit_did');
  }
  // The fast path's rows; a callid the general path took (it may be the target of an orphan) is its.
  for (let part = 0; part < parts; part++) {
    await db.scriptFile('new-visit-calls', { part }, conn);
    await db.scriptFile('visit-calls', {}, conn);
    await conn.run('INSERT INTO calls BY NAME SELECT * REPLACE (CAST($file_id AS INTEGER) AS file_id) FROM visit_calls', { file_id: fileId });
    await noteChangedCalls(conn, VISITS_AS_CALLS);
  }
  if (parts > 0) {
    await conn.run(
      `INSERT INTO ring_attempts BY NAME
       SELECT * EXCLUDE (callid) REPLACE (CAST($file_id AS INTEGER) AS file_id, CAST($file_id AS INTEGER) AS call_file_id)
       FROM new_rings WHERE callid NOT IN (SELECT callid FROM affected_callids)`,
      { file_id: fileId }
    );
  }

  return { loaded, unknown };
}
