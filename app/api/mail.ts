/**
 * /api/mail: reports by email (app/server/mail/). Admins set the SMTP server (its password is written,
 * never read back), send a test mail, and say who gets which report; managers add and remove their own
 * address; readers see the outbox (what was sent, what failed and why, when it is tried next).
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { REPORT_KINDS } from '../../analytics/reports/reports-period.ts';
import { serverConfig } from '../server/config.ts';
import { outboxEntries } from '../server/mail/report-outbox.ts';
import { readSmtp, saveSmtp, TLS_MODES } from '../server/mail/smtp-settings.ts';
import { listSubscriptions, subscribe, unsubscribe } from '../server/mail/subscriptions.ts';
import { sendTestMail } from '../server/mail/test-mail.ts';
import { currentUser, type AuthEnv } from './auth.ts';
import { idParam, jsonBody, noQuery, params } from './validate.ts';

const ServerBody = z.strictObject({
  host: z.string().trim().min(1, 'give the mail server\'s host name').max(253),
  port: z.number().int().min(1).max(65535),
  tls: z.enum(TLS_MODES),
  username: z.string().trim().max(254).nullable().transform((u) => u || null),
  /** Left out: the stored password stays; null or "": none. */
  password: z.string().max(1000).nullable().optional(),
  from_address: z.string().trim().min(1, 'give the address mail is sent from').max(254)
});
const TestBody = z.strictObject({ to: z.string().trim().min(1).max(254) });
const SubscriptionBody = z.strictObject({ kind: z.enum(REPORT_KINDS), address: z.string().trim().min(1).max(254) });
const IdPath = z.strictObject({ id: idParam });

export const mail = new Hono<AuthEnv>()
  .get('/server', async (c) => {
    noQuery(c);
    return c.json(await readSmtp(c.var.ctx.db, serverConfig().smtpUrl));
  })
  .put('/server', async (c) => {
    const body = await jsonBody(c, ServerBody);
    return c.json(await saveSmtp(c.var.ctx.db, currentUser(c), body, serverConfig().smtpUrl));
  })
  .post('/server/test', async (c) => {
    const body = await jsonBody(c, TestBody);
    return c.json(await sendTestMail(c.var.ctx.db, serverConfig().smtpUrl, body.to));
  })
  .get('/subscriptions', async (c) => {
    noQuery(c);
    const user = currentUser(c);
    return c.json({ subscriptions: await listSubscriptions(c.var.ctx.db, user.role === 'admin' ? {} : { userId: user.id ?? -1 }) });
  })
  .post('/subscriptions', async (c) => {
    const body = await jsonBody(c, SubscriptionBody);
    const user = currentUser(c);
    return c.json({ subscription: await subscribe(c.var.ctx.db, user, { ...body, self: user.role !== 'admin' }) }, 201);
  })
  .delete('/subscriptions/:id', async (c) => {
    const { id } = params(c, IdPath);
    const user = currentUser(c);
    await unsubscribe(c.var.ctx.db, user, id, user.role !== 'admin');
    return c.json({ deleted: id });
  })
  .get('/outbox', async (c) => {
    noQuery(c);
    return c.json({ outbox: await outboxEntries(c.var.ctx.db) });
  });
