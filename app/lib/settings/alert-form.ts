/**
 * The alert rules form's rows and what they become (pure): each row's threshold is typed as the
 * admin reads it (seconds, callers, a percentage; blank service level: the queue's staffing target)
 * and checked with the same rule as the API, so mistakes are named before anything is sent.
 */
import { ALERT_KINDS, duplicateRule, ruleProblem, type AlertKind, type AlertRule } from '../../../analytics/live/alert-rules.ts';
import { ruleWords } from '../../../analytics/live/alert-words.ts';

export { ALERT_KINDS, type AlertKind, type AlertRule };

export interface RuleRow {
  queue: string;
  kind: AlertKind;
  /** As typed: seconds, callers, or a percentage (service level; blank = the staffing target). */
  value: string;
}

export const KIND_LABEL: Record<AlertKind, string> = {
  longest_wait: 'Longest wait over',
  waiting: 'Callers waiting over',
  nobody_available: 'Nobody available with callers waiting, for over',
  service_level: 'Service level today under'
};

export const UNIT: Record<AlertKind, string> = { longest_wait: 'seconds', waiting: 'callers', nobody_available: 'seconds', service_level: '%' };

export function toRow(r: AlertRule): RuleRow {
  const value = r.threshold === null ? '' : r.kind === 'service_level' ? String(Math.round(r.threshold * 1000) / 10) : String(r.threshold);
  return { queue: r.queue, kind: r.kind, value };
}

export function toRule(row: RuleRow): AlertRule {
  const text = row.value.trim();
  if (text === '') return { queue: row.queue, kind: row.kind, threshold: null };
  const n = Number(text);
  return { queue: row.queue, kind: row.kind, threshold: row.kind === 'service_level' ? Math.round(n * 10) / 1000 : n };
}

/** What a row says in words ("longest wait over 2 min"), or null while its threshold is not valid. */
export function rowWords(row: RuleRow): string | null {
  const rule = toRule(row);
  if (ruleProblem(rule) !== null) return null;
  if (rule.threshold === null) return "service level today under the queue's staffing target";
  return ruleWords(rule.kind, rule.threshold);
}

/** Every mistake in the rows, one line each, in the words the admin typed them (percentages as %). */
export function rowProblems(rows: readonly RuleRow[]): Array<{ index: number; message: string }> {
  const out: Array<{ index: number; message: string }> = [];
  rows.forEach((row, index) => {
    const rule = toRule(row);
    if (row.value.trim() !== '' && !Number.isFinite(Number(row.value))) {
      out.push({ index, message: `Rule ${index + 1}: "${row.value}" is not a number` });
      return;
    }
    const problem = ruleProblem(rule);
    if (problem) out.push({ index, message: `Rule ${index + 1}: ${row.kind === 'service_level' ? problem.replace(/\(got [^)]*\)/, `(got ${row.value} %)`) : problem}` });
  });
  const rules = rows.map(toRule);
  const twice = duplicateRule(rules);
  if (twice) {
    const index = rules.lastIndexOf(twice);
    out.push({ index, message: `Rule ${index + 1}: ${twice.queue === '*' ? 'every queue' : twice.queue} already has a "${KIND_LABEL[twice.kind].toLowerCase()}" rule; keep one` });
  }
  return out;
}
