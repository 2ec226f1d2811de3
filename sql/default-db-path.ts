/** Where the database lives unless --db or CALLBOARD_DB says otherwise (its own module: the CLI's help names it without loading DuckDB). */
export const DEFAULT_DB_PATH = 'data/callboard.duckdb';
