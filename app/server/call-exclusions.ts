/**
 * An admin's taking a call out of every figure, and putting it back: the move (analytics/
 * call-exclusions.ts) and its audit record in one transaction, then the repeat and follow-up facts
 * catch up (they count from the calls until they have). Used by the API, the calls page and
 * `callboard calls exclude|include`.
 */
import type { Database } from '../../sql/db.ts';
import { catchUpCallFacts } from '../../analytics/callers/call-facts.ts';
import { checkReason, listExclusions, moveCallBack, moveCallOut, type Exclusion } from '../../analytics/metrics/call-exclusions.ts';
import { audit, type Actor } from './audit.ts';
import { cleanText, recordRedactions } from './privacy/card-redactions.ts';
import { parseCallId } from './calls.ts';

export async function excludeCall(db: Database, user: Actor, id: string, reason: unknown): Promise<Exclusion> {
  const key = parseCallId(id);
  const why = cleanText(checkReason(reason)); // card numbers never kept
  const exclusion = await db.transaction(async (conn) => {
    const x = await moveCallOut(db, conn, key, why.text, user.username);
    await recordRedactions(db, conn, user, { entity: 'call_exclusion', entityId: x.id, field: 'reason' }, why.redacted);
    await audit(db, conn, { user, action: 'exclude', entity: 'call', entityId: x.id, after: x });
    return x;
  });
  await catchUpCallFacts(db);
  return exclusion;
}

export async function includeCall(db: Database, user: Actor, id: string): Promise<Exclusion> {
  const key = parseCallId(id);
  const exclusion = await db.transaction(async (conn) => {
    const x = await moveCallBack(db, conn, key);
    await audit(db, conn, { user, action: 'include', entity: 'call', entityId: x.id, before: x });
    return x;
  });
  await catchUpCallFacts(db);
  return exclusion;
}

export const exclusions = (db: Database): Promise<Exclusion[]> => listExclusions(db);
