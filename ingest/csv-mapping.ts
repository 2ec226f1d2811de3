/**
 * Any per-call CSV through a mapping file (JSON): which column, constant or DuckDB expression fills
 * each call field, how timestamps are written and in which zone, how outcome values translate, and
 * which rows are not calls at all (`skip`, each with its reason: counted as skipped, not quarantined).
 * The README ("Loading your own exports") has a worked example for the Anonymous Bank 1999 data.
 *
 * Safety: column names must be columns of the file's header (an allow-list) and are quoted as
 * identifiers; `sql` expressions and `skip` conditions are judged on DuckDB's own parse and may use
 * only the row's columns, constants, operators and an allow-list of scalar functions
 * (mapping-expression.ts); the statement built around them is parsed again and must have the shape
 * it was built with. Each expression runs inside DuckDB's try(), so one bad value quarantines its
 * row, not the file.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { quotedIdentifier, quotedString } from '../sql/duckdb-api.ts';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { StageContext } from './asterisk-queue-log.ts';
import type { Database } from '../sql/db.ts';
import { InputError, errorMessage } from '../sql/errors.ts';
import { stageCsv, type BadLine } from './csv-rows.ts';
import { approvedExpression } from './mapping-expression.ts';

const fieldSpec = z
  .object({
    column: z.string().optional(),
    value: z.union([z.string(), z.number(), z.boolean()]).optional(),
    sql: z.string().optional(),
    /** strptime format for timestamps, e.g. "%d/%m/%Y %H:%M:%S". */
    format: z.string().optional(),
    /** Source value → call value (outcome: answered | abandoned | timed_out). */
    map: z.record(z.string(), z.string()).optional(),
    /** Source values that mean "none". */
    null_values: z.array(z.string()).optional()
  })
  .strict()
  .refine((f) => [f.column, f.value, f.sql].filter((x) => x !== undefined).length === 1, {
    message: 'give exactly one of "column", "value" or "sql"'
  });

export const CALL_FIELDS = {
  callid: 'text', queue: 'text', direction: 'text', caller: 'text', did: 'text',
  enter_ts: 'timestamp', connect_ts: 'timestamp', end_ts: 'timestamp',
  outcome: 'text', agent: 'text', wait_s: 'number', talk_s: 'number', wrap_s: 'number',
  ring_no_answer: 'integer', transferred: 'boolean',
  /** The call's reason code (kept in mapped_reasons, not in calls: sql/refresh-call-reasons.sql). */
  reason: 'text'
} as const;
type CallField = keyof typeof CALL_FIELDS;

/**
 * A service-request export (`"kind": "service_requests"`): the city's requests, each matched to the
 * call from its caller's number that ended just before it was created (sql/refresh-call-reasons.sql),
 * whose reason its type then gives when no queue_log line or CDR/CSV field did.
 */
export const SERVICE_REQUEST_FIELDS = { request_id: 'text', created_ts: 'timestamp', caller: 'text', request_type: 'text' } as const;
type FieldTable = Record<string, 'text' | 'timestamp' | 'number' | 'integer' | 'boolean'>;
const fieldTable = (m: Mapping): FieldTable => (m.kind === 'service_requests' ? SERVICE_REQUEST_FIELDS : CALL_FIELDS);
const CALL_NUMBER_FIELDS = ['wait_s', 'talk_s', 'wrap_s', 'ring_no_answer'] as const;
const SQL_TYPE = { text: 'VARCHAR', timestamp: 'TIMESTAMPTZ', number: 'DOUBLE', integer: 'INTEGER', boolean: 'BOOLEAN' } as const;

export const mappingSchema = z
  .object({
    name: z.string().optional(),
    delimiter: z.string().min(1).max(1).optional(),
    header: z.literal(true).optional(),
    timezone: z.string().optional(),
    /** calls (the default): one call per row; service_requests: the city's service requests. */
    kind: z.enum(['calls', 'service_requests']).optional(),
    fields: z.record(z.string(), fieldSpec),
    /** Rows that are not calls: a DuckDB condition over the row's columns, and why such rows are not calls. */
    skip: z.array(z.object({ when: z.string().min(1), reason: z.string().min(1).max(200) }).strict()).optional()
  })
  .strict();
export type Mapping = z.infer<typeof mappingSchema>;

export function loadMapping(path: string): Mapping {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new InputError(`${path}: cannot read the mapping (${errorMessage(e)})`);
  }
  return parseMapping(json, path);
}

export function parseMapping(json: unknown, where = 'mapping'): Mapping {
  const parsed = mappingSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(`${where}: ${issue.path.join('.') || '(top)'}: ${issue.message}`);
  }
  const m = parsed.data;
  const table = fieldTable(m);
  const what = m.kind === 'service_requests' ? 'service-request' : 'call';
  for (const name of Object.keys(m.fields)) {
    if (!(name in table)) throw new InputError(`${where}: fields.${name}: not a ${what} field (known: ${Object.keys(table).join(', ')})`);
  }
  for (const required of m.kind === 'service_requests' ? ['created_ts', 'request_type'] : ['enter_ts', 'outcome']) {
    if (!m.fields[required]) throw new InputError(`${where}: fields.${required} is required`);
  }
  return m;
}

/** Names (header columns) and texts (mapping values) pasted into the view's SQL: DuckDB's own quoting. */
export const quoteIdent = quotedIdentifier;
const quoteLiteral = quotedString;

/**
 * The SQL for one call field over the source view's columns (header names, quoted). `approved` is the
 * field's `sql` expression as the guard rendered it (approvedExpression), never the author's text;
 * `type` casts it (the numbers are also read as text, to be judged against their plausible range).
 */
export function fieldSql(
  field: string,
  spec: Mapping['fields'][string],
  header: string[],
  where: string,
  approved?: string,
  type: FieldTable[string] = (CALL_FIELDS as FieldTable)[field] ?? 'text'
): string {
  let expr: string;
  if (spec.column !== undefined) {
    if (!header.includes(spec.column)) {
      throw new InputError(`${where}: fields.${field}.column "${spec.column}" is not in the file's header (${header.join(', ')})`);
    }
    expr = `nullif(trim(${quoteIdent(spec.column)}), '')`;
  } else if (spec.value !== undefined) {
    expr = quoteLiteral(String(spec.value));
  } else {
    if (approved === undefined) throw new Error(`fields.${field}.sql was not judged by the expression guard`);
    expr = approved;
  }
  if (spec.null_values?.length) {
    expr = `CASE WHEN CAST(${expr} AS VARCHAR) IN (${spec.null_values.map(quoteLiteral).join(', ')}) THEN NULL ELSE ${expr} END`;
  }
  if (spec.map) {
    const cases = Object.entries(spec.map).map(([from, to]) => `WHEN ${quoteLiteral(from)} THEN ${quoteLiteral(to)}`);
    expr = `CASE CAST(${expr} AS VARCHAR) ${cases.join(' ')} ELSE CAST(${expr} AS VARCHAR) END`;
  }
  switch (type) {
    case 'timestamp':
      return spec.format
        ? `timezone($tz, try(strptime(CAST(${expr} AS VARCHAR), ${quoteLiteral(spec.format)})))`
        : `timezone($tz, try(CAST(${expr} AS TIMESTAMP)))`;
    case 'number':
      return `try(CAST(${expr} AS DOUBLE))`;
    case 'integer':
      return `try(CAST(${expr} AS INTEGER))`;
    case 'boolean':
      return `try(CAST(${expr} AS BOOLEAN))`;
    default:
      return `try(CAST(${expr} AS VARCHAR))`;
  }
}

export async function stageMappedCsv(ctx: StageContext, mapping: Mapping): Promise<{ rowsRead: number; bad: BadLine[] }> {
  const header = ctx.header;
  const staged = await stageCsv(ctx.conn, ctx.path, 'stage_csv', {
    delimiter: mapping.delimiter ?? ',',
    skipHeader: ctx.fromStart,
    width: header.length,
    lineBase: ctx.lineBase
  });
  const sourceCols = header.map((h, i) => `c${i + 1} AS ${quoteIdent(h)}`).join(', ');
  await ctx.conn.run(`CREATE OR REPLACE TEMP VIEW stage_src AS SELECT line_no, ${sourceCols} FROM stage_csv`);
  const table = fieldTable(mapping);
  const fields = Object.keys(table);
  const items: string[] = [];
  const approved = new Map<string, string>();
  for (const f of fields) {
    const spec = mapping.fields[f];
    if (spec?.sql !== undefined) approved.set(f, await approvedExpression(spec.sql, f, header));
    items.push(`${spec ? fieldSql(f, spec, header, 'mapping', approved.get(f), table[f]) : `CAST(NULL AS ${SQL_TYPE[table[f]]})`} AS ${f}`);
  }
  // The numbers as text too, for judging against their plausible range (ingest/field-ranges.ts). A
  // service-request export has none: empty ones keep the judging steps' shape.
  for (const f of CALL_NUMBER_FIELDS) {
    const spec = table === CALL_FIELDS ? mapping.fields[f] : undefined;
    if (table !== CALL_FIELDS) items.push(`CAST(NULL AS ${SQL_TYPE[CALL_FIELDS[f]]}) AS ${f}`);
    items.push(`${spec ? fieldSql(f, spec, header, 'mapping', approved.get(f), 'text') : 'CAST(NULL AS VARCHAR)'} AS ${f}_text`);
  }
  items.push(`${await skipSql(ctx.conn, mapping, header)} AS skip_reason`);
  const statement = `SELECT line_no,\n  ${items.join(',\n  ')}\nFROM stage_src`;
  await expectShape(ctx.conn, statement, items.length + 1);
  try {
    await ctx.conn.run(`CREATE OR REPLACE TEMP TABLE stage_mapped AS ${statement}`, { tz: mapping.timezone ?? ctx.timeZone });
  } catch (e) {
    throw new InputError(`mapping: ${errorMessage(e).split('\n')[0]}`);
  }
  for (const step of ['stage-mapped-numbers', 'stage-reject-numbers', 'stage-mapped-numbers-clear']) await ctx.db.scriptFile(step, {}, ctx.conn);
  if (mapping.kind === 'service_requests') {
    await ctx.conn.run(`CREATE OR REPLACE TEMP TABLE stage_quarantine AS
      SELECT line_no, field, reason, CAST(NULL AS VARCHAR) AS raw FROM (
        SELECT line_no,
          CASE WHEN created_ts IS NULL THEN 'created_ts' WHEN request_type IS NULL THEN 'request_type' END AS field,
          CASE WHEN created_ts IS NULL THEN 'created_ts is empty or not a time in the mapped format'
               WHEN request_type IS NULL THEN 'request_type is empty' END AS reason
        FROM stage_mapped WHERE skip_reason IS NULL) WHERE reason IS NOT NULL`);
    return { rowsRead: staged.rows + staged.bad.length, bad: staged.bad };
  }
  await ctx.conn.run(`CREATE OR REPLACE TEMP TABLE stage_quarantine AS
    SELECT line_no, field, reason, CAST(NULL AS VARCHAR) AS raw FROM (
      SELECT line_no,
        CASE WHEN enter_ts IS NULL THEN 'enter_ts'
             WHEN outcome IS NULL OR outcome NOT IN ('answered', 'abandoned', 'timed_out', 'blocked') THEN 'outcome' END AS field,
        CASE WHEN enter_ts IS NULL THEN 'enter_ts is empty or not a time in the mapped format'
             WHEN outcome IS NULL THEN 'outcome is empty'
             WHEN outcome NOT IN ('answered', 'abandoned', 'timed_out', 'blocked')
               THEN 'outcome "' || outcome || '" is not answered, abandoned, timed_out or blocked (add it to the mapping''s map)' END AS reason
      FROM stage_mapped WHERE skip_reason IS NULL) WHERE reason IS NOT NULL`);
  return { rowsRead: staged.rows + staged.bad.length, bad: staged.bad };
}

/** Why a row is not a call: the reason of the first `skip` rule whose condition holds, else NULL. */
async function skipSql(conn: DuckDBConnection, mapping: Mapping, header: string[]): Promise<string> {
  const rules = mapping.skip ?? [];
  if (!rules.length) return 'CAST(NULL AS VARCHAR)';
  const whens: string[] = [];
  for (const [i, rule] of rules.entries()) {
    const cond = await approvedExpression(rule.when, `skip[${i}].when`, header);
    whens.push(`WHEN coalesce(try(CAST(${cond} AS BOOLEAN)), false) THEN ${quoteLiteral(rule.reason)}`);
  }
  return `CASE ${whens.join(' ')} END`;
}

/**
 * Belt and braces: the statement built around the approved expressions parses as one SELECT of the
 * expected number of columns from stage_src and nothing else.
 */
async function expectShape(conn: DuckDBConnection, statement: string, columns: number): Promise<void> {
  const reader = await conn.runAndReadAll('SELECT json_serialize_sql(CAST($statement AS VARCHAR)) AS tree', { statement });
  const tree = JSON.parse(String(reader.getRowObjects()[0].tree));
  const node = tree.statements?.length === 1 ? tree.statements[0].node : null;
  const ok = node && node.type === 'SELECT_NODE' && node.select_list.length === columns && node.from_table?.type === 'BASE_TABLE'
    && node.from_table.table_name === 'stage_src' && !node.where_clause && !node.group_expressions.length && !node.having
    && !node.modifiers.length && !node.cte_map.map.length;
  if (!ok) throw new InputError('mapping: the expressions change the shape of the statement around them; simplify them');
}

/** How many rows each of the mapping's `skip` reasons took out, most first. */
export function skippedRows(db: Database, conn: DuckDBConnection): Promise<Array<{ reason: string; rows: number }>> {
  return db.all<{ reason: string; rows: number }>(
    `SELECT skip_reason AS reason, CAST(count(*) AS INTEGER) AS rows FROM stage_mapped
     WHERE skip_reason IS NOT NULL GROUP BY ALL ORDER BY rows DESC, reason`, {}, conn
  );
}

/**
 * A mapping's `timezone` is the zone its file's times were written in. It becomes the center's zone
 * when the database has none yet; when the center already has another, the load says so.
 */
export async function adoptMappingZone(db: Database, conn: DuckDBConnection, zone: string): Promise<string | null> {
  const row = await db.one<{ zone: string | null }>(`SELECT value ->> '$' AS zone FROM settings WHERE key = 'timezone'`, {}, conn);
  const center = row?.zone || null;
  if (center === null) {
    await conn.run(
      `INSERT INTO settings (key, value) VALUES ('timezone', to_json(CAST($zone AS VARCHAR)))
       ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
      { zone }
    );
    return `the center had no time zone: it is now ${zone}, the mapping's (Settings to change it)`;
  }
  return center === zone ? null
    : `the mapping's times are in ${zone} but the center's time zone is ${center}: days and intervals are cut in ${center} (Settings to change it)`;
}
