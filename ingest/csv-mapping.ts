/**
 * Any per-call CSV through a mapping file (JSON): which column, constant or DuckDB expression fills
 * each call field, how timestamps are written and in which zone, and how outcome values translate.
 * The README ("Loading your own exports") has a worked example for the Anonymous Bank 1999 data.
 *
 * Safety: column names must be columns of the file's header (an allow-list) and are quoted as
 * identifiers; `sql` expressions are the mapping author's (an admin's) and may use only the row's
 * columns: statements, table functions and file access are refused by name. Each expression runs
 * inside DuckDB's try(), so one bad value quarantines its row, not the file.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { StageContext } from './asterisk-queue-log.ts';
import { InputError, errorMessage } from '../sql/errors.ts';
import { stageCsv, type BadLine } from './csv-rows.ts';

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
  ring_no_answer: 'integer', transferred: 'boolean'
} as const;
type CallField = keyof typeof CALL_FIELDS;
const SQL_TYPE = { text: 'VARCHAR', timestamp: 'TIMESTAMPTZ', number: 'DOUBLE', integer: 'INTEGER', boolean: 'BOOLEAN' } as const;

export const mappingSchema = z
  .object({
    name: z.string().optional(),
    delimiter: z.string().min(1).max(1).optional(),
    header: z.literal(true).optional(),
    timezone: z.string().optional(),
    fields: z.record(z.string(), fieldSpec)
  })
  .strict();
export type Mapping = z.infer<typeof mappingSchema>;

const FORBIDDEN = /;|\b(read_\w+|copy|attach|detach|install|load|pragma|export|import|call|set|reset|create|insert|update|delete|drop|alter|glob|getenv|query|query_table|sniff_csv|parquet_\w+)\b/i;

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
  for (const [name, spec] of Object.entries(m.fields)) {
    if (!(name in CALL_FIELDS)) throw new InputError(`${where}: fields.${name}: not a call field (known: ${Object.keys(CALL_FIELDS).join(', ')})`);
    if (spec.sql && FORBIDDEN.test(spec.sql)) throw new InputError(`${where}: fields.${name}.sql: only expressions over the row's columns are allowed`);
  }
  for (const required of ['enter_ts', 'outcome'] as const) {
    if (!m.fields[required]) throw new InputError(`${where}: fields.${required} is required`);
  }
  return m;
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** The SQL for one call field over the source view's columns (header names, quoted). */
export function fieldSql(
  field: CallField, spec: Mapping['fields'][string], header: string[], where: string, type: (typeof CALL_FIELDS)[CallField] = CALL_FIELDS[field]
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
    expr = `(${spec.sql})`;
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
  const select = (Object.keys(CALL_FIELDS) as CallField[])
    .map((f) => {
      const spec = mapping.fields[f];
      return `${spec ? fieldSql(f, spec, header, 'mapping') : `CAST(NULL AS ${SQL_TYPE[CALL_FIELDS[f]]})`} AS ${f}`;
    })
    .join(',\n  ');
  // The numbers as text too, for judging against their plausible range (ingest/field-ranges.ts).
  const numbers = (Object.keys(CALL_FIELDS) as CallField[])
    .filter((f) => CALL_FIELDS[f] === 'number' || CALL_FIELDS[f] === 'integer')
    .map((f) => `${mapping.fields[f] ? fieldSql(f, mapping.fields[f], header, 'mapping', 'text') : 'CAST(NULL AS VARCHAR)'} AS ${f}_text`)
    .join(',\n  ');
  try {
    await ctx.conn.run(`CREATE OR REPLACE TEMP TABLE stage_mapped AS SELECT line_no,\n  ${select},\n  ${numbers}\nFROM stage_src`, {
      tz: mapping.timezone ?? ctx.timeZone
    });
  } catch (e) {
    throw new InputError(`mapping: ${errorMessage(e).split('\n')[0]}`);
  }
  for (const step of ['stage-mapped-numbers', 'stage-reject-numbers', 'stage-mapped-numbers-clear']) await ctx.db.scriptFile(step, {}, ctx.conn);
  await ctx.conn.run(`CREATE OR REPLACE TEMP TABLE stage_quarantine AS
    SELECT line_no, field, reason, CAST(NULL AS VARCHAR) AS raw FROM (
      SELECT line_no,
        CASE WHEN enter_ts IS NULL THEN 'enter_ts'
             WHEN outcome IS NULL OR outcome NOT IN ('answered', 'abandoned', 'timed_out') THEN 'outcome' END AS field,
        CASE WHEN enter_ts IS NULL THEN 'enter_ts is empty or not a time in the mapped format'
             WHEN outcome IS NULL THEN 'outcome is empty'
             WHEN outcome NOT IN ('answered', 'abandoned', 'timed_out')
               THEN 'outcome "' || outcome || '" is not answered, abandoned or timed_out (add it to the mapping''s map)' END AS reason
      FROM stage_mapped) WHERE reason IS NOT NULL`);
  return { rowsRead: staged.rows + staged.bad.length, bad: staged.bad };
}
