// `callboard metrics` in-process on the hand-written service-level fixture (2026-03-10, billing; the
// numbers are worked out in analytics/metrics.test.ts). The lead wires the command into
// app/cli/commands/index.ts; app/cli/cli.test.ts runs the real binary.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandOutput } from '../test-support.ts';
import { setDatabase, type Database } from '../../../sql/db.ts';
import { fixtureDb } from '../../../analytics/test-support/fixture-db.ts';
import { metricKeys } from '../../../analytics/metrics/metrics.ts';
import { metrics as register } from './index.ts';
import { metricsCsv, metricsTable } from './metrics.ts';

const run = (...args: string[]) => commandOutput([register], ['metrics', ...args]);

describe('callboard metrics', () => {
  let db: Database;
  beforeAll(async () => {
    delete process.env.CALLBOARD_TZ;
    db = await fixtureDb('service-level.queue_log');
    setDatabase(db);
  });
  afterAll(() => db.close());

  it('--json prints {"rows":[...]}', async () => {
    const out = JSON.parse(await run('--from', '2026-03-10', '--to', '2026-03-10', '--json'));
    expect(Object.keys(out)).toEqual(['rows']);
    expect(out.rows[0]).toMatchObject({ period_start: '2026-03-10', offered: 8, lost: 3, service_level: 3 / 7, asa_s: 15.25 });
  });

  it('passes every option through', async () => {
    const out = JSON.parse(
      await run('--from', '2026-03-10', '--to', '2026-03-10', '--by', 'interval', '--interval-minutes', '60', '--group', 'queue',
        '--queue', 'billing', '--sl-threshold-s', '21', '--short-abandon-s', '6', '--sl-formula', 'answered', '--json')
    );
    expect(out.rows).toHaveLength(24);
    expect(out.rows.find((r: { offered: number }) => r.offered > 0)).toMatchObject({
      period_start: '2026-03-10T09:00:00', queue: 'billing', offered: 8, short_abandoned: 2, answered_within_sl: 4, service_level: 1
    });
  });

  it('prints an aligned table by default, with the settings used', async () => {
    const out = await run('--from', '2026-03-10', '--to', '2026-03-10');
    const [header, row] = out.split('\n');
    expect(header.split(/\s+/)).toEqual(metricKeys('none'));
    expect(row).toMatch(/^2026-03-10\s+8\s+4\s+3\s+1\s+1\s+0\s+3\s+42\.9%\s+3\s+42\.9%\s+15\.3\s+150\.0\s+13\.0\s+120\.0\s+1\s+1$/);
    expect(out).toContain('billing: SL ≤ 20 s (default), short abandon < 5 s (default), SL formula offered (default)');
  });

  it('--csv prints a header and unrounded values, empty for null', async () => {
    const out = await run('--from', '2026-03-11', '--to', '2026-03-11', '--csv');
    expect(out).toBe(`${metricKeys('none').join(',')}\n2026-03-11,1,0,1,1,0,0,0,,0,,,,2,2,0,0\n`);
  });

  it('refuses bad options with a one-line error', async () => {
    await expect(run('--from', '2026-03-10', '--to', '2026-03-10', '--by', 'year')).rejects.toThrow(/Allowed choices are interval, day/);
    await expect(run('--from', '2026-03-10', '--to', '2026-03-10', '--json', '--csv')).rejects.toThrow(/cannot be used with/);
    await expect(run('--from', '2026-03-12', '--to', '2026-03-10')).rejects.toThrow('from 2026-03-12 is after to 2026-03-10');
    await expect(run('--from', '2026-03-10', '--to', '2026-03-10', '--timezone', 'Mars/Olympus')).rejects.toThrow(/Unknown time zone/);
  });
});

describe('output formats', () => {
  it('quotes CSV fields that need it', () => {
    const row = { period_start: '2026-03-10', queue: 'a,"b"' } as never;
    expect(metricsCsv([row], ['period_start', 'queue'])).toBe('period_start,queue\n2026-03-10,"a,""b"""\n');
    expect(metricsTable([row], ['period_start', 'queue'])).toBe('period_start  queue\n2026-03-10    a,"b"\n');
  });
});
