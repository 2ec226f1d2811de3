// The one queue-name schema every route takes a queue with (it used to be written out 7 times in 3 variants).
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { queueName, queueOrAll } from './validate.ts';

describe('queueName / queueOrAll', () => {
  it('take queue names as PBXs write them', () => {
    for (const q of ['billing', '6001', 'Sales-EN', 'support@east', 'q.1 + 2_x']) {
      expect(queueName.safeParse(q).success, q).toBe(true);
      expect(queueOrAll.safeParse(q).success, q).toBe(true);
    }
  });

  it('refuse anything that reads as SQL or a path, with one message', () => {
    for (const q of ['', '../etc', 'a..b', "x'; DROP TABLE calls; --", '-billing', 'x'.repeat(101), '*']) {
      const parsed = queueName.safeParse(q);
      expect(parsed.success, q).toBe(false);
      expect(parsed.error?.issues[0].message).toBe('not a queue name');
    }
  });

  it('take * for every queue only where a route means it', () => {
    expect(queueOrAll.safeParse('*').success).toBe(true);
    expect(queueOrAll.safeParse('a..b').success).toBe(false);
  });

  it('are the only queue-name schema in the API', () => {
    const dir = import.meta.dirname;
    const copies = readdirSync(dir)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'validate.ts')
      .filter((f) => readFileSync(join(dir, f), 'utf8').includes("'not a queue name'"));
    expect(copies).toEqual([]);
  });
});
