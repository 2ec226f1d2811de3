/** Records retention on the Settings page: the page's wording of the answers of /api/retention. */
import type { LegalHold, PurgeResult, RetentionKindState, RetentionState } from '../../server/retention.ts';

// The page reads the server's own shapes (app/server/retention.ts), as JSON.
export type { LegalHold, RetentionKindState };
export type RetentionAnswer = RetentionState;
export type PurgeAnswer = PurgeResult;

/** What a hold keeps, in a sentence. */
export function holdText(h: LegalHold): string {
  if (h.scope === 'dates') return h.from_date === h.to_date ? `Everything on ${h.from_date}` : `Everything from ${h.from_date} to ${h.to_date}`;
  if (h.scope === 'rep') return `Everything about rep ${h.rep_id}`;
  return `The calls of caller ${h.caller}`;
}

/** A purge's counts as lines for the page ("Call records before 2026-02-15: 2"). */
export function purgeLines(p: PurgeAnswer, labels: Map<string, string>): string[] {
  return Object.entries(p.before)
    .filter(([, d]) => d !== null)
    .map(([k, d]) => `${labels.get(k) ?? k}${k === 'raw_events' && d === p.before.calls ? ' (with the calls)' : ''} before ${d}: ${p.removed[k as keyof PurgeAnswer['removed']] ?? 0}`);
}
