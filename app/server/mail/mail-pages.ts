/** What the Reports page shows about mail: the outbox, and a manager's own subscriptions. */
import type { Database } from '../../../sql/db.ts';
import type { Principal } from '../accounts.ts';
import { outboxEntries, type OutboxEntry } from './report-outbox.ts';
import { listSubscriptions, type Subscription } from './subscriptions.ts';

export interface ReportsPageMail {
  outbox: OutboxEntry[];
  /** A manager's own subscriptions (they subscribe on the Reports page); null for everyone else. */
  own: Subscription[] | null;
  isAdmin: boolean;
}

export async function reportsPageMail(db: Database, user: Principal): Promise<ReportsPageMail> {
  const [outbox, own] = await Promise.all([
    outboxEntries(db, 50),
    user.role === 'manager' && user.id !== null ? listSubscriptions(db, { userId: user.id }) : Promise.resolve(null)
  ]);
  return { outbox, own, isAdmin: user.role === 'admin' };
}
