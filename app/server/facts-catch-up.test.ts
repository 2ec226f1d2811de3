// The background catch-up of call_facts is one at a time per database: in a process holding two (the
// unit tests, one file after another in a worker), a catch-up under way for one does not stand in for
// the other's.
import { afterAll, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../sql/db.ts';
import { golden } from '../../fixtures/paths.ts';
import { ingestFile } from '../../ingest/load.ts';
import { callFactsUsable } from '../../analytics/callers/call-facts.ts';
import { catchUpFactsSoon } from './facts-catch-up.ts';

const dbs: Database[] = [];
afterAll(() => dbs.forEach((db) => db.close()));

it('catches up each database, even while another one is catching up', async () => {
  const [a, b] = await Promise.all([openDatabase(':memory:'), openDatabase(':memory:')]);
  dbs.push(a, b);
  for (const db of [a, b]) await ingestFile(db, golden('basic.queue_log'), { timeZone: 'America/Chicago' });
  const log: string[] = [];
  const first = catchUpFactsSoon(a, (l) => log.push(l));
  const second = catchUpFactsSoon(b, (l) => log.push(l)); // while a's is under way
  await Promise.all([first, second]);
  expect(await callFactsUsable(a)).toMatchObject({ repeat: true });
  expect(await callFactsUsable(b)).toMatchObject({ repeat: true });
  expect(log.filter((l) => !l.startsWith('repeat and follow-up facts worked out again'))).toEqual([]);
});
