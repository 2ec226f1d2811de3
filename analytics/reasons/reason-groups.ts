/**
 * The order figures by reason group are shown in (pure): the catalogue's groups in its order, then the
 * codes the catalogue lacks ('Not in catalogue'), then the calls without a reason (null) last, beside
 * the rest rather than among them.
 */
import { NOT_IN_CATALOGUE, REASON_GROUPS } from './reason-catalogue.ts';

const GROUP_ORDER: ReadonlyArray<string> = [...REASON_GROUPS, NOT_IN_CATALOGUE];

export function orderGroups(groups: Iterable<string | null>): Array<string | null> {
  const rank = (g: string | null) => (g === null ? GROUP_ORDER.length + 1 : GROUP_ORDER.includes(g) ? GROUP_ORDER.indexOf(g) : GROUP_ORDER.length);
  return [...new Set(groups)].sort((a, b) => rank(a) - rank(b) || String(a).localeCompare(String(b)));
}
