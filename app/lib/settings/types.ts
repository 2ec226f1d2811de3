/** The answer of GET /api/settings as the page uses it (see app/server/settings/center-settings.ts). */
import type { CenterSettingsView, QueueSettings, RosterEntry } from '../../server/settings/center-settings.ts';
import { DEFAULT_SHORT_ABANDON_S, DEFAULT_SL_FORMULA, DEFAULT_SL_THRESHOLD_S } from '../../../analytics/metrics/metric-query.ts';

export type { QueueSettings, RosterEntry };

/** GET /api/settings answers the server's own view. */
export type SettingsAnswer = CenterSettingsView;

/** The defaults (docs/definitions.md), shown for a queue without stored settings. */
export const DEFAULTS = { sl_threshold_s: DEFAULT_SL_THRESHOLD_S, short_abandon_s: DEFAULT_SHORT_ABANDON_S, sl_formula: DEFAULT_SL_FORMULA };
