/**
 * A page's refusal (bad dates, too long a range, no calls loaded: a CallboardError under 500) as the
 * sentence the page shows instead of its figures; anything else is a server error and is thrown on.
 * For the streamed parts of a page load: `promise.catch(refusalText)`.
 */
import { CallboardError } from '../../sql/errors.ts';

export function refusalText(e: unknown): string {
  if (e instanceof CallboardError && e.status < 500) return e.message;
  throw e;
}
