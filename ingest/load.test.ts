// What loading guarantees: idempotent, incremental with a partial last line, rotation-safe,
// quarantine with line numbers, local days cut right across DST, odd bytes survived.
import { appendFileSync, copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { golden, realdata } from '../fixtures/paths.ts';
import { ingestFile } from './load.ts';
import { refreshCallSlices } from '../sql/upkeep/call-slices.ts';
import { TZ, callRows, count, freshDb } from './test-db.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'callboard-test-'));

describe('idempotent loading', () => {
  it('adds nothing when the same file, or a renamed copy of it, is loaded again', async () => {
    const db = await freshDb();
    const dir = tmp();
    const first = await ingestFile(db, golden('basic.queue_log'), { timeZone: TZ });
    const before = await callRows(db);
    const again = await ingestFile(db, golden('basic.queue_log'), { timeZone: TZ });
    copyFileSync(golden('basic.queue_log'), join(dir, 'queue_log.1'));
    const rotated = await ingestFile(db, join(dir, 'queue_log.1'), { timeZone: TZ });
    expect(first.calls_added).toBe(6);
    expect(again).toMatchObject({ duplicate: true, calls_added: 0, rows_loaded: 0 });
    expect(rotated).toMatchObject({ duplicate: true, calls_added: 0 });
    expect(await callRows(db)).toEqual(before);
    expect(await count(db, 'queue_events')).toBe(23);
  });
});

describe('compressed rotations', () => {
  it('loads a gzip export by its content: the real PBX export compressed, then the same file plain adds nothing', async () => {
    const db = await freshDb();
    const dir = tmp();
    const plain = realdata('pbxware-queue-cdr-2018/queue_log.csv');
    const gz = join(dir, 'queue_log.2.gz');
    writeFileSync(gz, gzipSync(readFileSync(plain)));
    const s = await ingestFile(db, gz, { timeZone: 'America/New_York' });
    expect(s).toMatchObject({ path: gz, format: 'pbxware_queue_log', rows_read: 1000, calls_added: 108, rows_quarantined: 0 });
    expect(await ingestFile(db, plain, { timeZone: 'America/New_York' })).toMatchObject({ duplicate: true, calls_added: 0 });
    expect(await count(db, 'calls')).toBe(108);
  });

  it('loads nothing from a cut-short gzip file and says which file and why', async () => {
    const db = await freshDb();
    const gz = join(tmp(), 'queue_log.1.gz');
    const whole = gzipSync(readFileSync(golden('basic.queue_log')));
    writeFileSync(gz, whole.subarray(0, Math.floor(whole.length / 2)));
    await expect(ingestFile(db, gz, { timeZone: TZ })).rejects.toThrow(/queue_log\.1\.gz: the gzip file is damaged or cut short .*nothing was loaded/);
    expect(await count(db, 'calls')).toBe(0);
    expect(await db.all(`SELECT path, status FROM load_runs`)).toEqual([{ path: gz, status: 'failed' }]);
    // Once whole, it loads.
    writeFileSync(gz, whole);
    expect(await ingestFile(db, gz, { timeZone: TZ })).toMatchObject({ calls_added: 6 });
  });
});

describe('a growing queue_log', () => {
  it('loads only new complete lines; a partial last line waits; a visit spanning two loads closes', async () => {
    const db = await freshDb();
    const path = join(tmp(), 'queue_log');
    const lines = readFileSync(golden('basic.queue_log'), 'utf8').split('\n');
    // Lines 1..6 plus half of line 7 (the CONNECT of the first call).
    writeFileSync(path, lines.slice(0, 6).join('\n') + '\n' + lines[6].slice(0, 12));
    const a = await ingestFile(db, path, { timeZone: TZ });
    expect(a).toMatchObject({ rows_read: 6, rows_loaded: 6, partial_tail: true, calls_added: 1 });
    expect((await callRows(db))[0]).toMatchObject({ outcome: null, agent: null });

    appendFileSync(path, lines[6].slice(12) + '\n' + lines.slice(7, 10).join('\n') + '\n');
    const b = await ingestFile(db, path, { timeZone: TZ });
    expect(b).toMatchObject({ rows_read: 4, rows_loaded: 4, partial_tail: false, calls_added: 1, duplicate: false });
    const rows = await callRows(db);
    expect(rows[0]).toMatchObject({ line_no: 5, outcome: 'answered', agent: 'PJSIP/7001', wait_s: 30, talk_s: 180, ring_no_answer: 1 });
    expect(rows).toHaveLength(2);

    appendFileSync(path, lines.slice(10).join('\n'));
    const c = await ingestFile(db, path, { timeZone: TZ });
    expect(c.quarantined.map((q) => q.line_no)).toEqual([22, 23]); // numbered in the whole file
    expect(await callRows(db)).toEqual(await freshLoad(golden('basic.queue_log')));
  });
});

async function freshLoad(path: string) {
  const db = await freshDb();
  await ingestFile(db, path, { timeZone: TZ });
  return callRows(db);
}

describe('local days across DST changes', () => {
  it('keeps the instants of the repeated hour apart and both on the local day 2026-11-01', async () => {
    const db = await freshDb();
    const path = join(tmp(), 'queue_log');
    // 2026-11-01 01:30 CDT = 06:30Z and 01:30 CST = 07:30Z; 23:30 CST = 05:30Z on Nov 2.
    const ev = (epoch: number, id: string) => `${epoch}|${id}|billing|NONE|ENTERQUEUE||3125550100|1\n${epoch + 9}|${id}|billing|NONE|ABANDON|1|1|9\n`;
    writeFileSync(path, ev(Date.UTC(2026, 10, 1, 6, 30) / 1000, 'a.1') + ev(Date.UTC(2026, 10, 1, 7, 30) / 1000, 'b.2') + ev(Date.UTC(2026, 10, 2, 5, 30) / 1000, 'c.3'));
    await ingestFile(db, path, { timeZone: TZ });
    const days = await db.all(
      `SELECT strftime(timezone($tz, enter_ts), '%Y-%m-%d %H:%M') AS local, strftime(enter_ts, '%H:%M') AS utc FROM calls ORDER BY enter_ts`,
      { tz: TZ }
    );
    expect(days).toEqual([
      { local: '2026-11-01 01:30', utc: '06:30' },
      { local: '2026-11-01 01:30', utc: '07:30' },
      { local: '2026-11-01 23:30', utc: '05:30' }
    ]);
  });
});

describe('odd bytes', () => {
  it('loads a CDR whose caller-ID holds invalid UTF-8 (the ru-2024 export with a 0xA5 byte put back)', async () => {
    const db = await freshDb();
    const original = readFileSync(realdata('asterisk-cdr-ru-2024/Master.csv'));
    const text = original.toString('latin1').replace('""83020531283"" <', '""\xa5\xa5"" <');
    const path = join(tmp(), 'Master.csv');
    writeFileSync(path, Buffer.from(text, 'latin1'));
    const s = await ingestFile(db, path, { timeZone: 'Asia/Irkutsk' });
    expect(s).toMatchObject({ format: 'cdr', rows_read: 84, rows_loaded: 84, rows_quarantined: 0 });
  });

  it('loads CRLF line ends and keeps line numbers', async () => {
    const db = await freshDb();
    const path = join(tmp(), 'queue_log');
    writeFileSync(path, readFileSync(golden('basic.queue_log'), 'utf8').replace(/\n/g, '\r\n'));
    const s = await ingestFile(db, path, { timeZone: TZ });
    expect(s.quarantined.map((q) => q.line_no)).toEqual([22, 23]);
    expect(await callRows(db)).toEqual(await freshLoad(golden('basic.queue_log')));
  });

  it('refuses an unrecognised file with one clear line and records the failure', async () => {
    const db = await freshDb();
    const path = join(tmp(), 'notes.txt');
    writeFileSync(path, 'Dear team,\nplease call back Mrs. Smith.\n');
    await expect(ingestFile(db, path, { timeZone: TZ })).rejects.toThrow(/cannot tell what this file is.*--mapping/);
    await expect(ingestFile(db, join(tmp(), 'missing.log'), { timeZone: TZ })).rejects.toThrow(/cannot read the file/);
    expect(await db.all(`SELECT status FROM load_runs`)).toEqual([{ status: 'failed' }, { status: 'failed' }]);
    expect(await count(db, 'calls')).toBe(0);
  });
});

describe('the summaries after the load', () => {
  it('are brought up to date once the calls are committed; when that fails the calls stay loaded, the load says so, and the next load rebuilds them', async () => {
    const db = await freshDb();
    const dir = tmp();
    /** The golden log again under other callids (`prefix` before each): six more calls. */
    const copy = (prefix: string) => {
      const file = join(dir, `${prefix}.queue_log`);
      const lines = readFileSync(golden('basic.queue_log'), 'utf8').split('\n')
        .map((l) => l.split('|').map((f, i) => (i === 1 && /^\d+\.\d+$/.test(f) ? `${prefix}${f}` : f)).join('|'));
      writeFileSync(file, lines.join('\n'));
      return file;
    };
    const current = async () =>
      (await db.one<{ n: number }>('SELECT count(*) AS n FROM call_slices_state WHERE calls = (SELECT count(*) FROM calls)'))!.n === 1;
    await ingestFile(db, golden('basic.queue_log'), { timeZone: TZ });
    expect(await current()).toBe(true);
    // The refresh fails (its table is away for the moment): the load's calls stand, and it says so.
    await db.run('ALTER TABLE call_slices RENAME TO call_slices_away');
    const s = await ingestFile(db, copy('b'), { timeZone: TZ });
    expect(s.error).toBeUndefined();
    expect(s.calls_added).toBe(6);
    expect(s.warnings.join('\n')).toMatch(/the calls are loaded, but the metrics summaries could not be brought up to date/);
    expect(await count(db, 'calls')).toBe(12);
    expect(await current()).toBe(false);
    // The next load finds the summary stale and builds it whole.
    await db.run('ALTER TABLE call_slices_away RENAME TO call_slices');
    expect((await ingestFile(db, copy('c'), { timeZone: TZ })).calls_added).toBe(6);
    expect(await current()).toBe(true);
    // ... the same rows as a rebuild from nothing
    const slices = () => db.all('SELECT * FROM call_slices ORDER BY ALL');
    const after = await slices();
    await db.transaction((conn) => refreshCallSlices(db, conn));
    expect(after).toEqual(await slices());
    expect(after.length).toBeGreaterThan(0);
    db.close();
  });
});
