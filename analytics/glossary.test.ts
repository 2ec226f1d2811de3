// The glossary and the figures cannot drift apart: every key an answer carries has exactly one entry,
// every entry is a key some answer carries, and docs/definitions.md's copy is the one glossary.ts renders.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../sql/db.ts';
import { dataQuality } from './metrics/data-quality.ts';
import { fixtureDb, TZ } from './test-support/fixture-db.ts';
import { lostCallFollowUp } from './callers/follow-up.ts';
import {
  CALL_METRIC_DEFINITIONS,
  FOLLOW_UP_DEFINITIONS,
  GLOSSARY,
  GLOSSARY_END,
  GLOSSARY_START,
  REPEAT_CALLER_DEFINITIONS,
  REP_ACTIVITY_DEFINITIONS,
  REPS_ON_PHONES_DEFINITIONS,
  renderGlossaryMarkdown,
  withGlossary
} from './glossary.ts';
import { computeMetrics } from './metrics/metrics.ts';
import { repActivity } from './reps/rep-activity.ts';
import { repeatCallers } from './callers/repeat-callers.ts';

const keysOf = (defs: readonly { key: string }[]) => defs.map((d) => d.key);

describe('glossary', () => {
  let db: Database;
  beforeAll(async () => {
    db = await fixtureDb('service-level.queue_log', 'rep-activity.queue_log');
  });
  afterAll(() => db.close());

  it('has one entry per key of the call metric rows, in output order, whatever the grouping', async () => {
    const seen = new Set<string>();
    for (const group of ['none', 'queue', 'rep', 'reason', 'reason_group']) {
      const r = await computeMetrics(db, { from: '2026-03-10', to: '2026-03-10', by: 'day', group, timeZone: TZ });
      expect(r.rows.length).toBeGreaterThan(0);
      for (const row of r.rows) expect(Object.keys(row)).toEqual(keysOf(r.definitions));
      Object.keys(r.rows[0]).forEach((k) => seen.add(k));
    }
    expect([...seen].sort()).toEqual(keysOf(CALL_METRIC_DEFINITIONS).sort());
  });

  it('covers the follow-up, repeat-caller and rep figures exactly', async () => {
    const range = { from: '2026-03-10', to: '2026-03-24', timeZone: TZ };
    expect(Object.keys((await lostCallFollowUp(db, range)).summary)).toEqual(keysOf(FOLLOW_UP_DEFINITIONS));
    expect(Object.keys((await repeatCallers(db, range)).total)).toEqual(keysOf(REPEAT_CALLER_DEFINITIONS));
    const activity = await repActivity(db, range);
    expect(Object.keys(activity.reps[0])).toEqual(keysOf(REP_ACTIVITY_DEFINITIONS));
    expect(Object.keys(activity.intervals[0])).toEqual(keysOf(REPS_ON_PHONES_DEFINITIONS));
    await expect(dataQuality(db, range)).resolves.toBeTruthy();
  });

  it('gives every entry a definition, a formula and known units, and no key twice in a section', () => {
    for (const section of GLOSSARY) {
      const keys = keysOf(section.definitions);
      expect(new Set(keys).size).toBe(keys.length);
      for (const d of section.definitions) {
        expect(d.definition.length).toBeGreaterThan(10);
        expect(d.formula.length).toBeGreaterThan(0);
        expect(['text', 'count', 'rate', 'seconds']).toContain(d.unit);
      }
    }
  });

  it('is what docs/definitions.md shows (regenerate: npx tsx analytics/write-glossary.ts)', () => {
    const readme = readFileSync(new URL('../docs/definitions.md', import.meta.url), 'utf8');
    expect(readme).toContain(GLOSSARY_START);
    expect(readme).toContain(GLOSSARY_END);
    expect(withGlossary(readme)).toBe(readme);
    expect(readme).toContain('| `service_level` | **Service level** (rate).');
  });

  it('renders a markdown table per section, escaping pipes', () => {
    const md = renderGlossaryMarkdown([
      { title: 'T', definitions: [{ key: 'k', label: 'K', unit: 'count', definition: 'a | b', formula: 'x', settings: ['sl_formula'] }] }
    ]);
    expect(md).toBe('### T\n\n| key | meaning | formula | settings |\n|---|---|---|---|\n| `k` | **K** (count). a \\| b | x | `sl_formula` |\n');
  });
});
