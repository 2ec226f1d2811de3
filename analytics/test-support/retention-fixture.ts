/**
 * Test helper (retention tests: app/server/retention.test.ts, app/cli/commands/purge.test.ts): a small center whose every record is counted by hand. Four days,
 * each with three calls to `billing` (a: answered by PJSIP/7001 from 312-555-0101, b: abandoned from
 * 312-555-0102, c: answered by PJSIP/7002 from 312-555-0103, on the first day from 312-555-9999),
 * the two reps logged in and out around them (4 lines a day that purges keep), so 8 call lines and
 * 12 lines a day. All at 15:00-15:10 UTC, 09:00-10:10 in Chicago: local dates are the UTC ones.
 */
import { writeFileSync } from 'node:fs';
import type { Database } from '../../sql/db.ts';

export const FIXTURE_TZ = 'America/Chicago';
export const DAYS = ['2026-01-12', '2026-02-10', '2026-03-10', '2026-06-10'] as const;
/** "Today" in these tests: 2026-06-15 12:00 in Chicago. */
export const TODAY_CLOCK = () => new Date('2026-06-15T17:00:00Z');

const at = (day: string, minute: number) => Math.floor(Date.parse(`${day}T15:00:00Z`) / 1000) + minute * 60;

export function fixtureQueueLog(): string {
  const lines: string[] = [];
  DAYS.forEach((day, d) => {
    const id = (n: number) => `${at(day, n)}.${d}${n}`;
    const c = d === 0 ? '3125559999' : '3125550103';
    lines.push(
      `${at(day, 0)}|NONE|billing|PJSIP/7001|ADDMEMBER|`,
      `${at(day, 0)}|NONE|billing|PJSIP/7002|ADDMEMBER|`,
      `${at(day, 1)}|${id(1)}|billing|NONE|ENTERQUEUE||3125550101|1`,
      `${at(day, 1) + 10}|${id(1)}|billing|PJSIP/7001|CONNECT|10|x|2`,
      `${at(day, 1) + 130}|${id(1)}|billing|PJSIP/7001|COMPLETECALLER|10|120|1`,
      `${at(day, 4)}|${id(4)}|billing|NONE|ENTERQUEUE||3125550102|1`,
      `${at(day, 4) + 40}|${id(4)}|billing|NONE|ABANDON|1|1|40`,
      `${at(day, 6)}|${id(6)}|billing|NONE|ENTERQUEUE||${c}|1`,
      `${at(day, 6) + 30}|${id(6)}|billing|PJSIP/7002|CONNECT|30|x|2`,
      `${at(day, 6) + 200}|${id(6)}|billing|PJSIP/7002|COMPLETECALLER|30|170|1`,
      `${at(day, 10)}|NONE|billing|PJSIP/7001|REMOVEMEMBER|`,
      `${at(day, 10)}|NONE|billing|PJSIP/7002|REMOVEMEMBER|`
    );
  });
  return `${lines.join('\n')}\n`;
}

export function writeFixture(path: string): string {
  writeFileSync(path, fixtureQueueLog());
  return path;
}

/** The call of a day answered by a rep (a: 7001, c: 7002) as notes and evaluations name it. */
export async function callOf(db: Database, day: string, agent: string): Promise<{ file_id: number; line_no: number; enter_ts: string }> {
  const row = await db.one<{ file_id: number; line_no: number; enter_ts: string }>(
    `SELECT file_id, line_no, CAST(enter_ts AS VARCHAR) AS enter_ts FROM calls
     WHERE agent = $agent AND CAST(timezone($tz, enter_ts) AS DATE) = CAST($day AS DATE)`,
    { agent, day, tz: FIXTURE_TZ }
  );
  if (!row) throw new Error(`no call of ${agent} on ${day}`);
  return row;
}

export async function addNote(db: Database, repId: string, createdAt: string, callRef: string | null = null): Promise<void> {
  await db.run(
    `INSERT INTO notes (rep_id, author, text, call_ref, created_at, updated_at)
     VALUES ($rep, 'lead', 'kept or not', $ref, CAST($at AS TIMESTAMPTZ), CAST($at AS TIMESTAMPTZ))`,
    { rep: repId, ref: callRef, at: createdAt }
  );
  await db.run(
    `INSERT INTO note_versions (note_id, version, rep_id, category, text, state, edited_by)
     SELECT id, 1, rep_id, category, text, state, author FROM notes WHERE id = currval('note_ids')`
  );
}

export async function addEvaluation(db: Database, call: { file_id: number; line_no: number; enter_ts: string }, agent: string): Promise<void> {
  await db.run(
    `INSERT INTO quality_evaluations (form_id, form_version, call_file_id, call_line_no, call_enter_ts, rep_id, agent, answers, evaluator)
     VALUES (1, 1, $f, $l, CAST($ts AS TIMESTAMPTZ), rep_id_of($agent), $agent, '{}', 'lead')`,
    { f: call.file_id, l: call.line_no, ts: call.enter_ts, agent }
  );
}

export async function addAudit(db: Database, changedAt: string): Promise<void> {
  await db.run(
    `INSERT INTO audit_log (changed_at, username, action, entity) VALUES (CAST($at AS TIMESTAMPTZ), 'someone', 'update', 'setting')`,
    { at: changedAt }
  );
}

/** Marks report periods as built (the retention rule leaves only periods not built open). */
export async function markBuilt(db: Database, periods: Array<[string, string, string, string]>): Promise<void> {
  for (const [kind, period, from, to] of periods) {
    await db.run(
      `INSERT INTO reports (kind, period, period_from, period_to, version, built_at, built_by, time_zone, document)
       VALUES ($kind, $period, CAST($from AS DATE), CAST($to AS DATE), 1, now(), 'test', $tz, '{}')`,
      { kind, period, from, to, tz: FIXTURE_TZ }
    );
  }
}
