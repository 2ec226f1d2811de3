/**
 * `callboard serve [--port N]`: opens the database (building the demo center when it is empty and
 * --demo is on, the default for `npm start`), then serves the built SvelteKit app, whose hooks hand
 * /api/* to the Hono API. The build must exist (`npm run build`; `npm start` builds first).
 */
import type { Command } from 'commander';
import { createServer } from 'node:http';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { closeDatabase, getDatabase } from '../../../sql/db.ts';
import { sweepStaleTempDirs } from '../../../ingest/temp-dirs.ts';
import { callSlicesUsable, refreshCallSlices } from '../../../analytics/metrics/call-slices.ts';
import { catchUpFactsSoon } from '../../server/facts-catch-up.ts';
import { InputError } from '../../../sql/errors.ts';
import { checkTimeZone, withCommonOptions, type CommonOptions } from '../options.ts';
import { isEmpty, seedDemo } from '../../server/demo/seed-demo.ts';
import { advertiseServer } from '../../server/local-control.ts';
import { serverConfig } from '../../server/config.ts';
import { configuredProxies } from '../../server/client-address.ts';
import { centerTimeZone } from '../../../analytics/center-settings.ts';

interface ServeOptions extends CommonOptions {
  port: string;
  host: string;
  demo: boolean;
}

export function register(program: Command): void {
  withCommonOptions(
    program
      .command('serve')
      .description('serve the dashboard and the API (builds the demo center into an empty database)')
      .option('--port <n>', 'port', process.env.PORT ?? '3000')
      .option('--host <host>', 'address to listen on', process.env.HOST ?? '127.0.0.1')
      .option('--no-demo', 'leave an empty database empty')
  ).action(async (opts: ServeOptions, cmd: Command) => {
    const port = Number(opts.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InputError(`--port: "${opts.port}" is not a port number`);
    const explicitZone = cmd.getOptionValueSource('timezone') !== 'default';
    const timeZone = checkTimeZone(opts.timezone);
    // Only a zone the operator chose overrides the one stored in the database's settings.
    if (explicitZone) process.env.CALLBOARD_TZ = timeZone;
    process.env.CALLBOARD_DB = opts.db;
    configuredProxies(); // a CALLBOARD_TRUSTED_PROXIES entry it cannot read stops the start, naming it
    const handlerPath = resolve('build/handler.js');
    if (!existsSync(handlerPath)) throw new InputError('the dashboard is not built yet: run `npm run build` (or `npm start`)');

    const db = await getDatabase(opts.db);
    const swept = sweepStaleTempDirs(); // temp copies a killed load of an earlier run left behind
    if (swept.length) process.stdout.write(`Removed ${swept.length} temporary folder(s) a stopped load left behind\n`);
    let logins: { username: string; password: string; role: string }[] = [];
    if (opts.demo && (await isEmpty(db))) {
      process.stdout.write('Building the demo center (about half a year of calls) through the real ingest path...\n');
      const demoZone = explicitZone ? timeZone : await centerTimeZone(db);
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
    // adapter-node refuses bodies over 512 KB by default: let uploads up to the configured limit through.
    process.env.BODY_SIZE_LIMIT ??= String(serverConfig().uploadLimitBytes + 1024 * 1024);
    const { handler } = (await import(pathToFileURL(handlerPath).href)) as { handler: Parameters<typeof createServer>[1] };
    const server = createServer(handler);
    await new Promise<void>((ok, fail) => server.once('error', fail).listen(port, opts.host, ok));
    const address = server.address();
    const actualPort = typeof address === 'object' && address ? address.port : port;
    process.stdout.write(`Callboard is up: http://${opts.host === '0.0.0.0' ? 'localhost' : opts.host}:${actualPort}/\n`);
    for (const l of logins) process.stdout.write(`  sign in as ${l.role.padEnd(9)} ${l.username} / ${l.password}\n`);
    // Facts for the trends' repeat rate and follow-up: in the background (at 10M calls built from
    // nothing it takes about 40 s; the trends count from the calls meanwhile). Quiet when it works, so the
    // start's last lines stay the URL and the sign-ins.
    void catchUpFactsSoon(db, (l) => process.stdout.write(`${l}\n`), { reportDone: false });
    // Tells `callboard backup` / `user add` how to reach this server while it holds the database.
    const local = opts.host === '0.0.0.0' || opts.host === '::' ? '127.0.0.1' : opts.host;
    const withdraw = advertiseServer(db.path, `http://${local.includes(':') ? `[${local}]` : local}:${actualPort}`);
    process.once('exit', withdraw);
    await new Promise<void>((done) => {
      const stop = () => {
        withdraw();
        server.close(() => done());
        server.closeAllConnections();
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    // The scheduled jobs (node-cron, started inside the app bundle) would keep the process alive.
    await closeDatabase();
    process.exit(0);
  });
}
