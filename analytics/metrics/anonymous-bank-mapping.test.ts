// The README's worked mapping on the real Anonymous Bank month: a call is a queue visit, so the rows
// that never reached the queue (voice-menu hang-ups) and the PHANTOM records are skipped with their
// reasons, counted here independently with plain DuckDB over the file; offered calls are the rows left.
// The mapping's zone becomes the center's when it has none, and a load into another zone says so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realdata } from '../../fixtures/paths.ts';
import { ingestFile, type FileSummary } from '../../ingest/load.ts';
import { openDatabase, type Database } from '../../sql/db.ts';
import { computeMetrics } from './metrics.ts';
import { readCenterSettings } from '../center-settings.ts';

const FILE = realdata('anonymous-bank-1999/february_1999.txt.gz');
const MAPPING = 'fixtures/mappings/anonymous-bank-1999.json';

describe('the Anonymous Bank worked mapping', () => {
  let db: Database;
  let s: FileSummary;
  let counted: { rows: number; voice_menu: number; phantom: number; queued: number; short_hang: number };
  beforeAll(async () => {
    db = await openDatabase(':memory:');
    s = await ingestFile(db, FILE, { timeZone: 'America/Chicago', mapping: MAPPING });
    // The file read on its own, no mapping: which rows never queued, which are PHANTOM.
    counted = (await db.one(
      `SELECT CAST(count(*) AS INTEGER) AS rows,
              CAST(count(*) FILTER (outcome = 'HANG' AND q_start = '0:00:00' AND q_time = 0) AS INTEGER) AS voice_menu,
              CAST(count(*) FILTER (outcome = 'PHANTOM') AS INTEGER) AS phantom,
              CAST(count(*) FILTER (outcome <> 'PHANTOM' AND NOT (outcome = 'HANG' AND q_start = '0:00:00' AND q_time = 0)) AS INTEGER) AS queued,
              CAST(count(*) FILTER (outcome = 'HANG' AND q_time < 5 AND NOT (q_start = '0:00:00' AND q_time = 0)) AS INTEGER) AS short_hang
       FROM read_csv($file, delim = '\t', header = true, types = {'q_time': 'INTEGER'}, all_varchar = false)`,
      { file: FILE }
    ))!;
  }, 60_000);
  afterAll(() => db.close());

  it('skips the voice-menu hang-ups and the PHANTOM records, with their reasons, counted apart from quarantine', () => {
    expect(counted).toMatchObject({ rows: 33344, voice_menu: 1941, phantom: 278 });
    expect(s.rows_skipped).toBe(counted.voice_menu + counted.phantom);
    expect(s.skipped).toEqual([
      { reason: 'hung up in the voice menu and never queued: not a queue visit', rows: counted.voice_menu },
      { reason: "PHANTOM: a virtual call the data's documentation says to ignore", rows: counted.phantom }
    ]);
    expect(s.rows_quarantined).toBe(0);
    expect(s.rows_read).toBe(s.rows_loaded + s.rows_quarantined + s.rows_skipped);
  });

  it('offers exactly the rows that reached the queue, and counts short abandons among them only', async () => {
    const m = await computeMetrics(db, { from: '1999-02-01', to: '1999-02-28', by: 'total', timeZone: 'Asia/Jerusalem', shortAbandonS: 5 });
    expect(m.rows).toHaveLength(1);
    expect(m.rows[0].offered).toBe(counted.queued);
    expect(counted.queued).toBe(31125);
    // Before the skip rules the month "offered" 33,344: 7% more than the callers who queued.
    expect(Math.round((33344 / counted.queued - 1) * 100)).toBe(7);
    expect(m.rows[0].short_abandoned).toBe(counted.short_hang);
    expect(counted.short_hang).toBe(219); // 2,164 when the voice-menu hang-ups and PHANTOMs counted
    const run = await db.one(`SELECT rows_skipped FROM load_runs WHERE status = 'loaded'`);
    expect(run).toEqual({ rows_skipped: counted.voice_menu + counted.phantom });
  });

  it("makes the mapping's zone the center's when it had none, and says so", async () => {
    expect((await readCenterSettings(db)).timezone).toBe('Asia/Jerusalem');
    expect(s.warnings).toEqual(["the center had no time zone: it is now Asia/Jerusalem, the mapping's (Settings to change it)"]);
  });

  it("warns when the center's zone differs from the mapping's, and keeps the center's", async () => {
    const other = await openDatabase(':memory:');
    await other.run(`INSERT INTO settings (key, value) VALUES ('timezone', to_json(CAST('America/Chicago' AS VARCHAR)))`);
    const t = await ingestFile(other, FILE, { timeZone: 'America/Chicago', mapping: MAPPING });
    expect(t.warnings).toEqual([
      "the mapping's times are in Asia/Jerusalem but the center's time zone is America/Chicago: days and intervals are cut in America/Chicago (Settings to change it)"
    ]);
    expect((await readCenterSettings(other)).timezone).toBe('America/Chicago');
    other.close();
  }, 60_000);
});
