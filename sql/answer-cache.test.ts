import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from './db.ts';

describe('shared answers (answer-cache.ts)', () => {
  let db: Database;
  beforeEach(async () => {
    db = await openDatabase(':memory:');
    await db.run('CREATE TABLE t (x INTEGER)');
    await db.run('INSERT INTO t VALUES (1), (2)');
  });
  afterEach(() => db.close());

  const total = () => db.one<{ s: number }>('SELECT CAST(sum(x) AS INTEGER) AS s FROM t').then((r) => r!.s);

  it('readers of the same key at once share one computation, and reads do not count as changes', async () => {
    let computed = 0;
    const compute = () => (computed++, total());
    const before = db.version;
    const answers = await Promise.all([db.answers.get('sum', compute), db.answers.get('sum', compute), db.answers.get('sum', compute)]);
    expect(answers).toEqual([3, 3, 3]);
    expect(await db.answers.get('sum', compute)).toBe(3);
    expect(computed).toBe(1);
    expect(db.version).toBe(before);
  });

  it('every way of writing makes the next reader compute afresh', async () => {
    const read = () => db.answers.get('sum', total);
    expect(await read()).toBe(3);
    await db.run('INSERT INTO t VALUES (10)');
    expect(await read()).toBe(13);
    await db.all('INSERT INTO t VALUES (100) RETURNING x');
    expect(await read()).toBe(113);
    await db.transaction((conn) => db.run('UPDATE t SET x = 0 WHERE x = 100', {}, conn));
    expect(await read()).toBe(13);
    await db.withConnection((conn) => conn.run('DELETE FROM t WHERE x = 10'));
    expect(await read()).toBe(3);
    await db.withConnection((conn) => db.script('INSERT INTO t VALUES (4); INSERT INTO t VALUES (5);', {}, conn));
    expect(await read()).toBe(12);
  });

  it('a failed computation is not kept', async () => {
    await expect(db.answers.get('bad', () => db.all('SELECT * FROM missing_table'))).rejects.toThrow(/missing_table/);
    expect(await db.answers.get('bad', total)).toBe(3);
  });
});
