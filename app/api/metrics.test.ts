// GET /api/metrics and its sub-routes on the hand-written service-level fixture (2026-03-10, billing;
// analytics/metrics.test.ts works its numbers out), through the sub-app with no server: the test hands
// it the request context (database, zone) the API's middleware would.
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setDatabase, type Database } from '../../sql/db.ts';
import { fixtureDb, TZ } from '../../analytics/test-support/fixture-db.ts';
import { computeMetrics } from '../../analytics/metrics/metrics.ts';
import { Hono } from 'hono';
import { metrics as metricsApp } from './metrics.ts';
import type { AuthEnv } from './auth.ts';

const ARROW = 'application/vnd.apache.arrow.stream';

let metrics: Hono<AuthEnv>;

describe('GET /api/metrics', () => {
  let db: Database;
  beforeAll(async () => {
    delete process.env.CALLBOARD_TZ; // the default zone, America/Chicago
    db = await fixtureDb('service-level.queue_log', 'follow-up.queue_log', 'rep-activity.queue_log');
    setDatabase(db);
    metrics = new Hono<AuthEnv>()
      .use(async (c, next) => {
        c.set('ctx', { db, timeZone: TZ, operatorTimeZone: null });
        await next();
      })
      .route('/', metricsApp);
  });
  afterAll(() => db.close());

  it('answers the same rows as computeMetrics, as {"rows":[...]}', async () => {
    const res = await metrics.request('/?from=2026-03-10&to=2026-03-10&by=day&group=queue&sl_formula=icmi');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(Object.keys(body)).toEqual(['rows']);
    const expected = await computeMetrics(db, { from: '2026-03-10', to: '2026-03-10', by: 'day', group: 'queue', slFormula: 'icmi', timeZone: TZ });
    expect(body.rows).toEqual(expected.rows);
    expect(body.rows[0]).toMatchObject({ period_start: '2026-03-10', queue: 'billing', offered: 8, service_level: 0.5, lost_rate: 3 / 7 });
  });

  it('explains the rows on request', async () => {
    const res = await metrics.request('/?from=2026-03-10&to=2026-03-10&sl_threshold_s=21&explain=true');
    const body = await res.json();
    expect(body.rows[0].answered_within_sl).toBe(4);
    expect(body.settings.overrides.sl_threshold_s).toBe(21);
    expect(body.definitions.map((d: { key: string }) => d.key)).toContain('service_level');
  });

  it('streams the same rows as Arrow IPC with integer columns as Int32', async () => {
    const path = '/?from=2026-03-09&to=2026-03-11&by=day&group=rep';
    const json = (await (await metrics.request(path)).json()).rows;
    const res = await metrics.request(path, { headers: { accept: ARROW } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(ARROW);
    const table = tableFromIPC(new Uint8Array(await res.arrayBuffer()));
    expect(table.toArray().map((r) => r.toJSON())).toEqual(json);
    const types = Object.fromEntries(table.schema.fields.map((f) => [f.name, String(f.type)]));
    expect(types).toMatchObject({ period_start: 'Utf8', rep: 'Utf8', rep_interface: 'Utf8', offered: 'Int32', ring_no_answer: 'Int32', service_level: 'Float64', asa_s: 'Float64' });
    expect(table.schema.fields.map((f) => f.name)).toEqual(Object.keys(json[0]));
  });

  it('refuses bad input with a 400 and one line naming the problem', async () => {
    const cases: Array<[string, RegExp]> = [
      ['/?from=2026-02-30&to=2026-03-01', /from "2026-02-30" is not a date/],
      ['/?to=2026-03-01', /from is required/],
      ['/?from=2026-03-02&to=2026-03-01', /from 2026-03-02 is after to 2026-03-01/],
      ['/?from=2026-03-01&to=2026-03-01&by=year', /by/],
      ['/?from=2026-03-01&to=2026-03-01&interval_minutes=20', /interval_minutes/],
      ['/?from=2026-03-01&to=2026-03-01&sl_threshold_s=-3', /sl_threshold_s/],
      ['/?from=2026-03-01&to=2026-03-01&queue=nope', /Unknown queue "nope"/],
      ['/?from=2026-03-01&to=2026-03-01&colour=red', /colour/]
    ];
    for (const [path, message] of cases) {
      const res = await metrics.request(path);
      expect(res.status, path).toBe(400);
      const body = await res.json();
      expect(Object.keys(body)).toEqual(['error']);
      expect(body.error).toMatch(message);
    }
  });

  it('answers the follow-up, repeat-caller, rep-activity and data-quality routes', async () => {
    const follow = await (await metrics.request('/follow-up?from=2026-03-12&to=2026-03-12')).json();
    expect(follow.summary).toMatchObject({ lost_callers: 5, recovered: 3 }); // no CDR call-backs loaded here: u2 stays lost
    const repeat = await (await metrics.request('/repeat-callers?from=2026-03-12&to=2026-03-12&window_s=3600')).json();
    expect(repeat.total).toEqual({ answered: 3, repeat_calls: 2, repeat_rate: 2 / 3 }); // u1b and u7b called within the hour
    const activity = await (await metrics.request('/rep-activity?from=2026-03-24&to=2026-03-24&interval_minutes=60')).json();
    expect(activity.intervals).toHaveLength(24);
    expect(activity.reps.map((r: { rep_id: string }) => r.rep_id)).toEqual(['pjsip-7001', 'pjsip-7002']);
    const quality = await (await metrics.request('/data-quality?from=2026-03-10&to=2026-03-10')).json();
    expect(quality.summary).toMatchObject({ quarantined_lines: 0, opening_hours_set: false });
    const glossary = await (await metrics.request('/glossary')).json();
    expect(glossary.sections[0].definitions[0].key).toBe('period_start');
  });
});
