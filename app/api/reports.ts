/**
 * /api/reports: the stored weekly, monthly and quarterly reports (every version), building one on demand,
 * and a report as .xlsx, .csv or .html. Building adds a version; nothing here changes or removes one.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { REPORT_KINDS } from '../../analytics/reports/reports-period.ts';
import { reportTimesOrDefault, upcomingBuilds } from '../../analytics/reports/reports-schedule.ts';
import { getReport, listReports } from '../../analytics/reports/reports-store.ts';
import { CONTENT_TYPES, REPORT_FORMATS, renderReport, reportFileName } from '../../analytics/reports/reports-output.ts';
import { ForbiddenError } from '../../sql/errors.ts';
import { buildAndStoreReport } from '../server/report-jobs.ts';
import { serverConfig } from '../server/config.ts';
import { deliverDueMail } from '../server/mail/report-outbox.ts';
import { checkAddress } from '../server/mail/smtp-settings.ts';
import { currentUser, type AuthEnv } from './auth.ts';
import { idParam, jsonBody, noQuery, params, query } from './validate.ts';

const period = z.string().trim().regex(/^\d{4}-(W\d{2}|\d{2}|Q\d)$/, 'a period such as 2026-W10, 2026-03 or 2026-Q1');
const ListQuery = z.strictObject({ kind: z.enum(REPORT_KINDS).optional(), period: period.optional() });
/** `mail`: addresses to send it to at once (admins, and `callboard report --mail` while the server runs). */
const NewReport = z.strictObject({ kind: z.enum(REPORT_KINDS), period, mail: z.array(z.string().trim().min(1).max(254)).min(1).max(50).optional() });
const IdPath = z.strictObject({ id: idParam });
const DownloadQuery = z.strictObject({ format: z.enum(REPORT_FORMATS) });

export const reports = new Hono<AuthEnv>()
  .get('/', async (c) => {
    const q = query(c, ListQuery);
    const db = c.var.ctx.db;
    const timeZone = c.var.ctx.timeZone;
    return c.json({ reports: await listReports(db, { kind: q.kind, period: q.period }), schedule: upcomingBuilds(new Date(), timeZone, reportTimesOrDefault()), time_zone: timeZone });
  })
  .post('/', async (c) => {
    noQuery(c);
    const body = await jsonBody(c, NewReport);
    const db = c.var.ctx.db;
    const user = currentUser(c);
    if (body.mail && user.role !== 'admin') throw new ForbiddenError('only an admin mails a report by hand; subscribe to the periodic reports instead');
    const report = await buildAndStoreReport(db, {
      kind: body.kind,
      period: body.period,
      timeZone: c.var.ctx.timeZone,
      actor: { id: user.id, username: user.username },
      mailTo: body.mail?.map((a) => checkAddress(a, 'mail'))
    });
    if (!body.mail) return c.json({ report }, 201);
    const mailed = await deliverDueMail({ db, smtpUrl: serverConfig().smtpUrl, clock: () => new Date(), log: (l) => console.log(l), reportId: report.id });
    return c.json({ report, mail: mailed }, 201);
  })
  .get('/:id', async (c) => {
    const { id } = params(c, IdPath);
    noQuery(c);
    return c.json({ report: await getReport(c.var.ctx.db, id) });
  })
  .get('/:id/download', async (c) => {
    const { id } = params(c, IdPath);
    const { format } = query(c, DownloadQuery);
    const report = await getReport(c.var.ctx.db, id);
    const body = await renderReport(report, format);
    return c.body(typeof body === 'string' ? body : (body.slice().buffer as ArrayBuffer), 200, {
      'content-type': CONTENT_TYPES[format],
      'content-disposition': `attachment; filename="${reportFileName(report, format)}"`
    });
  });
