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

  it('a statement on a connection someone still holds (staging, an open transaction) leaves answers shared until it is let go', async () => {
    let computed = 0;
    const read = () => db.answers.get('sum', () => (computed++, total()));
    expect(await read()).toBe(3);
    await db.withConnection(async (conn) => {
      await db.script('CREATE TEMP TABLE staged AS SELECT 7 AS x; INSERT INTO staged VALUES (8);', {}, conn);
      await conn.run('BEGIN TRANSACTION');
      await db.run('INSERT INTO t VALUES (10)', {}, conn);
      expect(await read()).toBe(3); // nobody else sees the open transaction: the shared answer stands
      await conn.run('COMMIT');
    });
    expect(await read()).toBe(13); // let go: the next reader computes afresh
    expect(computed).toBe(2);
  });

  it('past its few seconds with the data unchanged, an answer is served while one reader computes it again', async () => {
    let computed = 0;
    let release: (n: number) => void = () => undefined;
    const again = new Promise<number>((ok) => (release = ok));
    const slow = () => (computed++ === 0 ? total() : again);
    const read = () => db.answers.get('sum', slow, 0); // a TTL of 0: every read finds the answer past it
    expect(await read()).toBe(3);
    expect(await read()).toBe(3); // past its TTL: served while the second computation runs
    expect(await read()).toBe(3); // still the one computation under way
    expect(computed).toBe(2);
    release(300);
    await again; // (the cache heard it first: it listened first)
    expect(await db.answers.get('sum', slow, 60_000)).toBe(300); // the new computation's answer, once in
    await db.run('INSERT INTO t VALUES (1)');
    computed = 0;
    expect(await db.answers.get('sum', total)).toBe(4); // after a write, never the old answer
  });

  it('a load\'s writes count as changes of the data but not beside loads (who is signed in)', async () => {
    const [all, beside] = [db.version, db.versionBesideLoads];
    await db.loading(() => db.transaction((conn) => db.run('INSERT INTO t VALUES (5)', {}, conn)));
    expect([db.version, db.versionBesideLoads]).toEqual([all + 1, beside]);
    await db.run('INSERT INTO t VALUES (6)');
    expect([db.version, db.versionBesideLoads]).toEqual([all + 2, beside + 1]);
  });
});
