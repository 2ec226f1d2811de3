/**
 * `callboard serve [--port N] [--follow PATH]...`: opens the database (building the demo center when it is empty and
 * --demo is on, the default for `npm start`), then serves the built SvelteKit app, whose hooks hand
 * /api/* to the Hono API. The build must exist (`npm run build`; `npm start` builds first).
 */
import type { Command } from 'commander';
import { createServer, type RequestListener } from 'node:http';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { closeDatabase, getDatabase } from '../../../sql/db.ts';
import { sweepStaleTempDirs } from '../../../ingest/temp-dirs.ts';
import { callSlicesUsable, refreshCallSlices } from '../../../sql/upkeep/call-slices.ts';
import { rebuildRepCallDays } from '../../../sql/upkeep/rep-call-days.ts';
import { catchUpFactsSoon } from '../../server/facts-catch-up.ts';
import { InputError } from '../../../sql/errors.ts';
import { commandContext, type CommonOptions } from '../options.ts';
import { isEmpty, seedDemo } from '../../server/demo/seed-demo.ts';
import { advertiseServer } from '../../server/local-control.ts';
import { serverConfig } from '../../server/config.ts';
import { withServerSetup, type ServerSetup } from '../../server/context.ts';
import { startJobs, stopJobs } from '../../server/jobs.ts';
import { configuredProxies } from '../../server/client-address.ts';
import { centerTimeZone } from '../../../analytics/center-settings.ts';
import { followLogs } from '../../server/live/follow.ts';

const FOLLOW_FACTS_EVERY_MS = 5 * 60_000;

export interface ServeOptions extends CommonOptions {
  port: string;
  host: string;
  demo: boolean;
  follow: string[];
}

export async function run(opts: ServeOptions, cmd: Command): Promise<void> {
    const port = Number(opts.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InputError(`--port: "${opts.port}" is not a port number`);
    const { explicitZone } = commandContext(cmd);
    configuredProxies(); // a CALLBOARD_TRUSTED_PROXIES entry it cannot read stops the start, naming it
    const handlerPath = resolve('build/handler.js');
    if (!existsSync(handlerPath)) throw new InputError('the dashboard is not built yet: run `npm run build` (or `npm start`)');

    const db = await getDatabase(opts.db);
    const swept = sweepStaleTempDirs(); // temp copies a killed load of an earlier run left behind
    if (swept.length) process.stdout.write(`Removed ${swept.length} temporary folder(s) a stopped load left behind\n`);
    let logins: { username: string; password: string; role: string }[] = [];
    if (opts.demo && (await isEmpty(db))) {
      process.stdout.write('Building the demo center (about half a year of calls) through the real ingest path...\n');
      const demoZone = explicitZone ?? (await centerTimeZone(db));
      const demo = await seedDemo(db, { timeZone: demoZone, end: new Date(), log: (l) => process.stdout.write(`  ${l}\n`) });
      logins = demo.logins;
    }
    // A database from before the metrics summary existed (or whose calls changed some other way) gets
    // it built once here, so long-range metrics are fast from the first page.
    if (!(await callSlicesUsable(db))) {
      const t0 = performance.now();
      await db.transaction((conn) => refreshCallSlices(db, conn));
      process.stdout.write(`Metrics summary brought up to date in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
    }
    // The trends' per-day summaries are kept in the zone the server cuts days in (the repeat summary
    // follows at the facts' catch-up below).
    const summaryZone = await centerTimeZone(db, explicitZone);
    const t1 = performance.now();
    if (await db.transaction((conn) => rebuildRepCallDays(db, conn, summaryZone))) {
      process.stdout.write(`Quality summary built for ${summaryZone} in ${((performance.now() - t1) / 1000).toFixed(1)} s\n`);
    }
    // adapter-node refuses bodies over 512 KB by default: let uploads up to the configured limit through.
    process.env.BODY_SIZE_LIMIT ??= String(serverConfig().uploadLimitBytes + 1024 * 1024);
    const { handler } = (await import(pathToFileURL(handlerPath).href)) as { handler: RequestListener };
    // The dashboard gets the database and the operator's zone (only a zone the operator chose
    // overrides the stored one) on each request (app/server/context.ts), and the jobs get them here.
    const setup: ServerSetup = { db, timeZone: explicitZone ?? undefined };
    const server = createServer((req, res) => handler(withServerSetup(req, setup), res));
    if (process.env.CALLBOARD_NO_JOBS !== '1') startJobs(undefined, setup);
    await new Promise<void>((ok, fail) => server.once('error', fail).listen(port, opts.host, ok));
    const address = server.address();
    const actualPort = typeof address === 'object' && address ? address.port : port;
    process.stdout.write(`Callboard is up: http://${opts.host === '0.0.0.0' ? 'localhost' : opts.host}:${actualPort}/\n`);
    for (const l of logins) process.stdout.write(`  sign in as ${l.role.padEnd(9)} ${l.username} / ${l.password}\n`);
    // Facts for the trends' repeat rate and follow-up: in the background (at 10M calls built from
    // nothing it takes about 40 s; the trends count from the calls meanwhile). Quiet when it works, so the
    // start's last lines stay the URL and the sign-ins.
    void catchUpFactsSoon(db, (l) => process.stdout.write(`${l}\n`), { reportDone: false });
    // --follow: the PBX's queue_log as it is written (the live floor picks each load up).
    const follow = [...opts.follow, ...(process.env.CALLBOARD_FOLLOW ?? '').split(',').map((p) => p.trim()).filter(Boolean)];
    // The repeat and follow-up facts catch up with what the follower loads at most every 5 minutes:
    // each catch-up reworks a day or more of calls, too much for every few lines, and until then the
    // trends count from the calls (slower, same figures).
    let factsCaughtUp = Date.now();
    const follower = follow.length
      ? followLogs(db, follow, {
          timeZone: () => centerTimeZone(db, explicitZone),
          onLoad: (_path, summary) => {
            if (summary.calls_added === 0 || Date.now() - factsCaughtUp < FOLLOW_FACTS_EVERY_MS) return;
            factsCaughtUp = Date.now();
            void catchUpFactsSoon(db, (l) => process.stdout.write(`${l}\n`), { reportDone: false });
          }
        })
      : null;
    for (const p of follow) process.stdout.write(`Following ${p}\n`);
    // Tells `callboard backup` / `user add` how to reach this server while it holds the database.
    const local = opts.host === '0.0.0.0' || opts.host === '::' ? '127.0.0.1' : opts.host;
    const withdraw = advertiseServer(db.path, `http://${local.includes(':') ? `[${local}]` : local}:${actualPort}`);
    process.once('exit', withdraw);
    await new Promise<void>((done) => {
      const stop = () => {
        follower?.stop();
        withdraw();
        server.close(() => done());
        server.closeAllConnections();
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    // The scheduled jobs (node-cron) would keep the process alive.
    stopJobs();
    await closeDatabase();
    process.exit(0);
}
