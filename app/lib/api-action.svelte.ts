/**
 * One change a form or button makes through the API, then the page's data again (invalidateAll):
 * `busy` while it runs (to disable the buttons), `status` saying what it is waiting for, `error`
 * (the API's refusal or an unreachable server) and `done`, the confirmation. The confirmation is set
 * only after the reload has finished and the page has drawn the saved data, so a page never says
 * "saved" above the old data. A component keeps one for its forms and shows it with ActionStatus:
 *
 *   const action = new ApiAction();
 *   action.run(() => sendJson('DELETE', `/coverage/adjustments/${id}`), { done: 'Removed.' });
 *   <ActionStatus {action} />
 */
import { tick } from 'svelte';
import { invalidateAll } from '$app/navigation';
import { ApiError } from './api-client.ts';

const UNREACHABLE = 'Could not reach the server; try again.';

/** What a failed call says: the API's own message, or `otherwise` (by default, that the server could not be reached). */
export const failureMessage = (e: unknown, otherwise = UNREACHABLE): string => (e instanceof ApiError ? e.message : otherwise);

export interface RunOptions {
  /** false: the change alters nothing the page shows (a proposal), so nothing is reloaded. */
  reload?: boolean;
  /** What to say when it fails other than by the API's refusal (a form's own wording). */
  failure?: string;
  /** The confirmation, shown once the page holds the saved data. */
  done?: string;
  /** What the busy state says while the change is sent (default "Saving…"). */
  working?: string;
}

export class ApiAction {
  busy = $state(false);
  /** While busy: what the page is waiting for ("Saving…", then "Loading the saved data…"). */
  status = $state<string | null>(null);
  error = $state<string | null>(null);
  done = $state<string | null>(null);

  /** Runs `change`, then reloads the page's data (unless `reload` is false); true when it worked. */
  async run(change: () => Promise<unknown>, opts: RunOptions = {}): Promise<boolean> {
    this.busy = true;
    this.error = null;
    this.done = null;
    this.status = opts.working ?? 'Saving…';
    try {
      await change();
      if (opts.reload !== false) {
        this.status = 'Loading the saved data…';
        await invalidateAll();
        await tick(); // the new data is on the page before the confirmation is
      }
      this.done = opts.done ?? null;
      return true;
    } catch (e) {
      this.error = failureMessage(e, opts.failure);
      return false;
    } finally {
      this.busy = false;
      this.status = null;
    }
  }

  /** Forgets the last confirmation and error (a form opened again). */
  clear() {
    this.done = null;
    this.error = null;
  }
}
