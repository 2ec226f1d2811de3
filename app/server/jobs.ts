/**
 * The server's scheduled jobs: a thin list of node-cron schedules calling plain functions that the
 * CLI and tests call too. Started once by `callboard serve` with its setup (app/cli/commands/serve.ts),
 * or by app/hooks.server.ts under `vite dev`. Each run takes a fresh jobContext: a zone changed on the
 * settings page applies from the next tick.
 */
import cron, { type ScheduledTask } from 'node-cron';
import { pickUpInbox } from './inbox.ts';
import { catchUpFactsSoon } from './facts-catch-up.ts';
import { reportTick } from './report-jobs.ts';
import { mailTick } from './mail/report-outbox.ts';
import { purgeTick } from './retention.ts';
import { openDataDir, publishOpenData } from './open-data.ts';
import { serverConfig } from './config.ts';
import { jobContext, type ServerSetup } from './context.ts';

const tasks: ScheduledTask[] = [];

export function startJobs(log: (line: string) => void = (l) => console.log(l), setup?: ServerSetup): void {
  if (tasks.length) return;
  const config = serverConfig();
  const seen = new Map<string, string>();
  let running = false;
  tasks.push(
    cron.schedule(config.inboxSchedule, async () => {
      if (running) return; // a long load is still going; the next tick picks up the rest
      running = true;
      try {
        const { db, timeZone } = await jobContext(setup);
        const loaded = await pickUpInbox({ db, dir: config.inboxDir, timeZone, log, seen });
        if (loaded.some((s) => s.calls_added !== 0 || s.rows_loaded > 0)) void catchUpFactsSoon(db, log);
      } catch (e) {
        log(`inbox: ${e instanceof Error ? e.message : String(e)}`);
      } finally {
        running = false;
      }
    }, { name: 'inbox' })
  );
  // Weekly, monthly and quarterly reports: each minute, build what has come due (report-jobs.ts).
  tasks.push(cron.schedule('* * * * *', reportTick(log, undefined, setup), { name: 'reports' }));
  // Their mails to the subscribers, and failed ones again on a back-off (mail/report-outbox.ts).
  tasks.push(cron.schedule('* * * * *', mailTick(log, config.smtpUrl, undefined, setup), { name: 'mail' }));
  // Records retention: each night at 03:30 (server time) what is past its retention goes (retention.ts).
  tasks.push(cron.schedule('30 3 * * *', purgeTick(log, setup), { name: 'retention' }));
  // Open data, when an admin has turned it on: the published files written again (open-data.ts).
  tasks.push(
    cron.schedule(config.openDataSchedule, async () => {
      try {
        const { db, timeZone } = await jobContext(setup);
        await publishOpenData({ db, timeZone, dir: openDataDir(db) });
      } catch (e) {
        log(`open data: ${e instanceof Error ? e.message : String(e)}`);
      }
    }, { name: 'open-data' })
  );
}

export function stopJobs(): void {
  for (const t of tasks.splice(0)) t.stop();
}
