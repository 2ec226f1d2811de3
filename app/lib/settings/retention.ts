/** Records retention on the Settings page: the answers of /api/retention, and the page's wording of them. */
export interface RetentionKindState {
  kind: string;
  label: string;
  hint: string;
  retention: { amount: number; unit: 'days' | 'months' } | null;
  described: string;
  updated_at: string | null;
  updated_by: string | null;
  purged_before: string | null;
}

export interface LegalHold {
  id: number;
  scope: 'dates' | 'rep' | 'caller';
  from_date: string | null;
  to_date: string | null;
  rep_id: string | null;
  caller: string | null;
  reason: string;
  created_by: string;
  created_at: string;
}

export interface RetentionAnswer {
  today: string;
  kinds: RetentionKindState[];
  holds: LegalHold[];
  open_reports_from: string | null;
}

export interface PurgeAnswer {
  dry_run: boolean;
  today: string;
  before: Record<string, string | null>;
  removed: Record<string, number>;
  held_calls: number;
}

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
    .map(([k, d]) => `${labels.get(k) ?? k}${k === 'raw_events' && d === p.before.calls ? ' (with the calls)' : ''} before ${d}: ${p.removed[k] ?? 0}`);
}
