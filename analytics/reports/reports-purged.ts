/**
 * A report built over records retention's purge (analytics/retention/purged.ts): the figures per
 * queue come from the summary and stand, but those that need each call (per rep, quality) or each
 * caller's number (lost callers, recovery, repeat callers) are given as missing with a note saying
 * "purged before DATE", never as zero. A period only partly purged keeps them with a note that they
 * count only what is left.
 */
import { numbersPurgedBefore, purgedPart, type PurgedDates } from '../retention/purged.ts';
import type { ReportSection } from './reports-document.ts';
import type { ReportPeriod } from './reports-period.ts';

const NUMBER_FIGURES = new Set(['lost_callers', 'recovered', 'recovery_rate', 'median_recovery_s', 'repeat_rate']);
const PER_CALL_SECTIONS = new Set(['staff', 'quality']);

export function markPurgedDetail(sections: ReportSection[], period: ReportPeriod, previous: ReportPeriod, purged: PurgedDates): void {
  const numbers = numbersPurgedBefore(purged);
  const [now, before] = [purgedPart(period, numbers), purgedPart(previous, numbers)];
  const calls = purgedPart(period, purged.calls);
  for (const s of sections) {
    if (s.key === 'volume' && (now !== 'none' || before !== 'none')) {
      for (const f of s.figures.filter((x) => NUMBER_FIGURES.has(x.key))) {
        if (now !== 'none') f.value = null;
        if (before !== 'none') f.previous = null;
      }
      s.notes.push(`Lost callers, recovery and repeat callers need each caller's number: purged before ${numbers} (records retention), so they are not given for a period before it.`);
    }
    if (PER_CALL_SECTIONS.has(s.key) && calls !== 'none') {
      if (calls === 'all') {
        for (const f of s.figures) f.value = null;
        for (const t of s.tables) t.rows = [];
        s.notes.unshift(`Figures per rep and per call need each call: purged before ${purged.calls} (records retention).`);
      } else {
        s.notes.unshift(`Figures per rep and per call count only the calls from ${purged.calls} on: those before were purged (records retention).`);
      }
    }
  }
}
