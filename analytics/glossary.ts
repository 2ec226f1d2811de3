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
  | 'opening_hours';

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

export interface GlossarySection {
  title: string;
  definitions: readonly Definition[];
}

export const GLOSSARY: readonly GlossarySection[] = [
  { title: 'Call metrics (`callboard metrics`, `GET /api/metrics`)', definitions: CALL_METRIC_DEFINITIONS },
  { title: 'Lost-call follow-up (`GET /api/metrics/follow-up`)', definitions: FOLLOW_UP_DEFINITIONS },
  { title: 'Repeat callers (`GET /api/metrics/repeat-callers`)', definitions: REPEAT_CALLER_DEFINITIONS },
  { title: 'Per rep (`GET /api/metrics/rep-activity`, `reps`)', definitions: REP_ACTIVITY_DEFINITIONS },
  { title: 'Reps on the phones per interval (`GET /api/metrics/rep-activity`, `intervals`)', definitions: REPS_ON_PHONES_DEFINITIONS }
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
