/**
 * Quality forms and evaluations (migration 005). A form is saved as immutable versions: editing it
 * adds a version, and an evaluation keeps the version it was made with, so a changed form never
 * rescores old evaluations. Nothing is deleted: a form is archived, an evaluation gets deleted_at.
 * Every change is audit-logged in its own transaction, and an edit made from an older version than
 * the stored one is refused (409), as with notes. The score comes from analytics/quality/evaluation-score.ts.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Database } from '../../sql/db.ts';
import { ConflictError, InputError, NotFoundError, errorMessage } from '../../sql/errors.ts';
import { checkQualitySettings, readQualitySettings, type QualityLimits, type QualitySettings, type QualityWeights } from '../../analytics/quality/quality-score.ts';
import { FormProblem, normaliseForm, type DraftForm, type FormDefinition } from '../../analytics/quality/evaluation-form.ts';
import { checkAnswers, scoreEvaluation, type Answers, type SectionScore } from '../../analytics/quality/evaluation-score.ts';
import { cleanText, recordRedactions } from './privacy/card-redactions.ts';
import { audit, type Actor } from './audit.ts';
import { getCall, parseCallId } from './calls.ts';

export interface QualityForm extends FormDefinition {
  id: number;
  name: string;
  version: number;
  /** The version current now (differs from `version` when an older one was asked for). */
  current_version: number;
  created_at: string;
  updated_at: string;
  archived_at: string | null;
  evaluations: number;
}

export interface FormVersionInfo {
  version: number;
  name: string;
  created_by: string;
  created_at: string;
}

export interface Evaluation {
  id: number;
  form_id: number;
  form_name: string;
  form_version: number;
  call_id: string;
  call_entered: string;
  queue: string | null;
  caller: string | null;
  talk_s: number | null;
  rep_id: string;
  rep: string;
  agent: string;
  answers: Answers;
  comment: string | null;
  score: number | null;
  critical_failed: boolean;
  evaluator: string;
  version: number;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface EvaluationDetail extends Evaluation {
  form: QualityForm;
  sections: SectionScore[];
  failed_critical: string[];
}

export interface NewForm extends DraftForm {
  name: string;
}

const iso = (column: string, as = column) => `strftime(${column}, '%Y-%m-%dT%H:%M:%S.%gZ') AS ${as}`;

function checked<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof FormProblem) throw new InputError(e.message);
    throw e;
  }
}

/** DuckDB refuses a transaction that wrote a row another one changed since it began. */
async function inTransaction<T>(db: Database, what: string, fn: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
  try {
    return await db.transaction(fn);
  } catch (e) {
    if (/conflict/i.test(errorMessage(e)) && !(e instanceof ConflictError)) {
      throw new ConflictError(`Someone else changed this ${what} at the same moment; reload it and try again.`);
    }
    throw e;
  }
}

function checkName(name: string): string {
  const n = (name ?? '').trim();
  if (!n) throw new InputError('name: give the form a name');
  if (n.length > 200) throw new InputError('name: at most 200 characters');
  return n;
}

// ---- forms

interface FormRow {
  id: number;
  name: string;
  version: number;
  current_version: number;
  definition: string;
  created_at: string;
  updated_at: string;
  archived_at: string | null;
  evaluations: number;
}

const FORM_SELECT = `
  SELECT f.id, v.name, v.version, f.version AS current_version, CAST(v.definition AS VARCHAR) AS definition,
         ${iso('f.created_at', 'created_at')}, ${iso('f.updated_at', 'updated_at')}, ${iso('f.archived_at', 'archived_at')},
         CAST((SELECT count(*) FROM quality_evaluations e WHERE e.form_id = f.id AND e.deleted_at IS NULL) AS INTEGER) AS evaluations
  FROM quality_forms f
  JOIN quality_form_versions v ON v.form_id = f.id`;

const toForm = (r: FormRow): QualityForm => {
  const { definition, ...rest } = r;
  const def = JSON.parse(definition) as FormDefinition;
  return { ...rest, description: def.description, sections: def.sections };
};

export async function listForms(db: Database, opts: { includeArchived?: boolean } = {}): Promise<QualityForm[]> {
  const rows = await db.all<FormRow>(
    `${FORM_SELECT} WHERE v.version = f.version AND ($all OR f.archived_at IS NULL) ORDER BY f.archived_at NULLS FIRST, v.name, f.id`,
    { all: opts.includeArchived ?? false }
  );
  return rows.map(toForm);
}

/** A form as it stands now, or as it was at `version`. */
export async function getForm(db: Database, id: number, version?: number, conn?: DuckDBConnection): Promise<QualityForm> {
  const [row] = await db.all<FormRow>(
    `${FORM_SELECT} WHERE f.id = $id AND v.version = COALESCE(CAST($version AS INTEGER), f.version)`,
    { id, version: version ?? null },
    conn
  );
  if (!row) throw new NotFoundError(version ? `No version ${version} of quality form ${id}` : `No quality form ${id}`);
  return toForm(row);
}

export async function formVersions(db: Database, id: number): Promise<FormVersionInfo[]> {
  await getForm(db, id);
  return db.all<FormVersionInfo>(
    `SELECT version, name, created_by, ${iso('created_at')} FROM quality_form_versions WHERE form_id = $id ORDER BY version`,
    { id }
  );
}

async function saveVersion(db: Database, conn: DuckDBConnection, actor: Actor, id: number, version: number, name: string, def: FormDefinition) {
  await db.run(
    `INSERT INTO quality_form_versions (form_id, version, name, definition, created_by_id, created_by)
     VALUES ($id, $version, $name, $definition::JSON, $by_id, $by)`,
    { id, version, name, definition: JSON.stringify(def), by_id: actor.id, by: actor.username },
    conn
  );
}

export async function createForm(db: Database, actor: Actor, input: NewForm): Promise<QualityForm> {
  const name = checkName(input.name);
  const def = checked(() => normaliseForm(input));
  return inTransaction(db, 'form', async (conn) => {
    const [{ id }] = await db.all<{ id: number }>(`INSERT INTO quality_forms (name) VALUES ($name) RETURNING id`, { name }, conn);
    await saveVersion(db, conn, actor, id, 1, name, def);
    const form = await getForm(db, id, undefined, conn);
    await audit(db, conn, { user: actor, action: 'create', entity: 'quality_form', entityId: id, after: form });
    return form;
  });
}

/** Saves an edit as the form's next version (nothing when nothing changed). */
export async function updateForm(db: Database, actor: Actor, id: number, input: NewForm, fromVersion?: number): Promise<QualityForm> {
  const name = checkName(input.name);
  const def = checked(() => normaliseForm(input));
  return inTransaction(db, 'form', async (conn) => {
    const before = await getForm(db, id, undefined, conn);
    if (before.archived_at) throw new ConflictError(`Quality form ${id} is archived; it can be read, not changed.`);
    if (fromVersion !== undefined && fromVersion !== before.version) {
      throw new ConflictError(`Quality form ${id} was changed since version ${fromVersion} (now ${before.version}); reload it.`);
    }
    const same = name === before.name && JSON.stringify(def) === JSON.stringify({ description: before.description, sections: before.sections });
    if (same) return before;
    const version = before.version + 1;
    await saveVersion(db, conn, actor, id, version, name, def);
    await db.run(`UPDATE quality_forms SET name = $name, version = $version, updated_at = now() WHERE id = $id`, { id, name, version }, conn);
    const after = await getForm(db, id, undefined, conn);
    await audit(db, conn, { user: actor, action: 'update', entity: 'quality_form', entityId: id, before, after });
    return after;
  });
}

/** No new evaluations with it; its evaluations and versions stay. */
export async function archiveForm(db: Database, actor: Actor, id: number): Promise<QualityForm> {
  return inTransaction(db, 'form', async (conn) => {
    const before = await getForm(db, id, undefined, conn);
    if (before.archived_at) return before;
    await db.run(`UPDATE quality_forms SET archived_at = now(), updated_at = now() WHERE id = $id`, { id }, conn);
    const after = await getForm(db, id, undefined, conn);
    await audit(db, conn, { user: actor, action: 'archive', entity: 'quality_form', entityId: id, before, after });
    return after;
  });
}

// ---- evaluations

export interface EvaluationQuery {
  rep?: string | null;
  formId?: number | null;
  callId?: string | null;
  from?: string | null;
  to?: string | null;
  includeDeleted?: boolean;
  limit?: number;
}

type EvaluationRow = Omit<Evaluation, 'answers'> & { answers: string };

async function evaluationRows(db: Database, timeZone: string, q: EvaluationQuery & { id?: number }, conn?: DuckDBConnection): Promise<Evaluation[]> {
  const call = q.callId ? parseCallId(q.callId) : null;
  const rows = await db.query<EvaluationRow>(
    'quality-evaluations',
    {
      id: q.id ?? null,
      rep: q.rep ?? null,
      form_id: q.formId ?? null,
      call_file_id: call?.fileId ?? null,
      call_line_no: call?.lineNo ?? null,
      from: q.from ?? null,
      to: q.to ?? null,
      include_deleted: q.includeDeleted ?? false,
      limit: q.limit ?? 500,
      tz: timeZone
    },
    conn
  );
  return rows.map((r) => ({ ...r, answers: JSON.parse(r.answers) as Answers }));
}

export const listEvaluations = (db: Database, timeZone: string, q: EvaluationQuery = {}) => evaluationRows(db, timeZone, q);

export async function getEvaluation(db: Database, timeZone: string, id: number, conn?: DuckDBConnection): Promise<EvaluationDetail> {
  const [e] = await evaluationRows(db, timeZone, { id, includeDeleted: true, limit: 1 }, conn);
  if (!e) throw new NotFoundError(`No evaluation ${id}`);
  const form = await getForm(db, e.form_id, e.form_version, conn);
  const s = scoreEvaluation(form, e.answers);
  return { ...e, form, sections: s.sections, failed_critical: s.failed_critical };
}

export interface NewEvaluation {
  form_id: number;
  call_id: string;
  answers: Record<string, unknown>;
  comment?: string | null;
}

const cleanComment = (c: string | null | undefined) => {
  const t = c?.trim() ?? '';
  return t === '' ? null : t;
};

export async function createEvaluation(db: Database, actor: Actor, timeZone: string, input: NewEvaluation): Promise<EvaluationDetail> {
  const call = await getCall(db, timeZone, input.call_id);
  if (call.outcome !== 'answered' || !call.agent || !call.rep_id) {
    throw new InputError(`call ${input.call_id} was not answered by a rep; only answered calls can be evaluated`);
  }
  return inTransaction(db, 'evaluation', async (conn) => {
    const form = await getForm(db, input.form_id, undefined, conn);
    if (form.archived_at) throw new ConflictError(`Quality form ${form.id} is archived; evaluate with a current form.`);
    const answers = checked(() => checkAnswers(form, input.answers));
    const s = scoreEvaluation(form, answers);
    const comment = cleanText(cleanComment(input.comment)); // card numbers never kept
    const [{ id }] = await db.all<{ id: number }>(
      `INSERT INTO quality_evaluations (form_id, form_version, call_file_id, call_line_no, call_enter_ts, rep_id, agent,
                                        answers, comment, score, critical_failed, evaluator_id, evaluator)
       VALUES ($form_id, $form_version, $file_id, $line_no, $enter_ts::TIMESTAMPTZ, $rep_id, $agent,
               $answers::JSON, $comment, $score, $critical_failed, $by_id, $by)
       RETURNING id`,
      {
        form_id: form.id,
        form_version: form.version,
        file_id: call.file_id,
        line_no: call.line_no,
        enter_ts: call.enter_ts,
        rep_id: call.rep_id!,
        agent: call.agent!,
        answers: JSON.stringify(answers),
        comment: comment.text,
        score: s.score,
        critical_failed: s.critical_failed,
        by_id: actor.id,
        by: actor.username
      },
      conn
    );
    await recordRedactions(db, conn, actor, { entity: 'evaluation', entityId: id, field: 'comment' }, comment.redacted);
    const after = await getEvaluation(db, timeZone, id, conn);
    await audit(db, conn, { user: actor, action: 'create', entity: 'evaluation', entityId: id, after: auditable(after) });
    return after;
  });
}

/** The evaluation as the audit log keeps it (without the form, which its versions keep). */
const auditable = (e: EvaluationDetail) => {
  const { form: _f, sections: _s, ...rest } = e;
  return rest;
};

export interface EvaluationEdit {
  answers?: Record<string, unknown>;
  comment?: string | null;
}

/** Changes answers or the comment; rescored against the form version it was made with. */
export async function editEvaluation(
  db: Database,
  actor: Actor,
  timeZone: string,
  id: number,
  edit: EvaluationEdit,
  fromVersion?: number
): Promise<EvaluationDetail> {
  return inTransaction(db, 'evaluation', async (conn) => {
    const before = await getEvaluation(db, timeZone, id, conn);
    if (before.deleted_at) throw new ConflictError(`Evaluation ${id} was deleted; it can be read, not changed.`);
    if (fromVersion !== undefined && fromVersion !== before.version) {
      throw new ConflictError(`Evaluation ${id} was changed since version ${fromVersion} (now ${before.version}); reload it.`);
    }
    const answers = edit.answers === undefined ? before.answers : checked(() => checkAnswers(before.form, edit.answers!));
    const cleaned = edit.comment === undefined ? { text: before.comment, redacted: 0 } : cleanText(cleanComment(edit.comment)); // card numbers never kept
    const comment = cleaned.text;
    if (JSON.stringify(answers) === JSON.stringify(before.answers) && comment === before.comment) return before;
    const s = scoreEvaluation(before.form, answers);
    await db.run(
      `UPDATE quality_evaluations SET answers = $answers::JSON, comment = $comment, score = $score,
              critical_failed = $critical_failed, version = version + 1, updated_at = now()
       WHERE id = $id`,
      { id, answers: JSON.stringify(answers), comment, score: s.score, critical_failed: s.critical_failed },
      conn
    );
    await recordRedactions(db, conn, actor, { entity: 'evaluation', entityId: id, field: 'comment' }, cleaned.redacted);
    const after = await getEvaluation(db, timeZone, id, conn);
    await audit(db, conn, { user: actor, action: 'update', entity: 'evaluation', entityId: id, before: auditable(before), after: auditable(after) });
    return after;
  });
}

/** Leaves the lists and the quality score; stays in the database with its audit trail. */
export async function deleteEvaluation(db: Database, actor: Actor, timeZone: string, id: number): Promise<EvaluationDetail> {
  return inTransaction(db, 'evaluation', async (conn) => {
    const before = await getEvaluation(db, timeZone, id, conn);
    if (before.deleted_at) return before;
    await db.run(`UPDATE quality_evaluations SET deleted_at = now(), version = version + 1, updated_at = now() WHERE id = $id`, { id }, conn);
    const after = await getEvaluation(db, timeZone, id, conn);
    await audit(db, conn, { user: actor, action: 'delete', entity: 'evaluation', entityId: id, before: auditable(before), after: auditable(after) });
    return after;
  });
}

// ---- the quality score's settings

export async function writeQualitySettings(
  db: Database,
  actor: Actor,
  input: { weights?: Partial<QualityWeights>; limits?: Partial<QualityLimits> }
): Promise<QualitySettings> {
  const before = await readQualitySettings(db);
  const after = checkQualitySettings(input, before);
  await db.transaction(async (conn) => {
    for (const [key, value] of [['quality_weights', after.weights], ['quality_limits', after.limits]] as const) {
      await db.run(`INSERT OR REPLACE INTO settings (key, value) VALUES ($key, $value::JSON)`, { key, value: JSON.stringify(value) }, conn);
    }
    await audit(db, conn, { user: actor, action: 'update', entity: 'setting', entityId: 'quality_score', before, after });
  });
  return after;
}
