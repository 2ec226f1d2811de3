/** Words for call fields on the pages. */
import type { CallOutcome } from '../../server/calls.ts';

export const OUTCOME_LABELS: Record<CallOutcome, string> = {
  answered: 'Answered',
  abandoned: 'Abandoned',
  timed_out: 'Timed out',
  blocked: 'Turned away',
  lost: 'Lost (abandoned, timed out or turned away)',
  short_abandoned: 'Short abandon',
  transferred: 'Transferred',
  open: 'Still open'
};

/** What happened to a call, in a word or two. */
export function outcomeText(c: { outcome: string | null; lost: boolean; transferred: boolean; direction: string }): string {
  if (c.outcome === null) return 'Open';
  if (c.outcome === 'answered') return c.transferred ? 'Answered, transferred' : c.direction === 'outbound' ? 'Picked up' : 'Answered';
  if (c.outcome === 'abandoned') return c.lost ? 'Abandoned' : 'Short abandon';
  if (c.outcome === 'blocked') return 'Turned away';
  return c.direction === 'outbound' ? 'Not picked up' : 'Timed out';
}

/** A local date-time input value from a search bound (`to` as a plain date means up to the next midnight). */
export function inputValue(name: 'from' | 'to', value: string | null): string {
  if (!value) return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    if (name === 'from') return `${value}T00:00`;
    const next = new Date(Date.parse(`${value}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    return `${next}T00:00`;
  }
  return value.replace(' ', 'T').slice(0, 16);
}

/** "2026-11-24 09:05:12" from a local ISO date-time. */
export const localText = (iso: string) => iso.replace('T', ' ');
