/** Server settings from the environment, with the defaults the README's Configuration names. */

export const serverConfig = () => ({
  inboxDir: process.env.CALLBOARD_INBOX ?? 'data/inbox',
  /** node-cron schedule of the inbox pick-up (default: every minute). */
  inboxSchedule: process.env.CALLBOARD_INBOX_CRON ?? '* * * * *',
  /** node-cron schedule of open data's publishing, when it is on (default: hourly, at 20 past). */
  openDataSchedule: process.env.CALLBOARD_OPEN_DATA_CRON ?? '20 * * * *',
  uploadLimitBytes: Number(process.env.CALLBOARD_UPLOAD_LIMIT_MB ?? 200) * 1024 * 1024,
  /** `smtp://user:pass@host:port` or `smtps://...`: the mail server, over the one in the settings (app/server/mail/). */
  smtpUrl: process.env.CALLBOARD_SMTP_URL || null
});

