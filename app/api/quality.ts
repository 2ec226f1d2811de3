/**
 * /api/quality: quality forms (versioned; archived, never deleted), evaluations of calls (scored
 * 0-100, edits audited, deleting only hides), the per-rep quality score with its breakdown and its
 * weights (a setting admins change), and the rep page's answer (a rep may read their own).
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { NotFoundError } from '../../sql/errors.ts';
import { QUALITY_BY, qualityScores, readQualitySettings } from '../../analytics/quality/quality-score.ts';
import { ANSWERS, MAX_ITEMS, MAX_WEIGHT } from '../../analytics/quality/evaluation-form.ts';
import { addDays, todayIn } from '../lib/reps/period.ts';
import {
  archiveForm,
  createEvaluation,
  createForm,
  deleteEvaluation,
  editEvaluation,
  formVersions,
  getEvaluation,
  getForm,
  listEvaluations,
  listForms,
  updateForm,
  writeQualitySettings
} from '../server/quality.ts';
import { MAX_WEEKS, repReview } from '../server/rep-review.ts';
import { currentUser, type AuthEnv } from './auth.ts';
import { callId } from './calls.ts';
import { flag, idParam, isoDate, jsonBody, noQuery, params, query, repId } from './validate.ts';

const itemId = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, 'not an item id');
const FormBody = z.strictObject({
  name: z.string().max(200),
  description: z.string().max(5000).nullable().optional(),
  sections: z
    .array(
      z.strictObject({
        id: itemId.nullable().optional(),
        title: z.string().max(200),
        items: z
          .array(
            z.strictObject({
              id: itemId.nullable().optional(),
              text: z.string().max(1000),
              weight: z.number().positive().max(MAX_WEIGHT),
              critical: z.boolean().optional()
            })
          )
          .max(MAX_ITEMS)
      })
    )
    .max(50),
  /** The version the edit was made from (PUT): refused (409) if the form changed since. */
  version: z.number().int().positive().optional()
});

const answers = z.record(itemId, z.enum(ANSWERS));
const comment = z.string().max(10_000).nullable();
const NewEvaluation = z.strictObject({
  form_id: z.number().int().positive().max(2_147_483_647),
  call_id: callId,
  answers,
  comment: comment.optional()
});
const EvaluationEdit = z
  .strictObject({ answers: answers.optional(), comment: comment.optional(), version: z.number().int().positive().optional() })
  .refine((e) => e.answers !== undefined || e.comment !== undefined, 'nothing to change');

const rate = z.number().positive().max(1);
const SettingsBody = z
  .strictObject({
    weights: z
      .strictObject({
        evaluations: z.number().min(0).max(1000),
        ring_no_answer: z.number().min(0).max(1000),
        transfers: z.number().min(0).max(1000),
        handle_time: z.number().min(0).max(1000)
      })
      .partial()
      .optional(),
    limits: z
      .strictObject({ ring_no_answer_rate: rate, transfer_rate: rate, handle_time_over: z.number().positive().max(10) })
      .partial()
      .optional()
  })
  .refine((s) => s.weights !== undefined || s.limits !== undefined, 'nothing to change');

const FormPath = z.strictObject({ formId: idParam });
const EvaluationPath = z.strictObject({ evaluationId: idParam });
const RepPath = z.strictObject({ id: repId });
const RepEvaluationPath = z.strictObject({ id: repId, evaluationId: idParam });

const FormsQuery = z.strictObject({ include_archived: flag.optional() });
const FormQuery = z.strictObject({ version: z.string().regex(/^[1-9]\d{0,5}$/, 'a version number').transform(Number).optional() });
const EvaluationsQuery = z.strictObject({
  rep: repId.optional(),
  form_id: idParam.optional(),
  call_id: callId.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  include_deleted: flag.optional(),
  limit: z.string().regex(/^\d{1,4}$/, 'a whole number').transform(Number).refine((n) => n >= 1 && n <= 1000, '1 to 1000').optional()
});
// Dates stay text here: analytics/metric-query.ts names the problem.
const ScoresQuery = z.strictObject({ from: z.string().max(40), to: z.string().max(40), by: z.enum(QUALITY_BY).optional(), rep: repId.optional() });
const RepQuery = z.strictObject({
  from: isoDate.optional(),
  to: isoDate.optional(),
  weeks: z.string().regex(/^\d{1,2}$/, 'a number of weeks').transform(Number).refine((n) => n >= 1 && n <= MAX_WEEKS, `1 to ${MAX_WEEKS}`).optional()
});


export const quality = new Hono<AuthEnv>()
  // ---- forms
  .get('/forms', async (c) => {
    const q = query(c, FormsQuery);
    return c.json({ forms: await listForms(c.var.ctx.db, { includeArchived: q.include_archived }) });
  })
  .post('/forms', async (c) => {
    noQuery(c);
    const { version: _, ...input } = await jsonBody(c, FormBody);
    return c.json({ form: await createForm(c.var.ctx.db, currentUser(c), input) }, 201);
  })
  .get('/forms/:formId', async (c) => {
    const { formId } = params(c, FormPath);
    const q = query(c, FormQuery);
    return c.json({ form: await getForm(c.var.ctx.db, formId, q.version) });
  })
  .get('/forms/:formId/versions', async (c) => {
    const { formId } = params(c, FormPath);
    noQuery(c);
    return c.json({ versions: await formVersions(c.var.ctx.db, formId) });
  })
  .put('/forms/:formId', async (c) => {
    const { formId } = params(c, FormPath);
    noQuery(c);
    const { version, ...input } = await jsonBody(c, FormBody);
    return c.json({ form: await updateForm(c.var.ctx.db, currentUser(c), formId, input, version) });
  })
  .delete('/forms/:formId', async (c) => {
    const { formId } = params(c, FormPath);
    noQuery(c);
    return c.json({ form: await archiveForm(c.var.ctx.db, currentUser(c), formId) });
  })
  // ---- evaluations
  .get('/evaluations', async (c) => {
    const q = query(c, EvaluationsQuery);
    const { db, timeZone } = c.var.ctx;
    const evaluations = await listEvaluations(db, timeZone, {
      rep: q.rep,
      formId: q.form_id,
      callId: q.call_id,
      from: q.from,
      to: q.to,
      includeDeleted: q.include_deleted,
      limit: q.limit
    });
    return c.json({ evaluations });
  })
  .post('/evaluations', async (c) => {
    noQuery(c);
    const input = await jsonBody(c, NewEvaluation);
    const { db, timeZone } = c.var.ctx;
    return c.json({ evaluation: await createEvaluation(db, currentUser(c), timeZone, input) }, 201);
  })
  .patch('/evaluations/:evaluationId', async (c) => {
    const { evaluationId } = params(c, EvaluationPath);
    noQuery(c);
    const { version, ...edit } = await jsonBody(c, EvaluationEdit);
    const { db, timeZone } = c.var.ctx;
    return c.json({ evaluation: await editEvaluation(db, currentUser(c), timeZone, evaluationId, edit, version) });
  })
  .delete('/evaluations/:evaluationId', async (c) => {
    const { evaluationId } = params(c, EvaluationPath);
    noQuery(c);
    const { db, timeZone } = c.var.ctx;
    return c.json({ evaluation: await deleteEvaluation(db, currentUser(c), timeZone, evaluationId) });
  })
  // ---- the per-rep score and its settings
  .get('/scores', async (c) => {
    const q = query(c, ScoresQuery);
    const { db, timeZone } = c.var.ctx;
    return c.json(await qualityScores(db, { from: q.from, to: q.to, by: q.by, rep: q.rep, timeZone }));
  })
  .get('/settings', async (c) => {
    noQuery(c);
    return c.json({ settings: await readQualitySettings(c.var.ctx.db) });
  })
  .put('/settings', async (c) => {
    noQuery(c);
    const input = await jsonBody(c, SettingsBody);
    return c.json({ settings: await writeQualitySettings(c.var.ctx.db, currentUser(c), input) });
  })
  // ---- one rep (a rep: their own only)
  .get('/reps/:id', async (c) => {
    const { id } = params(c, RepPath);
    const q = query(c, RepQuery);
    const { db, timeZone } = c.var.ctx;
    const to = q.to ?? todayIn(timeZone);
    const from = q.from ?? addDays(to, -6);
    return c.json(await repReview(db, timeZone, id, { from, to, weeks: q.weeks }));
  })
  .get('/reps/:id/evaluations/:evaluationId', async (c) => {
    const { id, evaluationId } = params(c, RepEvaluationPath);
    noQuery(c);
    const { db, timeZone } = c.var.ctx;
    const evaluation = await getEvaluation(db, timeZone, evaluationId);
    // A deleted evaluation stays readable for the people who write them, not for the rep.
    if (evaluation.rep_id !== id || (evaluation.deleted_at && currentUser(c).role === 'rep')) {
      throw new NotFoundError(`No evaluation ${evaluationId} for rep "${id}"`);
    }
    return c.json({ evaluation });
  });
