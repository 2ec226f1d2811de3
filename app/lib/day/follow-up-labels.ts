/** How a lost caller's follow-up reads on the page (states from app/server/day/lost-callers.ts). */
import { formatSeconds } from '../shell/format.ts';

export type FollowUpState = 'recovered' | 'called_back' | 'still_lost' | 'no_number';

export const STATE_LABELS: Record<FollowUpState, string> = {
  recovered: 'Recovered',
  called_back: 'Called back',
  still_lost: 'Still lost',
  no_number: 'No number'
};

export function stateDetail(c: { state: FollowUpState; recovery_s: number | null; callback_attempts: number; window_open: boolean }): string {
  switch (c.state) {
    case 'recovered':
      return `got through ${formatSeconds(c.recovery_s)} later`;
    case 'called_back':
      return `call-back answered ${formatSeconds(c.recovery_s)} later`;
    case 'still_lost': {
      const tries = c.callback_attempts ? `${c.callback_attempts} call-back${c.callback_attempts > 1 ? 's' : ''} unanswered` : c.window_open ? 'no call-back yet' : 'never called back';
      return c.window_open ? `${tries}; may still call` : tries;
    }
    case 'no_number':
      return 'the caller left no number';
  }
}

/** "14:05" local time from a UTC ISO time, in the center's zone. */
export function localTime(iso: string, timeZone: string): string {
  return new Date(iso).toLocaleString('en-US', { timeZone, month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
}
