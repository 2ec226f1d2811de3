/** The pages' calls to /api/quality (forms, evaluations). Types come from the server modules. */
import { getJson, sendJson } from '../api-client.ts';
import type { Evaluation, EvaluationDetail, QualityForm } from '../../server/quality.ts';
import type { DraftForm } from '../../../analytics/quality/evaluation-form.ts';
import type { Answers } from '../../../analytics/quality/evaluation-score.ts';

export type { Evaluation, EvaluationDetail, QualityForm };

export const evaluationDetail = (repId: string, id: number) =>
  getJson<{ evaluation: EvaluationDetail }>(`/quality/reps/${encodeURIComponent(repId)}/evaluations/${id}`);

export const saveForm = (form: DraftForm & { name: string }, id?: number, version?: number) =>
  id === undefined
    ? sendJson<{ form: QualityForm }>('POST', '/quality/forms', form)
    : sendJson<{ form: QualityForm }>('PUT', `/quality/forms/${id}`, { ...form, version });

export const archiveForm = (id: number) => sendJson<{ form: QualityForm }>('DELETE', `/quality/forms/${id}`);

export const createEvaluation = (input: { form_id: number; call_id: string; answers: Answers; comment: string | null }) =>
  sendJson<{ evaluation: EvaluationDetail }>('POST', '/quality/evaluations', input);

export const editEvaluation = (id: number, edit: { answers?: Answers; comment?: string | null }, version: number) =>
  sendJson<{ evaluation: EvaluationDetail }>('PATCH', `/quality/evaluations/${id}`, { ...edit, version });

export const deleteEvaluation = (id: number) => sendJson<{ evaluation: EvaluationDetail }>('DELETE', `/quality/evaluations/${id}`);
