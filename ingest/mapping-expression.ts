/**
 * The guard on a mapping's `sql` expressions (and its `skip` conditions), decided on DuckDB's own parse.
 *
 * An expression is read with `json_serialize_sql('SELECT ' || $expression)` (the text is a bound value,
 * never pasted into SQL) and its tree is walked: only column references to the file's header, constants,
 * operators, CASE, CAST, comparisons, AND/OR/NOT, BETWEEN, IN with a list of constants and the scalar
 * functions of SCALAR_FUNCTIONS pass. Everything else (subqueries, table functions, any function not on
 * the list, window functions, aggregates, lambdas, parameters, `*`, several expressions or statements,
 * FROM/WHERE/...) is refused with one line naming the mapping field. Matching names in the text
 * (the old guard) misses `x) , (SELECT ...`; the parser does not.
 *
 * What is embedded is not the author's text but DuckDB's own rendering of the approved tree
 * (`json_deserialize_sql`), checked to parse back to the same tree: no comment, stray bracket or quote
 * of the author's reaches the statement the loader builds.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { DuckDBInstance } from '../sql/duckdb-api.ts';
import { InputError } from '../sql/errors.ts';

/**
 * Expressions are parsed in an empty in-memory DuckDB of their own, in the serialisation of v0.10
 * storage that the walk below reads: a cast's type as its resolved name. The databases themselves are
 * written in a newer format (sql/db.ts, STORAGE_VERSION), where json_serialize_sql gives a cast's type
 * as an unbound type expression whose modifiers are expressions too; parsing apart from the data also
 * keeps the judged text away from any table.
 */
let parserInstance: Promise<DuckDBInstance> | undefined;
async function withParser<T>(use: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
  parserInstance ??= DuckDBInstance.create(':memory:', { storage_compatibility_version: 'v0.10.0', threads: '1' });
  const conn = await (await parserInstance).connect();
  try {
    return await use(conn);
  } finally {
    conn.closeSync();
  }
}

/** Scalar functions a mapping may call: text, dates and times, numbers, null handling. */
export const SCALAR_FUNCTIONS = [
  // text
  'lower', 'upper', 'lcase', 'ucase', 'trim', 'ltrim', 'rtrim', 'length', 'strlen', 'substr', 'substring', 'left',
  'right', 'replace', 'concat', 'concat_ws', 'lpad', 'rpad', 'split_part', 'starts_with', 'ends_with', 'prefix',
  'suffix', 'contains', 'position', 'strpos', 'instr', 'reverse', 'repeat', 'regexp_replace', 'regexp_extract',
  'regexp_matches', 'regexp_full_match',
  // dates and times
  'strptime', 'try_strptime', 'strftime', 'make_date', 'make_time', 'make_timestamp', 'make_timestamptz',
  'to_timestamp', 'epoch', 'epoch_ms', 'date_trunc', 'date_part', 'datepart', 'date_diff', 'datediff', 'timezone',
  'to_seconds', 'to_minutes', 'to_hours', 'to_days', 'year', 'month', 'day', 'hour', 'minute', 'second',
  'dayofweek', 'isodow',
  // numbers
  'abs', 'round', 'floor', 'ceil', 'ceiling', 'trunc', 'sign', 'greatest', 'least',
  // nulls and choices
  'coalesce', 'nullif', 'ifnull', 'if', 'try'
] as const;

/** Operators DuckDB parses as functions (`a || b`, `a LIKE b` is `~~`). */
const OPERATOR_FUNCTIONS = ['+', '-', '*', '/', '//', '%', '||', '^', '**', '~~', '!~~', '~~*', '!~~*'];
const OPERATORS = ['OPERATOR_NOT', 'OPERATOR_IS_NULL', 'OPERATOR_IS_NOT_NULL', 'COMPARE_IN', 'COMPARE_NOT_IN', 'OPERATOR_COALESCE', 'OPERATOR_NULLIF', 'OPERATOR_TRY'];
const CAST_TYPES = [
  'VARCHAR', 'BOOLEAN', 'TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'HUGEINT', 'UTINYINT', 'USMALLINT', 'UINTEGER',
  'UBIGINT', 'FLOAT', 'DOUBLE', 'DECIMAL', 'DATE', 'TIME', 'TIMESTAMP', 'TIMESTAMP WITH TIME ZONE', 'INTERVAL'
];
const ALLOWED_FUNCTIONS = new Set<string>([...SCALAR_FUNCTIONS, ...OPERATOR_FUNCTIONS]);
const ALLOWED_SUMMARY = `only column references, constants, operators, CASE/CAST and these functions: ${SCALAR_FUNCTIONS.join(', ')}`;

type Node = Record<string, unknown>;
const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Why a parsed expression is refused (what it may not use), or null when it passes. */
function refusal(node: unknown, columns: Set<string>): string | null {
  if (!isNode(node)) return 'an expression DuckDB did not describe';
  if (node.alias) return 'an alias (AS ...)';
  const kids = (list: unknown) => (Array.isArray(list) ? list : []).map((k) => refusal(k, columns)).find((r) => r !== null) ?? null;
  switch (node.class) {
    case 'CONSTANT':
      return null;
    case 'COLUMN_REF': {
      const names = node.column_names as string[];
      if (names.length !== 1) return `the qualified name ${names.join('.')}`;
      return columns.has(names[0].toLowerCase()) ? null : `"${names[0]}", which is not a column of the file's header`;
    }
    case 'CAST': {
      const type = (node.cast_type as Node | undefined)?.id as string | undefined;
      if (!type || !CAST_TYPES.includes(type)) return `a cast to ${type ?? 'an unknown type'}`;
      return refusal(node.child, columns);
    }
    case 'CASE': {
      const checks = (node.case_checks as Node[]).flatMap((c) => [c.when_expr, c.then_expr]);
      return kids([...checks, node.else_expr]);
    }
    case 'COMPARISON':
      return kids([node.left, node.right]);
    case 'CONJUNCTION':
      return kids(node.children);
    case 'BETWEEN':
      return kids([node.input, node.lower, node.upper]);
    case 'OPERATOR': {
      const type = String(node.type);
      if (!OPERATORS.includes(type)) return `the operator ${type.toLowerCase().replace(/^operator_/, '')}`;
      const children = node.children as Node[];
      if ((type === 'COMPARE_IN' || type === 'COMPARE_NOT_IN') && children.slice(1).some((c) => c.class !== 'CONSTANT')) {
        return 'IN with anything but a list of constants';
      }
      return kids(children);
    }
    case 'FUNCTION': {
      const name = String(node.function_name).toLowerCase();
      // DuckDB's parser itself names some built-ins `main.` (trim, list_value); no other schema or catalog.
      if (node.catalog || (node.schema && node.schema !== 'main')) return `${[node.catalog, node.schema, name].filter(Boolean).join('.')}`;
      if (!ALLOWED_FUNCTIONS.has(name)) return name;
      const orders = (node.order_bys as Node | undefined)?.orders as unknown[] | undefined;
      if (node.distinct || node.filter || orders?.length) return `${name} as an aggregate`;
      return kids(node.children);
    }
    case 'SUBQUERY':
      return 'a subquery';
    case 'WINDOW':
      return `the window function ${String(node.function_name ?? '')}`.trim();
    case 'LAMBDA':
      return 'a lambda';
    case 'PARAMETER':
      return 'a parameter';
    case 'STAR':
      return '*';
    default:
      return String(node.class ?? node.type).toLowerCase();
  }
}

interface Parsed {
  /** DuckDB's JSON as it wrote it (JSON.parse would round its 64-bit positions). */
  text: string;
  error?: boolean;
  error_message?: string;
  statements?: Array<{ node: Node; named_param_map: unknown[] }>;
}

async function parse(conn: DuckDBConnection, expression: string): Promise<Parsed> {
  const reader = await conn.runAndReadAll(`SELECT json_serialize_sql('SELECT ' || $expression) AS tree`, { expression });
  const text = String(reader.getRowObjects()[0].tree);
  return { ...(JSON.parse(text) as Omit<Parsed, 'text'>), text };
}

/** The one select item of a bare `SELECT <expression>`, or why it is not one. */
function soleExpression(p: Parsed): { expr: Node } | { why: string } {
  // DuckDB serialises only SELECTs: a `;` and any other statement after the expression ends up here.
  if (p.error_message?.startsWith('Only SELECT statements')) return { why: 'may not hold more than one statement' };
  if (p.error || !p.statements) return { why: `does not parse (${(p.error_message ?? 'not SQL').split('\n')[0]})` };
  if (p.statements.length !== 1) return { why: 'may not hold more than one statement' };
  const { node, named_param_map } = p.statements[0];
  if (node.type !== 'SELECT_NODE') return { why: 'must be one expression, not a query' };
  const from = node.from_table as Node | null;
  const parts = [
    from && from.type !== 'EMPTY' && 'FROM', node.where_clause && 'WHERE', (node.group_expressions as unknown[]).length && 'GROUP BY',
    node.having && 'HAVING', node.qualify && 'QUALIFY', node.sample && 'SAMPLE',
    (node.modifiers as unknown[]).length && 'ORDER BY/LIMIT/DISTINCT', ((node.cte_map as Node).map as unknown[]).length && 'WITH'
  ].filter(Boolean);
  if (parts.length) return { why: `may not use ${parts.join(', ')} (it must be one expression, not a query)` };
  if (named_param_map.length) return { why: 'may not use a parameter' };
  const list = node.select_list as Node[];
  if (list.length !== 1) return { why: `must be one expression, not ${list.length}` };
  return { expr: list[0] };
}

/**
 * A comment outside quotes. What is embedded is DuckDB's rendering, which has none, so this is not
 * what keeps the statement whole; it refuses text that would silently lose its tail (`x -- ) , ...`).
 */
function hasComment(expression: string): boolean {
  return /--|\/\*/.test(expression.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"/g, ''));
}

/** The tree without source positions, to compare two parses. */
const shape = (node: unknown): string => JSON.stringify(node, (k, v) => (k === 'query_location' ? undefined : v));

/**
 * Judges one mapping expression on DuckDB's parse; returns the SQL to embed (DuckDB's rendering of the
 * approved tree, in brackets). Throws InputError naming the mapping field when it is refused.
 */
export function approvedExpression(expression: string, field: string, header: string[]): Promise<string> {
  return withParser((conn) => judged(conn, expression, field, header));
}

async function judged(conn: DuckDBConnection, expression: string, field: string, header: string[]): Promise<string> {
  const fail = (what: string) => new InputError(`mapping field "${field}": the expression ${what}`);
  if (hasComment(expression)) throw fail('may not hold a comment (-- or /* */)');
  const parsed = await parse(conn, expression);
  const sole = soleExpression(parsed);
  if ('why' in sole) throw fail(sole.why);
  const why = refusal(sole.expr, new Set(header.map((h) => h.toLowerCase())));
  if (why) throw fail(`may not use ${why} (${ALLOWED_SUMMARY})`);
  // DuckDB's own text for the approved tree; it must parse back to the same tree.
  const reader = await conn.runAndReadAll(`SELECT json_deserialize_sql(CAST($tree AS JSON)) AS sql`, { tree: parsed.text });
  const rendered = String(reader.getRowObjects()[0].sql).replace(/^SELECT /, '');
  const again = soleExpression(await parse(conn, rendered));
  if (!('expr' in again) || shape(again.expr) !== shape(sole.expr)) throw fail('could not be rendered back as the same expression');
  return `(${rendered})`;
}
