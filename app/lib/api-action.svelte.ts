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

const UNREACHABLE = 'Could not reach the server; try again.';

/** What a failed call says: the API's own message, or `otherwise` (by default, that the server could not be reached). */
export const failureMessage = (e: unknown, otherwise = UNREACHABLE): string => (e instanceof ApiError ? e.message : otherwise);

export class ApiAction {
  busy = $state(false);
  error = $state<string | null>(null);

  /**
   * Runs `change`, then reloads the page's data (unless `reload` is false); true when it worked.
   * `failure`: what to say when it fails other than by the API's refusal (a form's own wording).
   */
  async run(change: () => Promise<unknown>, opts: { reload?: boolean; failure?: string } = {}): Promise<boolean> {
    this.busy = true;
    this.error = null;
    try {
      await change();
      if (opts.reload !== false) await invalidateAll();
      return true;
    } catch (e) {
      this.error = failureMessage(e, opts.failure);
      return false;
    } finally {
      this.busy = false;
    }
  }
}
