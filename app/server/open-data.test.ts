// Open data on a real database loaded from fixture exports: off by default (nothing written), turned
// on by an admin (audited) it publishes per queue and day/month the very figures computeMetrics gives
// (what GET /api/metrics answers), only complete days and months, as CSV and JSON with a stable schema,
// and never a caller's number or a rep.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../sql/db.ts';
import { fixtureDb, TZ } from '../../analytics/test-support/fixture-db.ts';
import { computeMetrics } from '../../analytics/metrics/metrics.ts';
import { OPEN_DATA_COLUMNS } from '../../analytics/open-data/open-data-table.ts';
import { auditRecords } from './audit.ts';
import { openDataState, publishOpenData, publishedFile, publishedRanges, setOpenData } from './open-data.ts';

const NOW = new Date('2026-12-15T12:00:00Z'); // the data runs on to 2027-01-04: later days are not published
const clock = () => NOW;
const admin = { id: 1, username: 'admin1' };

let db: Database;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'callboard-open-data-test-'));
  process.env.CALLBOARD_OPEN_DATA_DIR = dir;
  db = await fixtureDb('calendar-edges.queue_log', 'service-level.queue_log', 'repeat-callers.queue_log', 'turned-away.queue_log');
});

afterAll(() => {
  delete process.env.CALLBOARD_OPEN_DATA_DIR;
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

const read = (name: string) => readFileSync(join(dir, name), 'utf8');

/** A CSV line's cells (the published files quote only text that needs it). */
const cells = (line: string) => [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)].map((m) => m[1].replace(/^"|"$/g, '').replace(/""/g, '"')).slice(0, OPEN_DATA_COLUMNS.length);

describe('open data', () => {
  it('is off by default: the job writes nothing', async () => {
    expect(await publishOpenData({ db, timeZone: TZ, dir, clock })).toBeNull();
    expect(existsSync(join(dir, 'daily.csv'))).toBe(false);
    expect((await openDataState(db)).enabled).toBe(false);
  });

  it('turned on by an admin, audited, publishes the metric rows per queue, day and month', async () => {
    const state = await setOpenData(db, admin, true, TZ, clock);
    expect(state.enabled).toBe(true);
    expect(state.files.map((f) => [f.name, f.bytes !== null])).toEqual([
      ['daily.csv', true], ['daily.json', true], ['monthly.csv', true], ['monthly.json', true], ['schema.json', true]
    ]);
    const [record] = await auditRecords(db, { entity: 'setting', entityId: 'open_data_enabled' });
    expect(record).toMatchObject({ username: 'admin1', action: 'create', after: { open_data_enabled: true } });

    for (const [file, by] of [['daily.json', 'day'], ['monthly.json', 'month']] as const) {
      const doc = JSON.parse(read(file));
      expect(doc).toMatchObject({ schema: 'callboard-open-data', version: 1, period: by, time_zone: TZ });
      const metrics = await computeMetrics(db, { from: doc.from, to: doc.to, by, group: 'queue', timeZone: TZ });
      expect(doc.rows.length).toBeGreaterThan(2);
      expect(doc.rows).toHaveLength(metrics.rows.length);
      for (const row of doc.rows) {
        const m = metrics.rows.find((r) => r.period_start.slice(0, 10) === row.period_start && r.queue === row.queue)!;
        expect(m, `${row.period_start} ${row.queue}`).toBeDefined();
        const q = metrics.settings.queues.find((s) => s.queue === row.queue)!;
        expect(row).toEqual({
          period: by, period_start: m.period_start.slice(0, 10), queue: m.queue, queue_name: q.label ?? m.queue,
          offered: m.offered, answered: m.answered, lost: m.lost, lost_rate: m.lost_rate, answered_within_sl: m.answered_within_sl,
          service_level: m.service_level, sl_threshold_s: q.sl_threshold_s, sl_formula: q.sl_formula, asa_s: m.asa_s
        });
      }
    }
  });

  it('publishes complete days up to yesterday and whole months before this one', async () => {
    const daily = JSON.parse(read('daily.json'));
    const monthly = JSON.parse(read('monthly.json'));
    expect(daily.to).toBe('2026-12-14');
    expect(daily.rows.every((r: { period_start: string }) => r.period_start <= '2026-12-14')).toBe(true);
    expect(monthly.to).toBe('2026-11-30');
    expect(monthly.rows.every((r: { period_start: string }) => r.period_start <= '2026-11-01')).toBe(true);
    expect(publishedRanges({ first_day: '2026-03-10', last_day: '2026-03-11' }, new Date('2026-03-11T12:00:00Z'), TZ)).toEqual({
      day: { from: '2026-03-10', to: '2026-03-10' },
      month: null
    });
    expect(publishedRanges({ first_day: null, last_day: null }, NOW, TZ)).toEqual({ day: null, month: null });
  });

  it('writes the CSV with the same rows as the JSON, the columns of the documented schema, in order', async () => {
    const names = OPEN_DATA_COLUMNS.map((c) => c.name);
    expect(names).toEqual([
      'period', 'period_start', 'queue', 'queue_name', 'offered', 'answered', 'lost', 'lost_rate', 'answered_within_sl',
      'service_level', 'sl_threshold_s', 'sl_formula', 'asa_s'
    ]);
    const schema = JSON.parse(read('schema.json'));
    expect(schema.columns.map((c: { name: string }) => c.name)).toEqual(names);
    expect(schema.columns.every((c: { description: string }) => c.description.length > 20)).toBe(true);
    const [header, ...lines] = read('daily.csv').trimEnd().split('\r\n');
    expect(header).toBe(names.join(','));
    const json = JSON.parse(read('daily.json')).rows;
    expect(lines).toHaveLength(json.length);
    lines.forEach((line, i) => expect(cells(line)).toEqual(names.map((n) => (json[i][n] === null ? '' : String(json[i][n])))));
  });

  it("never publishes a caller's number or a rep", async () => {
    const callers = await db.all<{ caller: string }>(`SELECT DISTINCT caller FROM calls WHERE caller IS NOT NULL`);
    const agents = await db.all<{ agent: string }>(`SELECT DISTINCT agent FROM calls WHERE agent IS NOT NULL`);
    expect(callers.length).toBeGreaterThan(3);
    for (const name of ['daily.csv', 'daily.json', 'monthly.csv', 'monthly.json', 'schema.json']) {
      const text = read(name);
      for (const { caller } of callers) expect(text.includes(caller), `${name}: ${caller}`).toBe(false);
      for (const { agent } of agents) expect(text.includes(agent), `${name}: ${agent}`).toBe(false);
    }
  });

  it('reads only the published names from the folder', () => {
    expect(publishedFile(dir, 'daily.csv')).not.toBeNull();
    for (const name of ['../daily.csv', 'daily.csv.tmp', '.', '', 'x.parquet', '..']) expect(publishedFile(dir, name), name).toBeNull();
  });

  it('turned off, the job writes no more (audited)', async () => {
    await setOpenData(db, admin, false, TZ, clock);
    const before = read('daily.json');
    expect(await publishOpenData({ db, timeZone: TZ, dir, clock: () => new Date('2027-02-01T00:00:00Z') })).toBeNull();
    expect(read('daily.json')).toBe(before);
    const [record] = await auditRecords(db, { entity: 'setting', entityId: 'open_data_enabled' });
    expect(record).toMatchObject({ action: 'update', before: { open_data_enabled: true }, after: { open_data_enabled: false } });
  });
});
