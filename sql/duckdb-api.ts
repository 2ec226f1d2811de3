/**
 * DuckDB's client (@duckdb/node-api), loaded with require() rather than an ES import. The package is
 * CommonJS in about 180 files; an ES import makes Node scan every one of them for its named exports
 * (cjs-module-lexer) before running it, about 300 ms of CPU at each start of the CLI or the server,
 * against about 140 ms for require(). The values the project uses are here; types still come from the
 * package (`import type`). A class is exported as a value and as its instance type, as the package does.
 */
import { createRequire } from 'node:module';
import type * as Api from '@duckdb/node-api';

const api = createRequire(import.meta.url)('@duckdb/node-api') as typeof Api;

export const DuckDBInstance = api.DuckDBInstance;
export type DuckDBInstance = Api.DuckDBInstance;
export const DuckDBScalarFunction = api.DuckDBScalarFunction;
export type DuckDBScalarFunction = Api.DuckDBScalarFunction;
export const VARCHAR = api.VARCHAR;
export const listValue = api.listValue;
export const quotedIdentifier = api.quotedIdentifier;
export const quotedString = api.quotedString;
