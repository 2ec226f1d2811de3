/**
 * Addresses of the Calls page other pages link to; its view state lives in the query string
 * (app/routes/calls), so these are plain links that can be shared and bookmarked.
 */
import { isMasked } from '../../../analytics/privacy/caller-number-mask.ts';

/** One call: its timeline across the queues it visited, and its caller's other calls. */
export const callHref = (callId: string): string => `/calls?${new URLSearchParams({ call: callId })}`;

/**
 * Every call of one caller number; a masked number (roles that see only its last 4 digits) cannot be
 * searched, so it opens the call, whose page lists the caller's other calls.
 */
export const callerHref = (caller: string, callId: string): string =>
  isMasked(caller) ? callHref(callId) : `/calls?${new URLSearchParams({ caller })}`;

/** The calls that rang at a rep without an answer and that the rep did not answer, on local dates from..to. */
export const rangAtHref = (repId: string, from: string, to: string = from): string => `/calls?${new URLSearchParams({ rang_at: repId, from, to })}`;
