// The live feed and alerts that fire with the clock alone: a caller is waiting, nothing new is
// loaded, and the feed's regular refresh is set far away (10 min), so the only way a second
// snapshot comes is the feed's own timer for the instant the caller's wait crosses the rule's N.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../sql/db.ts';
import { ingestFile } from '../../../ingest/load.ts';
import { LiveFeed } from './live-feed.ts';
import type { LiveSnapshot } from './live-snapshot.ts';

const TZ = 'America/Chicago';
let db: Database;
let dir: string;
const t = Math.floor(Date.now() / 1000);

beforeAll(async () => {
  db = await openDatabase(':memory:');
  dir = mkdtempSync(join(tmpdir(), 'callboard-alert-feed-'));
  const log = join(dir, 'queue_log');
  writeFileSync(log, `${t - 600}|NONE|billing|PJSIP/7001|ADDMEMBER|\n${t - 600}|NONE|billing|PJSIP/7001|PAUSE|Lunch\n${t}|q1|billing|NONE|ENTERQUEUE||3125550100|1\n`);
  expect((await ingestFile(db, log, { timeZone: TZ })).error).toBeUndefined();
  await db.run("INSERT INTO alert_rules VALUES ('*', 'longest_wait', 5)");
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

it('sends a snapshot when a waiting caller crosses a rule, with no new data and no refresh due', async () => {
  const feed = new LiveFeed(db, { timeZone: async () => TZ, refreshMs: 600_000, pollMs: 600_000 });
  const seen: LiveSnapshot[] = [];
  const firing = new Promise<LiveSnapshot>((resolve) => {
    feed.subscribe((s) => {
      seen.push(s);
      if (s.alerts.length) resolve(s);
    });
  });
  feed.changed(); // the first snapshot, as a load would make: the caller has waited under 5 s
  const snap = await firing;
  feed.stop();
  expect(seen[0].alerts).toEqual([]);
  expect(snap.alerts).toMatchObject([{ queue: 'billing', kind: 'longest_wait', threshold: 5, since: new Date((t + 5) * 1000).toISOString() }]);
  expect(snap.alerts[0].text).toMatch(/^Longest wait over 5 s since \d\d:\d\d$/);
}, 20_000);
