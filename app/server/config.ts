/** Server settings from the environment, with the defaults the README's Configuration names. */
import type { Database } from '../../sql/db.ts';
import { centerTimeZone } from '../../analytics/center-settings.ts';

export const serverConfig = () => ({
  inboxDir: process.env.CALLBOARD_INBOX ?? 'data/inbox',
  /** node-cron schedule of the inbox pick-up (default: every minute). */
  inboxSchedule: process.env.CALLBOARD_INBOX_CRON ?? '* * * * *',
  uploadLimitBytes: Number(process.env.CALLBOARD_UPLOAD_LIMIT_MB ?? 200) * 1024 * 1024
});

/**
 * The center's zone for everything the server does (loading uploads and the inbox, cutting days):
 * CALLBOARD_TZ when the operator set it, else the stored `timezone` setting, else America/Chicago.
 */
export function serverTimeZone(db: Database): Promise<string> {
  return centerTimeZone(db, process.env.CALLBOARD_TZ);
}
