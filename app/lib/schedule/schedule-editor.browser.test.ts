/**
 * The Schedule page in Chromium against the built app and the demo center (app/test's harness): a
 * scheduler changes one shift in the editor and sees the gap heatmap and the projected service level
 * move; the running server optimises (its worker thread) and the week is published; the Coverage page
 * shows the forecast next to its backtest error; the planning forms (holidays, forecast adjustments, the
 * staffing target, time off, rep profiles) save, refuse and show their changes; a scheduler makes a
 * shift template, gives a rep a usual week with it and drafts the week from it, and a lead reads them
 * without a control to change them.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import type { Database } from '../../../sql/db.ts';
import { setupFromHistory } from '../../../analytics/roster/schedule-history.ts';
import { DEMO, startApp, type RunningApp } from '../../test/app-server.ts';
import { apiGet, launchBrowser, reviewShot, signedInPage, waitForApp } from '../../test/browser.ts';
import { applySetup, draftFromPatterns } from '../../server/schedules.ts';

/** The Monday after the demo data ends (Thanksgiving week's data ends on its Wednesday). */
const WEEK = '2026-11-30';
const REP = 'maria-gonzalez'; // an early full-timer: Mondays 07:00–15:30

let app: RunningApp;
let browser: Browser;
let page: Page;

/** On a copy of the demo center: a setup taken from its history and the week drafted from the patterns. */
async function planWeek(db: Database): Promise<void> {
  const actor = { id: null, username: 'test' };
  await applySetup(db, actor, await setupFromHistory(db, { before: '2026-11-25', timeZone: DEMO.timeZone }));
  await draftFromPatterns(db, actor, WEEK);
}

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp({ addToDemo: planWeek }), launchBrowser()]);
  ({ page } = await signedInPage(browser, app.url, 'scheduler'));
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const gapAt = (minute: number) => page.locator(`[data-testid="gap-heatmap"] td[data-date="${WEEK}"][data-minute="${minute}"]`);

describe('the Schedule page', () => {
  it('changes a shift in the editor and shows the gaps and projected service level move', async () => {
    await page.goto(`/schedule?week=${WEEK}`);
    const sl = page.getByTestId('projected-sl');
    await expect.poll(() => sl.textContent()).toMatch(/^\d+\.\d%$/);
    const slBefore = (await sl.textContent())!;
    const gapBefore = Number(await gapAt(570).getAttribute('data-gap'));
    const cell = page.locator(`button.cell[data-rep="${REP}"][data-date="${WEEK}"]`);
    expect(await cell.textContent()).toContain('07:00–15:30');

    await cell.click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await dialog.getByLabel('Ends').selectOption({ label: '08:00' });
    await dialog.getByRole('button', { name: 'Save shift' }).click();

    // What the scheduler sees: the shift cut short, the 09:30 interval one rep further behind, the service level lower.
    await expect.poll(() => cell.textContent(), { timeout: 30_000 }).toContain('07:00–08:00'); // a save and reload on a busy machine
    await expect.poll(async () => Number(await gapAt(570).getAttribute('data-gap')), { timeout: 30_000 }).toBeCloseTo(gapBefore - 1, 6);
    await expect.poll(() => sl.textContent(), { timeout: 30_000 }).not.toBe(slBefore);
    expect(parseFloat((await sl.textContent())!)).toBeLessThan(parseFloat(slBefore));
    expect(await dialog.count()).toBe(0);
    await reviewShot(page, 'schedule-editor.png', { fullPage: true });
  });

  it('optimises in the running server (HiGHS in its worker thread), accepts and publishes', async () => {
    const headers = { origin: app.url, 'content-type': 'application/json' };
    const res = await page.request.post(`/api/schedules/weeks/${WEEK}/optimise`, { headers, data: { time_limit_s: 3 } });
    expect(res.status(), await res.text()).toBe(200);
    const cmp = (await res.json()) as { greedy: { score: { under_hours: number } }; optimised: { proposal_id: number; score: { under_hours: number; problems: string[] } } };
    expect(cmp.optimised.score.problems).toEqual([]);
    expect(cmp.optimised.score.under_hours).toBeLessThanOrEqual(cmp.greedy.score.under_hours + 1e-9);
    expect((await page.request.post(`/api/schedules/weeks/${WEEK}/proposals/${cmp.optimised.proposal_id}/accept`, { headers, data: {} })).status()).toBe(200);
    await page.goto(`/schedule?week=${WEEK}`);
    await waitForApp(page);
    await page.getByRole('button', { name: 'Publish…' }).click(); // asks first (roster-compare.browser.test.ts)
    await page.getByRole('button', { name: /^Publish version \d+$/ }).click();
    await expect.poll(() => page.locator('h1 + p').textContent()).toMatch(/Published \(version \d+\) by scheduler/);
  });

  it('shows the forecast with its backtest error on the Coverage page', async () => {
    await page.goto(`/coverage?week=${WEEK}`);
    await expect.poll(() => page.getByTestId('wape-day').textContent()).toMatch(/^\d+\.\d%$/);
    expect(await page.getByTestId('wape-interval').textContent()).toMatch(/^\d+\.\d%$/);
    expect(await page.locator('[data-testid="gap-heatmap"] td[data-gap]').count()).toBeGreaterThan(100);
    await reviewShot(page, 'coverage.png', { fullPage: true });
  });
});

/** The form whose submit button has this name. */
const formWith = (button: string): Locator => page.locator('form', { has: page.getByRole('button', { name: button, exact: true }) });
/** A select by its label's text (a select's accessible name also holds its options). */
const selectIn = (form: Locator, label: string): Locator => form.locator('label', { hasText: label }).locator('select');
/** Fills the form's fields by their exact labels. */
async function fillIn(form: Locator, values: Record<string, string>): Promise<void> {
  for (const [label, value] of Object.entries(values)) await form.getByLabel(label, { exact: true }).fill(value);
}
const alertAfter = (form: Locator): Locator => form.locator('xpath=following-sibling::p[@role="alert"][1]');
/** Submits the form, sees the API's refusal under it, corrects the fields in `fix` and submits again. */
async function refusedThenSent(form: Locator, button: string, refusal: string, fix: Record<string, string>): Promise<void> {
  await form.getByRole('button', { name: button }).click();
  await expect.poll(() => alertAfter(form).textContent()).toBe(refusal);
  await fillIn(form, fix);
  await form.getByRole('button', { name: button }).click();
}

describe('the planning forms', () => {
  // Each form saves through the API, shows what the API refused, and the page's data comes back with
  // the change (app/lib/api-action.svelte.ts).
  it('plans a holiday, adjusts the forecast and saves the target on the Coverage page', async () => {
    await page.goto(`/coverage?week=${WEEK}`);
    await waitForApp(page);

    // Removed at the end below, or here if a step fails: the holiday closes that Thursday, which the
    // template test's drafted week would otherwise miss.
    onTestFailed(() => page.request.delete('/api/coverage/special-days/2026-12-03', { headers: { origin: app.url } }).then(() => undefined));
    const holiday = formWith('Plan the day');
    await fillIn(holiday, { Date: '2026-12-03', Name: 'Founders day' });
    await holiday.getByRole('button', { name: 'Plan the day' }).click();
    const planned = page.getByRole('listitem').filter({ hasText: 'Founders day' });
    await expect.poll(() => planned.count()).toBe(1);
    expect(await planned.textContent()).toContain('closed');
    await expect.poll(() => holiday.getByLabel('Name', { exact: true }).inputValue()).toBe('');

    const adjust = formWith('Adjust');
    await fillIn(adjust, { Date: '2026-12-02', From: '12:00', To: '09:00', Reason: 'Bills mailed' });
    await refusedThenSent(adjust, 'Adjust', 'to_minute must be after from_minute', { To: '15:00' });
    const adjusted = page.getByRole('listitem').filter({ hasText: 'Bills mailed' });
    await expect.poll(() => adjusted.count()).toBe(1);
    expect(await alertAfter(adjust).count()).toBe(0);
    expect(await adjusted.textContent()).toContain('12:00–15:00');
    await adjusted.getByRole('button', { name: 'Remove' }).click();
    await expect.poll(() => adjusted.count()).toBe(0);

    const target = formWith('Save target');
    await fillIn(target, { 'Shrinkage %': '33' });
    await target.getByRole('button', { name: 'Save target' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Saved' }).count()).toBe(1);
    const { targets } = (await apiGet(page, '/api/coverage/targets')) as { targets: Array<{ queue: string; shrinkage: number }> };
    expect(targets.find((t) => t.queue === '*')?.shrinkage).toBe(0.33);

    await planned.getByRole('button', { name: 'Remove' }).click();
    await expect.poll(() => planned.count()).toBe(0);
  });

  it('offers the shrinkage measured from pauses, breaks and lunches left out, as the target\'s shrinkage', async () => {
    await page.goto(`/coverage?week=${WEEK}`);
    await waitForApp(page);
    const table = page.getByTestId('pause-shrinkage');
    await expect.poll(() => table.count()).toBe(1);
    const box = (reason: string) => table.getByRole('checkbox', { name: `Count ${reason} as shrinkage` });
    expect([await box('Lunch').isChecked(), await box('Break').isChecked(), await box('Training').isChecked()]).toEqual([false, false, true]);
    const share = page.getByTestId('measured-share');
    const percent = async () => Number((await share.textContent())!.replace('%', ''));
    const trainingOnly = await percent();
    expect(trainingOnly).toBeGreaterThan(0);
    await box('Lunch').check();
    await expect.poll(percent).toBeGreaterThan(trainingOnly);
    await box('Lunch').uncheck();
    await expect.poll(percent).toBe(trainingOnly);
    const use = page.getByRole('button', { name: /^Use \d+(\.\d)?% as the shrinkage$/ });
    const offered = Number(/\d+(\.\d)?/.exec((await use.textContent())!)![0]);
    expect(offered).toBe(trainingOnly); // the offer is the share shown, to one decimal
    await use.click();
    expect(await formWith('Save target').getByLabel('Shrinkage %', { exact: true }).inputValue()).toBe(String(offered));
    await reviewShot(page, 'coverage-measured-shrinkage.png', { fullPage: true });
  });

  it('adds time off and changes a rep profile on the Schedule page', async () => {
    await page.goto(`/schedule?week=${WEEK}`);
    await waitForApp(page);

    const timeOff = formWith('Add time off');
    const rep = (await selectIn(timeOff, 'Rep').locator('option:not([disabled])').first().textContent())!;
    await selectIn(timeOff, 'Rep').selectOption({ label: rep });
    await selectIn(timeOff, 'Date').selectOption('2026-12-01');
    await timeOff.getByLabel('Whole day').uncheck();
    await fillIn(timeOff, { From: '15:00', To: '12:00', Reason: 'Dentist' });
    await refusedThenSent(timeOff, 'Add time off', 'time off ends before it starts', { From: '10:00' });
    const entry = page.getByRole('listitem').filter({ hasText: 'Dentist' });
    await expect.poll(() => entry.count()).toBe(1);
    expect(await entry.textContent()).toContain(`${rep}, 2026-12-01 10:00–12:00`);

    const plans = page.getByRole('region', { name: "Reps' planning profiles" });
    const row = plans.getByRole('row').filter({ has: page.getByRole('rowheader', { name: rep, exact: true }) });
    await row.getByRole('button', { name: 'Edit' }).click();
    const profile = formWith('Save');
    await fillIn(profile, { 'Most days': '4' });
    await profile.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => profile.count()).toBe(0);
    await expect.poll(() => row.locator('td').nth(1).textContent()).toBe('≤ 4');

    await entry.getByRole('button', { name: 'Remove' }).click();
    await expect.poll(() => entry.count()).toBe(0);
  });
});

describe('shift templates and weekly patterns', () => {
  type Template = { id: number; name: string; earliest_start: number; latest_start: number; start_step_minutes: number; length_minutes: number; weekdays: number[]; breaks: Array<{ kind: string }>; active: boolean };
  type Plan = { rep_id: string; name: string; template_ids: number[] | null; pattern: Record<string, { template_id: number; start_minute: number }> };
  const TUESDAY = '2026-12-01';
  const THURSDAY = '2026-12-03';
  const lateDesk = async () => ((await apiGet(page, '/api/schedules/templates')) as { templates: Template[] }).templates.find((t) => t.name === 'Late desk');
  const templates = () => page.getByRole('region', { name: 'Shift templates' });
  const plans = () => page.getByRole('region', { name: "Reps' planning profiles" });

  it('makes a template, gives a rep a usual week with it, and the drafted week follows', async () => {
    await page.goto(`/schedule?week=${WEEK}`);
    await waitForApp(page);

    // A new template: refused while it starts before it may start, then added.
    await templates().getByRole('button', { name: 'Add a shift template' }).click();
    const form = page.getByRole('form', { name: 'New shift template' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('placeholder'))).toBe('Early'); // the keyboard is in Name
    await fillIn(form, { Name: 'Late desk', 'Earliest start': '10:00', 'Latest start': '11:00', 'Length (h)': '8' });
    await expect.poll(() => form.locator('.ends').textContent()).toBe('Ends 18:00–19:00');
    await fillIn(form, { 'Latest start': '09:00' });
    await refusedThenSent(form, 'Add template', 'the latest start is before the earliest start', { 'Latest start': '11:00' });
    const row = templates().locator('tr', { has: page.getByRole('rowheader', { name: 'Late desk' }) });
    await expect.poll(() => row.count()).toBe(1);
    expect((await row.locator('td').allTextContents()).slice(0, 5)).toEqual(['10:00–11:00 every 30 min', '8 h', '18:00–19:00', 'Mon–Fri', expect.stringContaining('30-min lunch (unpaid)')]);
    let late = (await lateDesk())!;
    expect(late).toMatchObject({ earliest_start: 600, latest_start: 660, start_step_minutes: 30, length_minutes: 480, weekdays: [1, 2, 3, 4, 5], active: true });
    expect(late.breaks.map((b) => b.kind)).toEqual(['break', 'lunch', 'break']);

    // Changing it sends what changed; its breaks stay.
    await row.getByRole('button', { name: 'Edit Late desk' }).click();
    const edit = page.getByRole('form', { name: 'Edit Late desk' });
    await selectIn(edit, 'Start every').selectOption({ label: '60 min' });
    await edit.getByRole('button', { name: 'Save template' }).click();
    await expect.poll(() => row.locator('td').first().textContent()).toBe('10:00–11:00 every 60 min');
    late = (await lateDesk())!;
    expect(late).toMatchObject({ start_step_minutes: 60, length_minutes: 480, active: true });
    expect(late.breaks).toHaveLength(3);

    // Maria's usual week: Monday and Thursday at 10:00, Tuesday at 11:00 on the new template, the rest off.
    const rep = plans().locator(`tr[data-rep="${REP}"]`);
    const editRep = rep.getByRole('button', { name: /^Edit / });
    await editRep.click();
    let profile = plans().getByRole('form', { name: /^Planning profile of / });
    await page.keyboard.press('Escape'); // cancels, and the keyboard goes back to the Edit button
    await expect.poll(() => profile.count()).toBe(0);
    expect(await editRep.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    profile = plans().getByRole('form', { name: /^Planning profile of / });
    await expect.poll(() => profile.count()).toBe(1);
    const ticks = profile.getByRole('group', { name: 'Shift templates they work' });
    if (!(await ticks.getByLabel('Any').isChecked())) await ticks.getByLabel('Late desk').check();
    const week: Array<[string, string]> = [['Mon', '10:00'], ['Tue', '11:00'], ['Wed', ''], ['Thu', '10:00'], ['Fri', ''], ['Sat', ''], ['Sun', '']];
    for (const [day, start] of week) {
      const template = profile.getByLabel(`${day} shift template`);
      if (await template.isDisabled()) continue; // the center is closed that day
      await template.selectOption(start ? { label: 'Late desk' } : { label: 'Off' });
      if (start) await profile.getByLabel(`${day} start`).selectOption({ label: start });
    }
    expect(await profile.locator('tr[data-weekday="2"] td').last().textContent()).toBe('19:00');
    await profile.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => profile.count()).toBe(0);
    await expect.poll(() => rep.locator('td').nth(5).textContent()).toBe('Mon 10:00–18:00, Tue 11:00–19:00, Thu 10:00–18:00');
    const { reps } = (await apiGet(page, '/api/schedules/reps')) as { reps: Plan[] };
    const plan = reps.find((r) => r.rep_id === REP)!;
    expect(plan.pattern).toEqual({ 1: { template_id: late.id, start_minute: 600 }, 2: { template_id: late.id, start_minute: 660 }, 4: { template_id: late.id, start_minute: 600 } });
    expect(plan.template_ids === null || plan.template_ids.includes(late.id)).toBe(true);

    // Redrafting the week gives her exactly those shifts.
    await page.getByRole('button', { name: 'Redraft from weekly patterns' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Drafted from the weekly patterns.' }).count()).toBe(1);
    const cell = (date: string) => page.locator(`button.cell[data-rep="${REP}"][data-date="${date}"]`);
    expect((await cell(WEEK).textContent())!.trim()).toBe('10:00–18:00');
    expect((await cell(TUESDAY).textContent())!.trim()).toBe('11:00–19:00');
    expect((await cell(THURSDAY).textContent())!.trim()).toBe('10:00–18:00');
    expect((await cell('2026-12-02').textContent())!.trim()).toBe('+');
    const view = (await apiGet(page, `/api/schedules/weeks/${WEEK}`)) as { week: { status: string; shifts: Array<{ rep_id: string; date: string; start_minute: number; end_minute: number; template_id: number }> } };
    expect(view.week.status).toBe('draft');
    expect(view.week.shifts.filter((s) => s.rep_id === REP).map((s) => [s.date, s.start_minute, s.end_minute, s.template_id])).toEqual([
      [WEEK, 600, 1080, late.id], [TUESDAY, 660, 1140, late.id], [THURSDAY, 600, 1080, late.id]
    ]);
    await reviewShot(page, 'schedule-templates-patterns.png', { fullPage: true });

    // Deactivated, it is kept (with its breaks) and marked; a reader sees it as inactive.
    await row.getByRole('button', { name: 'Deactivate Late desk' }).click();
    await expect.poll(() => row.getByRole('button', { name: 'Reactivate Late desk' }).count()).toBe(1);
    expect(await row.locator('.tag').textContent()).toBe('inactive');
    expect(await lateDesk()).toMatchObject({ active: false, start_step_minutes: 60, length_minutes: 480, breaks: late.breaks });
  });

  it('shows a lead the templates and usual weeks without a control to change them', async () => {
    const lead = await signedInPage(browser, app.url, 'lead');
    try {
      const p = lead.page;
      await p.goto(`/schedule?week=${WEEK}`);
      await waitForApp(p);
      const region = (name: string) => p.getByRole('region', { name });
      await expect.poll(() => region('Shift templates').locator('tr', { hasText: 'Late desk' }).count()).toBe(1);
      await expect.poll(() => region("Reps' planning profiles").locator(`tr[data-rep="${REP}"] td`).nth(5).textContent()).toBe('Mon 10:00–18:00, Tue 11:00–19:00, Thu 10:00–18:00');
      for (const name of ["Reps' planning profiles", 'Shift templates']) {
        expect(await region(name).locator('button, input, select, textarea, form').count(), name).toBe(0);
      }
      for (const name of ['Add a shift template', 'Redraft from weekly patterns', 'Publish', 'Optimise roster']) {
        expect(await p.getByRole('button', { name }).count(), name).toBe(0);
      }
      expect(await p.locator('button.cell').count()).toBe(0);
      expect((await p.locator(`[data-testid="schedule-grid"] tr`, { hasText: 'Maria' }).locator('td').first().textContent())!.trim()).toBe('10:00–18:00');
      await reviewShot(p, 'schedule-lead.png', { fullPage: true });

      // And the API refuses a lead's changes.
      const headers = { origin: app.url, 'content-type': 'application/json' };
      const late = ((await apiGet(p, '/api/schedules/templates')) as { templates: Template[] }).templates.find((t) => t.name === 'Late desk')!;
      expect((await p.request.patch(`/api/schedules/templates/${late.id}`, { headers, data: { active: true } })).status()).toBe(403);
      expect((await p.request.post('/api/schedules/templates', { headers, data: { ...late, id: undefined, name: 'Lead desk' } })).status()).toBe(403);
      expect((await lateDesk())!.active).toBe(false);
    } finally {
      await lead.context.close();
    }
  });
});
