/**
 * Reports by mail in the browser (issue 17.1), against an SMTP server in this test's process: an admin
 * sets the mail server (the password never comes back into the page), sends a test mail and sees the
 * server's reason when it fails; a manager subscribes themself on the Reports page and sees the outbox
 * (a sent mail, and a refused mailbox with its reason and next try). Both parts fit a phone and pass axe.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { DEMO, startApp, type RunningApp } from './app-server.ts';
import { axeViolations, launchBrowser, reviewShot, sidewaysOverflow, signedInPage, waitForApp } from './browser.ts';
import { buildAndStoreReport } from '../server/report-jobs.ts';
import { deliverDueMail } from '../server/mail/report-outbox.ts';
import { saveSmtp } from '../server/mail/smtp-settings.ts';
import { subscribe } from '../server/mail/subscriptions.ts';
import { SMTP_PASSWORD, SMTP_USER, startTestSmtp, type TestSmtp } from '../server/mail/test-smtp-server.ts';

let app: RunningApp;
let browser: Browser;
let smtp: TestSmtp;
const ADMIN = { id: null, username: 'admin' };

beforeAll(async () => {
  smtp = await startTestSmtp();
  smtp.refuse.add('gone@city.example');
  [app, browser] = await Promise.all([
    startApp({
      addToDemo: async (db) => {
        await saveSmtp(db, ADMIN, { host: '127.0.0.1', port: smtp.port, tls: 'none', username: SMTP_USER, password: SMTP_PASSWORD, from_address: 'callboard@city.example' });
        await subscribe(db, ADMIN, { kind: 'weekly', address: 'director@city.example', self: false });
        await subscribe(db, ADMIN, { kind: 'monthly', address: 'council.office@city.example', self: false });
        const report = await buildAndStoreReport(db, { kind: 'weekly', period: '2026-W47', timeZone: DEMO.timeZone, actor: ADMIN, mailTo: ['director@city.example', 'gone@city.example'] });
        await deliverDueMail({ db, smtpUrl: null, clock: () => new Date(), log: () => undefined, reportId: report.id });
      }
    }),
    launchBrowser()
  ]);
  expect(smtp.received.map((m) => m.envelopeTo)).toEqual([['director@city.example']]);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await smtp?.close();
});

it('Settings, Mail: the server without its password, a test mail, the server\'s reason when it fails, who gets which report', async () => {
  smtp.received.length = 0;
  const { context, page } = await signedInPage(browser, app.url, 'admin');
  await page.goto('/settings');
  await waitForApp(page);
  const server = page.locator('section[aria-labelledby="mail-server-title"]');
  await expect.poll(() => server.getByLabel('Host').inputValue()).toBe('127.0.0.1');
  expect(await server.getByLabel('Password', { exact: true }).inputValue()).toBe('');
  expect(await server.getByLabel('Password', { exact: true }).getAttribute('placeholder')).toBe('Set: type a new one to change it');
  expect(await page.content()).not.toContain(SMTP_PASSWORD);

  await server.getByLabel('Send a test mail to').fill('admin@city.example');
  await server.getByRole('button', { name: 'Send a test mail' }).click();
  await expect.poll(() => server.getByRole('status').nth(1).textContent()).toMatch(/Sent to admin@city\.example through 127\.0\.0\.1:\d+/);
  expect(smtp.received.map((m) => m.mail.subject)).toEqual(['Callboard: test mail']);

  await server.getByLabel('Password', { exact: true }).fill('wrong-password');
  await server.getByRole('button', { name: 'Save mail server' }).click();
  await expect.poll(() => server.getByRole('status').first().textContent()).toMatch(/Mail server saved/);
  await server.getByRole('button', { name: 'Send a test mail' }).click();
  await expect.poll(() => server.getByRole('status').nth(1).textContent()).toMatch(/Not sent: the mail server 127\.0\.0\.1:\d+ refused the user name or password: 535/);
  await reviewShot(server, 'mail-settings-server-desktop.png');

  const subs = page.locator('section[aria-labelledby="subs-all-title"]');
  await expect.poll(() => subs.locator('li').allTextContents()).toEqual([
    expect.stringContaining('Weekly to director@city.example'),
    expect.stringContaining('Monthly to council.office@city.example')
  ]);
  await subs.getByLabel('Mail the report', { exact: true }).selectOption('quarterly');
  await subs.getByLabel('to', { exact: true }).fill('Mayor@City.example');
  await subs.getByRole('button', { name: 'Add' }).click();
  await expect.poll(() => subs.getByRole('status').textContent()).toMatch(/mayor@city\.example gets the quarterly report from its next build/);
  await expect.poll(() => subs.locator('li').count()).toBe(3);
  await reviewShot(subs, 'mail-settings-subscriptions-desktop.png');
  expect(await axeViolations(page)).toEqual([]);

  // The same page opened again on a phone (the same user: no second context to start).
  await page.goto('about:blank');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/settings');
  await waitForApp(page);
  await page.locator('#mail-server-title').scrollIntoViewIfNeeded();
  expect(await sidewaysOverflow(page)).toBe(0);
  await reviewShot(page.locator('section[aria-labelledby="mail-server-title"]'), 'mail-settings-server-phone.png');
  await reviewShot(page.locator('section[aria-labelledby="subs-all-title"]'), 'mail-settings-subscriptions-phone.png');
  await context.close();
});

it('Reports, Mail: a manager subscribes themself and sees what was sent, what failed and why, and the next try', async () => {
  const { context, page } = await signedInPage(browser, app.url, 'manager');
  await page.goto('/reports');
  await waitForApp(page);
  const mail = page.locator('section[aria-labelledby="mail-title"]');
  await expect.poll(() => mail.locator('tr[data-status]').count()).toBe(2);
  const sent = mail.locator('tr[data-status="sent"]');
  expect(await sent.locator('td').allTextContents()).toEqual(['director@city.example', 'Sent', '1', expect.stringMatching(/2026/), '']);
  const failed = mail.locator('tr[data-status="queued"]');
  expect((await failed.locator('td').allTextContents()).slice(0, 3)).toEqual(['gone@city.example', 'Waiting to be tried again', '1']);
  expect(await failed.locator('td.why').textContent()).toMatch(/^the mail server 127\.0\.0\.1:\d+ refused the mailbox gone@city\.example: 550 Mailbox gone@city\.example unavailable$/);
  expect(await mail.locator('p.notice').textContent()).toMatch(/^1 mail could not be sent: the reason is in the table\./);

  expect(await mail.getByText('You get no report by mail yet.').count()).toBe(1);
  await mail.getByLabel('Mail the report', { exact: true }).selectOption('monthly');
  await mail.getByLabel('to', { exact: true }).fill('manager@city.example');
  await mail.getByRole('button', { name: 'Mail it to me' }).click();
  await expect.poll(() => mail.locator('li').allTextContents()).toEqual([expect.stringContaining('Monthly to manager@city.example')]);
  await reviewShot(mail, 'mail-reports-desktop.png');
  expect(await axeViolations(page)).toEqual([]);

  // The same page opened again on a phone (the same user: no second context to start).
  await page.goto('about:blank');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/reports');
  await waitForApp(page);
  await page.locator('#mail-title').scrollIntoViewIfNeeded();
  expect(await sidewaysOverflow(page)).toBe(0);
  await reviewShot(page.locator('section[aria-labelledby="mail-title"]'), 'mail-reports-phone.png');
  await context.close();
});
