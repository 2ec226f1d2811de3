/**
 * The one source of every figure's meaning: the glossary in docs/definitions.md (between the
 * glossary markers), the app's glossary and the `definitions` each analytics answer carries are all
 * read from here. glossary.test.ts ties each list to the keys the code actually returns, and the
 * README to renderGlossaryMarkdown(), so a figure and its explanation cannot drift apart.
 */

/** Settings that change a figure (the query options of the same name override the stored ones). */
export type SettingName =
  | 'time_zone'
  | 'sl_threshold_s'
  | 'short_abandon_s'
  | 'sl_formula'
  | 'interval_minutes'
  | 'follow_up_window_s'
  | 'repeat_window_s'
  | 'roster'
  | 'opening_hours'
  | 'reason_cdr_field';

export type Unit = 'text' | 'count' | 'rate' | 'seconds';

export interface Definition {
  key: string;
  label: string;
  unit: Unit;
  definition: string;
  formula: string;
  settings: SettingName[];
}

/**
 * One entry. Generic in its unit and setting names so that reports-definitions.ts defines the figures
 * only reports have (hours, scores) in the same form; each list's type checks them.
 */
export const define = <U extends string, S extends string>(key: string, label: string, unit: U, definition: string, formula: string, settings: S[] = []) => ({
  key,
  label,
  unit,
  definition,
  formula,
  settings
});

/** Keys of `callboard metrics` rows and GET /api/metrics, in output order (docs/definitions.md). */
export const CALL_METRIC_DEFINITIONS: readonly Definition[] = [
  define(
    'period_start',
    'Period',
    'text',
    "Start of the period in the center's local time: a date for day, week (ISO, Monday first), month, quarter (its first day) and total (the range's first day); a date-time for intervals. A visit belongs to the period of its ENTERQUEUE time. Days at clock changes are whole local days (23 or 25 hours); the repeated hour when clocks fall back is one interval holding both passes.",
    'bucket(local ENTERQUEUE time)',
    ['time_zone', 'interval_minutes']
  ),
  define('queue', 'Queue', 'text', 'The queue of the visit (rows grouped by queue only).', 'calls.queue'),
  define(
    'rep',
    'Rep',
    'text',
    "The rep who answered, by name where the roster maps the member interface to a person, else the interface; null on the row of calls nobody answered (rows grouped by rep only).",
    'roster.name ?? CONNECT member interface',
    ['roster']
  ),
  define('rep_interface', 'Rep interface', 'text', 'The member interface of CONNECT, e.g. PJSIP/7009 (rows grouped by rep only).', 'calls.agent'),
  define(
    'reason',
    'Reason',
    'text',
    "Why the caller called: the call's reason code from a queue_log WRAPUPCODE/CALLSTATUS line, else the CDR's userfield (or accountcode) or a mapped CSV's reason; null on the row of calls without one (rows grouped by reason only).",
    'queue_log > CDR/CSV',
    ['reason_cdr_field']
  ),
  define('reason_name', 'Reason name', 'text', "The code's display name in the reason catalogue; null for a code the catalogue does not know (shown as itself).", 'reason_catalogue.name'),
  define(
    'reason_group',
    'Reason group',
    'text',
    "The code's group in the reason catalogue (Billing, Missed pick-up, Bulky item, Special needs / pack-out, Other). Rows grouped by reason_group: 'Not in catalogue' for the codes the catalogue lacks and null for the calls without a reason, so the groups add up to the totals.",
    'reason_catalogue.reason_group'
  ),
  define(
    'offered',
    'Offered',
    'count',
    'Inbound queue visits that entered the queue in the period and have ended (answered, abandoned, timed out or turned away). A call that moves to a second queue is a visit in each; visits still open count nowhere; outbound calls are never offered.',
    'answered + abandoned + timed_out + blocked'
  ),
  define('answered', 'Answered', 'count', 'Visits a rep answered (CONNECT, ended by COMPLETECALLER, COMPLETEAGENT or a transfer).', 'count(outcome = answered)'),
  define('abandoned', 'Abandoned', 'count', 'Visits the caller hung up on while waiting (ABANDON), short abandons included.', 'count(outcome = abandoned)'),
  define(
    'short_abandoned',
    'Short abandons',
    'count',
    'Abandoned visits whose wait was shorter than the short-abandon threshold: misdials and instant hang-ups, left out of lost calls and rates.',
    'count(abandoned and wait_s < short_abandon_s)',
    ['short_abandon_s']
  ),
  define('timed_out', 'Timed out', 'count', 'Visits that left the queue without an answer: EXITWITHTIMEOUT, EXITEMPTY or EXITWITHKEY.', 'count(outcome = timed_out)'),
  define(
    'blocked',
    'Turned away',
    'count',
    "Callers the queue refused at the door, who never waited: nobody was available to take the call (JOINEMPTY, JOINUNAVAIL, by the queue's joinempty setting) or the queue was full (FULL, its maxlen reached). Offered and lost, with a wait of 0.",
    'count(outcome = blocked)'
  ),
  define(
    'lost',
    'Lost',
    'count',
    'Callers who wanted a rep and did not get one: abandons after the short-abandon threshold, time-outs, and callers turned away.',
    '(abandoned − short_abandoned) + timed_out + blocked',
    ['short_abandon_s']
  ),
  define(
    'lost_rate',
    'Lost rate',
    'rate',
    'Share of real calls that were lost; null when there were none.',
    'lost / (offered − short_abandoned)',
    ['short_abandon_s']
  ),
  define(
    'answered_within_sl',
    'Answered within SL',
    'count',
    'Answered visits that waited no longer than the service-level threshold.',
    'count(answered and wait_s ≤ sl_threshold_s)',
    ['sl_threshold_s']
  ),
  define(
    'service_level',
    'Service level',
    'rate',
    "Share answered within the threshold, by the queue's service-level formula: offered (default) = answered_within_sl / (offered − short_abandoned); icmi = answered_within_sl / (answered + abandoned or timed out after waiting longer than the threshold + turned away); answered = answered_within_sl / answered. Each visit is judged by its own queue's settings. Null when the denominator is 0.",
    'answered_within_sl / denominator(sl_formula)',
    ['sl_threshold_s', 'short_abandon_s', 'sl_formula']
  ),
  define('asa_s', 'ASA', 'seconds', 'Average speed of answer: mean wait of answered visits (CONNECT holdtime); null with no answers.', 'mean(wait_s of answered)'),
  define(
    'aht_s',
    'AHT',
    'seconds',
    'Average handle time of answered visits: talk time plus wrap-up where the source records it; null with no answers.',
    'mean(talk_s + wrap_s of answered)'
  ),
  define('avg_abandon_wait_s', 'Avg abandon wait', 'seconds', 'Mean wait before the caller hung up, over all abandoned visits (short ones included); null with no abandons.', 'mean(wait_s of abandoned)'),
  define('max_wait_s', 'Longest wait', 'seconds', 'The longest wait of any visit in the period, whatever its outcome; null with no visits.', 'max(wait_s)'),
  define(
    'ring_no_answer',
    'Ring, no answer',
    'count',
    "Times a rep's phone rang for a visit and nobody picked up (RINGNOANSWER). Grouped by rep: the ringing rep's own, for visits that entered the queue in the period.",
    'count(RINGNOANSWER)'
  ),
  define('transferred', 'Transferred', 'count', 'Answered visits ended by a transfer (TRANSFER, BLINDTRANSFER, ATTENDEDTRANSFER).', 'count(answered and ended by a transfer)')
];

export const FOLLOW_UP_DEFINITIONS: readonly Definition[] = [
  define(
    'lost_callers',
    'Lost callers',
    'count',
    'Lost inbound visits (abandoned after the short-abandon threshold, or timed out) that left a caller number, entered in the range. Each lost call is judged on its own: a caller lost twice counts twice.',
    'count(lost and caller is known)',
    ['short_abandon_s', 'time_zone']
  ),
  define(
    'recovered',
    'Recovered',
    'count',
    'Lost callers who, within the follow-up window after the lost call ended, got through (an inbound call from the same number answered) or were called back (an outbound call to the number, picked up). Numbers match on their last 10 digits, so +1 312 555 0143 and 3125550143 are one caller.',
    'count(first answered contact − lost end ≤ window)',
    ['follow_up_window_s']
  ),
  define('recovery_rate', 'Recovery rate', 'rate', 'Share of lost callers recovered within the window; null with no lost callers.', 'recovered / lost_callers', ['follow_up_window_s']),
  define(
    'median_recovery_s',
    'Median time to recovery',
    'seconds',
    'Median time from the moment the call was lost (the caller hung up or was timed out) to the first answered contact: their new call connecting to a rep, or a call-back being picked up; over recovered callers, null with none.',
    'median(recovery_s)',
    ['follow_up_window_s']
  )
];

export const REPEAT_CALLER_DEFINITIONS: readonly Definition[] = [
  define('answered', 'Answered with a number', 'count', 'Answered inbound visits in the range that carry a caller number (the ones a repeat can be seen for).', 'count(answered and caller is known)'),
  define(
    'repeat_calls',
    'Repeat calls',
    'count',
    'Of those, the ones whose caller had already called (any inbound call, any outcome, another call id) within the repeat window before this one entered the queue: a first-contact-resolution proxy.',
    'count(previous inbound call from the number within repeat_window_s)',
    ['repeat_window_s']
  ),
  define('repeat_rate', 'Repeat rate', 'rate', 'Share of answered calls that were repeats; null with no answered calls.', 'repeat_calls / answered', ['repeat_window_s'])
];

export const REP_ACTIVITY_DEFINITIONS: readonly Definition[] = [
  define('rep_id', 'Rep id', 'text', "The roster's id for the person, else one made from the member interface (PJSIP/7001 → pjsip-7001), as GET /api/reps gives it.", 'roster.rep_id ?? rep_id_of(interface)', ['roster']),
  define('rep', 'Rep', 'text', 'The roster name, else the member interface.', 'roster.name ?? interface', ['roster']),
  define('interfaces', 'Interfaces', 'text', 'Every member interface of this rep seen in the range (calls and log-ins).', 'distinct interfaces'),
  define('handled', 'Handled', 'count', 'Inbound visits the rep answered that entered the queue in the range.', 'count(answered by the rep)'),
  define('talk_s', 'Talk time', 'seconds', 'Total talk time of the handled visits.', 'sum(talk_s)'),
  define('handle_s', 'Handle time', 'seconds', 'Total talk plus wrap-up time of the handled visits.', 'sum(talk_s + wrap_s)'),
  define('aht_s', 'AHT', 'seconds', 'Mean handle time of the handled visits; null with none.', 'handle_s / handled'),
  define('ring_no_answer', 'Ring, no answer', 'count', "Times the rep's phone rang for a visit that entered in the range and they did not pick up.", 'count(RINGNOANSWER by the rep)'),
  define('transferred', 'Transferred', 'count', 'Handled visits the rep ended with a transfer.', 'count(handled and transferred)'),
  define(
    'logged_in_s',
    'Logged in',
    'seconds',
    "Time logged in to at least one queue (overlapping log-ins to several queues count once), clipped to the range's local days. A log-in with no log-off ends by the documented rule: in the export still being written it counts until now, at most a maximum shift (a setting, 12 h); in an older one it ends at the rep's last activity there; a PBX restart (QUEUESTART) ends it first. Never into another file's data.",
    '|union(logged-in intervals) ∩ range|',
    ['time_zone']
  ),
  define('paused_s', 'Paused', 'seconds', 'Logged-in time spent paused.', '|logged in ∩ paused ∩ range|', ['time_zone']),
  define(
    'occupancy',
    'Occupancy',
    'rate',
    'Talk time over the time the rep was available (logged in and not paused); null when never available. Talk taken while paused still counts, so it can exceed 1.',
    'talk_s / (logged_in_s − paused_s)',
    ['time_zone']
  )
];

export const REPS_ON_PHONES_DEFINITIONS: readonly Definition[] = [
  define('period_start', 'Interval', 'text', "Local start of the interval (as in the metric rows).", 'bucket(local time)', ['time_zone', 'interval_minutes']),
  define('interval_s', 'Interval length', 'seconds', 'Real seconds in the interval: normally its minutes × 60; twice that for the repeated hour when clocks fall back.', 'seconds of real time in the bucket', ['interval_minutes']),
  define(
    'reps_on_phones',
    'Reps on the phones',
    'count',
    'Reps who were logged in and not paused for more than half of the interval: the actual staffing to compare with the plan. Log-ins with no log-off end as Logged in says; while every queue with opening hours is closed, a rep with no activity (no event, no call) is not on the phones.',
    'count(rep available_s > interval_s / 2)',
    ['interval_minutes']
  ),
  define('available_rep_s', 'Available rep-seconds', 'seconds', 'Seconds of all reps logged in and not paused within the interval.', 'sum(|logged in − paused ∩ interval|)', ['interval_minutes']),
  define('staffed_reps', 'Staffed reps (average)', 'count', 'Average number of reps available over the interval (fractional).', 'available_rep_s / interval_s', ['interval_minutes'])
];

/** One episode of the alert log (the day view, `callboard alerts`) and, still firing, of the live floor's `alerts`. */
export const ALERT_DEFINITIONS: readonly Definition[] = [
  define('queue', 'Queue', 'text', 'The queue the alert held on. A rule for every queue (*) is applied to each queue on its own.', 'calls.queue'),
  define('label', 'Queue name', 'text', "The queue's display name (Settings), else its name.", 'queue_settings.label ?? queue'),
  define(
    'kind',
    'Alert',
    'text',
    "What the admin's rule watches: longest_wait (a caller waiting has waited over the threshold, in seconds), waiting (more callers waiting than the threshold), nobody_available (callers waiting and no rep of the queue available, for over the threshold in seconds; available as on the live floor: logged in to the queue, not on a call, ringing, in wrap-up or paused), service_level (the service level of the day so far, each call counted from when it ended, under the threshold; judged once 10 calls count). A queue's own rule of a kind replaces the every-queue one.",
    'alert_rules.kind'
  ),
  define('threshold', 'Threshold', 'text', "The rule's threshold, in the kind's unit: seconds, callers, or a fraction (service level; the queue's staffing target when the rule gives none).", 'alert_rules.threshold ?? staffing target'),
  define(
    'from',
    'From',
    'text',
    'The instant the rule first held (ISO, UTC; pages show the center\'s clock; `since` in the live floor\'s alerts): for a wait, the caller\'s enter plus the threshold; for nobody available, the start of the stretch plus the threshold. Worked out from the loaded calls and rep states at the exact instants they change, so imported days have their log too.',
    'first instant the condition holds'
  ),
  define('to', 'To', 'text', 'The instant it stopped holding (the day\'s end at the latest); null while it still holds now (firing).', 'first instant it no longer holds'),
  define(
    'peak',
    'Peak',
    'text',
    'The worst value reached while it held: the longest wait (seconds), the most callers waiting, or the lowest service level (a fraction). A caller whose visit never ends in the data counts as waiting at most an hour, as on the live floor.',
    'max (min for service level) over the episode'
  ),
  define('text', 'In words', 'text', 'The episode in plain words on the center\'s clock: "10:42–10:58 longest wait over 2 min, peak 3 min 10 s".', 'alert-words.ts'),
  define('firing_text', 'Firing', 'text', 'While it holds now: "Longest wait over 2 min since 10:42" (`text` in the live floor\'s alerts, which lists only these); else null.', 'alert-words.ts')
];

/** The rest of today on /live and the day view (analytics/staffing/intraday-outlook.ts). */
export const OUTLOOK_DEFINITIONS: readonly Definition[] = [
  define('cut_off', 'Cut-off', 'text', 'Local time the outlook was made at: the intervals that ended by then are "so far", the rest are re-projected (the one under way included).', 'local time now, at most a minute old', ['time_zone']),
  define('calls_so_far', 'Calls so far', 'count', 'Inbound visits offered today in the intervals that ended by the cut-off, all queues.', 'Σ offered (intervals ended by the cut-off)', ['time_zone']),
  define('forecast_so_far', 'Forecast so far', 'count', 'What the day-ahead forecast (trained on the days before today) expected for the same intervals.', 'Σ day-ahead forecast (intervals ended by the cut-off)'),
  define('ratio', 'Today against forecast', 'rate', 'Calls so far over the forecast so far: 1.2 is a day running 20 % busier than expected. Null while under one call is forecast.', 'calls_so_far / forecast_so_far'),
  define(
    'factor',
    'Re-projection factor',
    'rate',
    'What the rest of the day\'s forecast is multiplied by: the ratio pulled toward 1 by how many calls it rests on (K = 100 pseudo-calls), never below 0. With 100 calls forecast so far, half the ratio\'s excess counts; with 900, nine tenths.',
    'max(0, 1 + w·(ratio − 1)), w = forecast_so_far / (forecast_so_far + 100)'
  ),
  define('day_ahead', 'Day-ahead forecast', 'count', 'Calls the forecast made from the days before today expects in the interval (the center as one pool).', 'forecast(interval)', ['interval_minutes']),
  define('reprojected', 'Re-projected calls', 'count', 'The intraday re-projection: the day-ahead forecast of an interval still to come times the re-projection factor (the day\'s shape kept, its level moved by the morning\'s calls).', 'day_ahead × factor', ['interval_minutes']),
  define('reprojected_day', 'Re-projected day', 'count', 'Today\'s expected total now: the calls so far plus the re-projected rest of the day.', 'calls_so_far + Σ reprojected'),
  define('required', 'Reps required', 'count', 'Reps to schedule for the re-projected calls: Erlang A (or C without a known patience) with the center\'s staffing target, divided by (1 − shrinkage), rounded up.', 'ceil(agents(reprojected, aht, target) / (1 − shrinkage))'),
  define('scheduled', 'Reps scheduled', 'count', 'Reps the published schedule has on the phones in the interval, breaks taken out (an average: a rep on a break for half of it counts half). Null with no published schedule.', 'Σ on-phone share of the published shifts'),
  define('lines', 'Short / over', 'text', 'Runs of intervals whose scheduled reps differ from the required by half a rep or more, in plain words: "Short 2 reps 14:00–15:30", "Over by 1 rep 16:00–17:00", else "Enough reps for the rest of the day".', 'runs of round(scheduled − required) ≠ 0')
];

/**
 * Schedule adherence (analytics/staffing/adherence.ts): the Coverage page's past day, the day view and
 * the live floor (GET /api/day/adherence `reps`, GET /api/live `adherence.reps`).
 */
export const ADHERENCE_DEFINITIONS: readonly Definition[] = [
  define('rep_id', 'Rep id', 'text', "The roster's id for the person the published shift is for.", 'schedule_shifts.rep_id', ['roster']),
  define('name', 'Rep', 'text', 'The roster name, else the rep id.', 'roster.name ?? rep_id', ['roster']),
  define(
    'scheduled_s',
    'Scheduled',
    'seconds',
    "Shift time in the published schedule, breaks and lunch included; today only the part before now. A draft week's shifts count nothing.",
    '|published shifts ∩ day (∩ before now)|',
    ['time_zone']
  ),
  define(
    'in_state_s',
    'In the scheduled state',
    'seconds',
    'Of the scheduled time, the time the rep did what the schedule said: on the phones (logged in, not paused) while scheduled on them, off them (paused or logged out) while scheduled on a break or lunch. Measured per 15-minute slice: within one slice the rep is given the best alignment, so a break taken a few minutes off its time in the same slice costs nothing. A slice when every queue is closed and the rep did nothing counts as off the phones.',
    'Σ per slice: min(available, scheduled on) + max(0, scheduled break − max(0, available − scheduled on))',
    ['time_zone', 'opening_hours']
  ),
  define(
    'adherence',
    'Adherence',
    'rate',
    'Time in the scheduled state over the scheduled time, so far; null before the shift began. Time outside every shift counts neither way: logging in on a day off or before the shift is never held against the rep.',
    'in_state_s / scheduled_s',
    ['time_zone']
  ),
  define('scheduled_on_phone_s', 'Scheduled on the phones', 'seconds', 'Of the scheduled time, the part outside breaks and lunch.', 'scheduled_s − |breaks|', ['time_zone']),
  define('on_phone_in_shift_s', 'On the phones in the shift', 'seconds', 'Time the rep was on the phones (logged in, not paused) within their scheduled shift.', '|available ∩ shift|', ['time_zone', 'opening_hours'])
];

export interface GlossarySection {
  title: string;
  definitions: readonly Definition[];
}

export const GLOSSARY: readonly GlossarySection[] = [
  { title: 'Call metrics (`callboard metrics`, `GET /api/metrics`)', definitions: CALL_METRIC_DEFINITIONS },
  { title: 'Lost-call follow-up (`GET /api/metrics/follow-up`)', definitions: FOLLOW_UP_DEFINITIONS },
  { title: 'Repeat callers (`GET /api/metrics/repeat-callers`)', definitions: REPEAT_CALLER_DEFINITIONS },
  { title: 'Per rep (`GET /api/metrics/rep-activity`, `reps`)', definitions: REP_ACTIVITY_DEFINITIONS },
  { title: 'Reps on the phones per interval (`GET /api/metrics/rep-activity`, `intervals`)', definitions: REPS_ON_PHONES_DEFINITIONS },
  { title: 'Alerts (the day view\'s alert log, `GET /api/live` `alerts`)', definitions: ALERT_DEFINITIONS },
  { title: 'Rest of today: intraday re-projection and staffing (`GET /api/live`, `outlook`)', definitions: OUTLOOK_DEFINITIONS },
  { title: 'Adherence to the published schedule (`GET /api/day/adherence`, `GET /api/live` `adherence.reps`, the Coverage page\'s past day)', definitions: ADHERENCE_DEFINITIONS }
];

/** The definitions of the given keys, in the order given (unknown keys are a bug). */
export function definitionsFor(section: readonly Definition[], keys: readonly string[]): Definition[] {
  return keys.map((key) => {
    const found = section.find((d) => d.key === key);
    if (!found) throw new Error(`No glossary entry for "${key}"`);
    return found;
  });
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The glossary as markdown tables, one per section (written into docs/definitions.md). */
export function renderGlossaryMarkdown(sections: readonly GlossarySection[] = GLOSSARY): string {
  const parts: string[] = [];
  for (const s of sections) {
    parts.push(`### ${s.title}`, '', '| key | meaning | formula | settings |', '|---|---|---|---|');
    for (const d of s.definitions) {
      const settings = d.settings.length ? d.settings.map((x) => `\`${x}\``).join(', ') : '';
      parts.push(`| \`${d.key}\` | **${cell(d.label)}** (${d.unit}). ${cell(d.definition)} | ${cell(d.formula)} | ${settings} |`);
    }
    parts.push('');
  }
  return parts.join('\n').trimEnd() + '\n';
}

export const GLOSSARY_START = '<!-- glossary:start (generated by analytics/glossary.ts: npx tsx analytics/write-glossary.ts) -->';
export const GLOSSARY_END = '<!-- glossary:end -->';

/** A README text with the part between the markers replaced by the rendered glossary. */
export function withGlossary(readme: string, glossary = renderGlossaryMarkdown()): string {
  const start = readme.indexOf(GLOSSARY_START);
  const end = readme.indexOf(GLOSSARY_END);
  if (start < 0 || end < start) throw new Error('The README lacks the glossary markers');
  return readme.slice(0, start + GLOSSARY_START.length) + '\n\n' + glossary + '\n' + readme.slice(end);
}
