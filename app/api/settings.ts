/**
 * /api/settings (admin): the queues' thresholds, formula and opening hours, the roster, and the
 * center's time zone (app/server/settings/center-settings.ts); the alert rules, which planners may
 * read too (app/server/live/alerts.ts). Every change is audit-logged with before and after. Interfaces contain slashes (PJSIP/7009), so roster entries travel in the body.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { SL_FORMULAS } from '../../analytics/metrics/metric-query.ts';
import { INTERFACE_PATTERN } from '../server/accounts.ts';
import { readSettings, saveQueue, saveRosterEntry, saveTimeZone, saveMaxShift, saveAdherenceThreshold, saveFullTimeHours } from '../server/settings/center-settings.ts';
import { readRules, saveRules } from '../server/live/alerts.ts';
import { ALERT_KINDS } from '../../analytics/live/alert-rules.ts';
import { currentUser, type AuthEnv } from './auth.ts';
import { NUMBER_READERS } from '../server/privacy/caller-numbers.ts';
import { redactionCounts } from '../server/privacy/card-redactions.ts';
import { jsonBody, noQuery, params, repId, queueName, queueOrAll } from './validate.ts';

const seconds = z.number().min(0).max(3_600);
const span = z
  .strictObject({
    weekday: z.number().int().min(1).max(7),
    open_minute: z.number().int().min(0).max(1439),
    close_minute: z.number().int().min(1).max(1440)
  })
  .refine((s) => s.close_minute > s.open_minute, 'closes before it opens');

const QueueBody = z.strictObject({
  label: z.string().trim().max(100).nullable().transform((l) => l || null),
  sl_threshold_s: seconds,
  short_abandon_s: seconds,
  sl_formula: z.enum(SL_FORMULAS),
  hours: z.array(span).max(7 * 6)
});

const RosterBody = z.strictObject({
  interface: z.string().regex(INTERFACE_PATTERN, 'not a member interface (e.g. PJSIP/7009)'),
  rep_id: repId.nullable().optional(),
  name: z.string().trim().min(1, 'give the person a name').max(100),
  team: z.string().trim().max(100).nullable().transform((t) => t || null),
  active: z.boolean()
});

const TimeZoneBody = z.strictObject({ timezone: z.string().min(1).max(64) });
const MaxShiftBody = z.strictObject({ max_shift_s: z.number().int() });
/** The whole set of alert rules; each threshold's range is checked by saveRules (the words the form shows). */
const AlertRulesBody = z.strictObject({
  rules: z
    .array(z.strictObject({ queue: queueOrAll, kind: z.enum(ALERT_KINDS), threshold: z.number().nullable() }))
    .max(4 * 200)
});
const AdherenceThresholdBody = z.strictObject({ adherence_threshold_s: z.number().int() });
const FullTimeHoursBody = z.strictObject({ full_time_hours: z.number() });

export const settings = new Hono<AuthEnv>()
  .get('/', async (c) => {
    noQuery(c);
    return c.json(await readSettings(c.var.ctx));
  })
  // Who sees callers' numbers whole, and how many card numbers were kept out of free text.
  .get('/privacy', async (c) => {
    noQuery(c);
    return c.json({ number_readers: NUMBER_READERS, card_number_redactions: await redactionCounts(c.var.ctx.db) });
  })
  .put('/queues/:queue', async (c) => {
    const { queue } = params(c, z.strictObject({ queue: queueName }));
    const body = await jsonBody(c, QueueBody);
    return c.json(await saveQueue(c.var.ctx.db, currentUser(c), queue, body));
  })
  .put('/roster', async (c) => {
    const body = await jsonBody(c, RosterBody);
    return c.json(await saveRosterEntry(c.var.ctx.db, currentUser(c), body));
  })
  .put('/timezone', async (c) => {
    const body = await jsonBody(c, TimeZoneBody);
    return c.json(await saveTimeZone(c.var.ctx.db, currentUser(c), body.timezone));
  })
  .put('/max-shift', async (c) => {
    const body = await jsonBody(c, MaxShiftBody);
    return c.json(await saveMaxShift(c.var.ctx.db, currentUser(c), body.max_shift_s));
  })
  // Alert rules (issue 14): leads, managers and schedulers read them; admins change them.
  .get('/alerts', async (c) => {
    noQuery(c);
    return c.json(await readRules(c.var.ctx.db));
  })
  .put('/alerts', async (c) => {
    const body = await jsonBody(c, AlertRulesBody);
    return c.json(await saveRules(c.var.ctx.db, currentUser(c), body.rules));
  })
  .put('/adherence-threshold', async (c) => {
    const body = await jsonBody(c, AdherenceThresholdBody);
    return c.json(await saveAdherenceThreshold(c.var.ctx.db, currentUser(c), body.adherence_threshold_s));
  })
  .put('/full-time-hours', async (c) => {
    const body = await jsonBody(c, FullTimeHoursBody);
    return c.json(await saveFullTimeHours(c.var.ctx.db, currentUser(c), body.full_time_hours));
  });
