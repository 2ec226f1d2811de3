// rowObjects (sql/db.ts): rows put together from whole converted columns are the rows DuckDB's
// getRowObjectsJS gives, run through plain(): every kind of value the named queries return, nulls,
// repeated column names, and more rows than one chunk.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, plain, rowObjects, type Database } from './db.ts';

describe('rowObjects', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDatabase(':memory:');
  });
  afterAll(() => db.close());

  const both = (sql: string) =>
    db.withConnection(async (conn) => {
      const reader = await conn.runAndReadAll(sql);
      return { columns: rowObjects<Record<string, unknown>>(reader), rows: reader.getRowObjectsJS().map((r) => plain(r)) };
    });

  it('gives the same values as the row-by-row conversion, type by type', async () => {
    const { columns, rows } = await both(`
      SELECT i, CAST(i AS BIGINT) * 3000000000 AS big, CAST(i AS INTEGER) AS small, i / 7 AS ratio, CAST(i / 7 AS DECIMAL(18, 3)) AS dec,
             'q' || i AS name, CASE WHEN i % 3 = 0 THEN NULL ELSE i END AS sometimes, i % 2 = 0 AS even,
             TIMESTAMPTZ '2025-03-09 07:00:00+00' + to_minutes(i) AS ts, DATE '2025-01-01' + CAST(i AS INTEGER) AS day,
             TIMESTAMP '2025-01-01 00:00:00' + to_seconds(i) AS local_ts,
             [i, i + 1] AS list, {'a': i, 'b': 'x' || i} AS struct, ['a', NULL] AS texts, i AS i
      FROM range(5000) t(i)`);
    expect(columns).toHaveLength(5000);
    expect(columns).toEqual(rows);
    expect(Object.keys(columns[0])).toEqual(Object.keys(rows[0] as object));
  });

  it('names repeated columns as the row conversion does, and an empty answer is no rows', async () => {
    const { columns, rows } = await both(`SELECT 1 AS a, 2 AS a, 3 AS b`);
    expect(columns).toEqual(rows);
    expect((await both(`SELECT 1 AS a WHERE false`)).columns).toEqual([]);
  });
});
