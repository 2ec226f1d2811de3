/**
 * One change a form or button makes through the API, then the page's data again (invalidateAll):
 * `busy` while it runs (to disable the buttons), and `error`, the API's refusal or an unreachable
 * server, to show. A component keeps one for its forms:
 *
 *   const action = new ApiAction();
 *   action.run(() => sendJson('DELETE', `/coverage/adjustments/${id}`));
 *   {#if action.error}<p class="notice error" role="alert">{action.error}</p>{/if}
 */
import { invalidateAll } from '$app/navigation';
import { ApiError } from './api-client.ts';

/** What a failed call says: the API's own message, or that the server could not be reached. */
export const failureMessage = (e: unknown): string => (e instanceof ApiError ? e.message : 'Could not reach the server; try again.');

export class ApiAction {
  busy = $state(false);
  error = $state<string | null>(null);

  /** Runs `change`, then reloads the page's data (unless `reload` is false); true when it worked. */
  async run(change: () => Promise<unknown>, opts: { reload?: boolean } = {}): Promise<boolean> {
    this.busy = true;
    this.error = null;
    try {
      await change();
      if (opts.reload !== false) await invalidateAll();
      return true;
    } catch (e) {
      this.error = failureMessage(e);
      return false;
    } finally {
      this.busy = false;
    }
  }
}
