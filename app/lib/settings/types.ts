/** The answer of GET /api/settings as the page uses it (see center-settings.server.ts). */
import type { Span } from './hours.ts';

export interface QueueSettings {
  queue: string;
  label: string | null;
  sl_threshold_s: number | null;
  short_abandon_s: number | null;
  sl_formula: 'offered' | 'icmi' | 'answered' | null;
  configured: boolean;
  hours: Span[];
}

export interface RosterEntry {
  interface: string;
  rep_id: string;
  name: string | null;
  team: string | null;
  active: boolean | null;
  on_roster: boolean;
}

export interface SettingsAnswer {
  timezone: string | null;
  timezone_override: string | null;
  queues: QueueSettings[];
  roster: RosterEntry[];
}

/** CONTRACT.md defaults, shown for a queue without stored settings. */
export const DEFAULTS = { sl_threshold_s: 20, short_abandon_s: 5, sl_formula: 'offered' as const };
