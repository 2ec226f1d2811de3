/**
 * How far records retention has purged each kind (migration 031, app/server/retention.ts): what a
 * figure that needs the purged detail reads to say "purged before DATE" instead of showing zero.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Database } from '../../sql/db.ts';
import type { RetentionKind } from './retention-rules.ts';

export type PurgedDates = Partial<Record<RetentionKind, string>>;

/**
 * Per kind that has been purged, the local date its records are kept from (all before it went, but
 * those held). Outside a transaction shared while the data is unchanged (db.lookups): one day view
 * asked it three times.
 */
export async function purgedBefore(db: Database, conn?: DuckDBConnection): Promise<PurgedDates> {
  const read = async () => {
    const rows = await db.query<{ kind: RetentionKind; before_date: string }>('retention-purged', {}, conn);
    return Object.fromEntries(rows.map((r) => [r.kind, r.before_date])) as PurgedDates;
  };
  return conn ? read() : db.lookups.get('purged-before', read);
}

/** The date each call's caller number is kept from: purged calls take their numbers with them. */
export function numbersPurgedBefore(p: PurgedDates): string | null {
  const dates = [p.calls, p.caller_numbers].filter((d): d is string => d !== undefined);
  return dates.length ? dates.sort().at(-1)! : null;
}

/** The purge date when it falls after `from`: the days of a range from `from` before it are gone (else null). */
export function purgeCutoff(from: string, before: string | null | undefined): string | null {
  return before && from < before ? before : null;
}

/** How much of a range of local dates [from, to] lies before a purge date. */
export function purgedPart(range: { from: string; to: string }, before: string | null | undefined): 'none' | 'part' | 'all' {
  if (!before || before <= range.from) return 'none';
  return before > range.to ? 'all' : 'part';
}
