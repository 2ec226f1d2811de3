/**
 * Which queue visits are one caller's one conversation. A call that moves to another queue keeps its
 * call id on most Asterisk set-ups (a second ENTERQUEUE under the same id); but a blind transfer to a
 * queue's extension can start a new channel, so the next queue sees a new id. Such a leg is joined
 * when it comes from the same number and enters the queue within TRANSFER_GAP_S of a transferred
 * visit's end. A heuristic on purpose: nothing in queue_log links the two ids.
 */

export const TRANSFER_GAP_S = 5;

export interface Visit {
  id: string;
  callid: string;
  number_key: string | null;
  enter_ts: string;
  end_ts: string | null;
  transferred: boolean;
}

const seconds = (iso: string) => Date.parse(iso) / 1000;

function continues(from: Visit, to: Visit): boolean {
  if (!from.transferred || !from.end_ts || from.callid === to.callid) return false;
  if (!from.number_key || from.number_key !== to.number_key) return false;
  const gap = seconds(to.enter_ts) - seconds(from.end_ts);
  return gap >= 0 && gap <= TRANSFER_GAP_S;
}

/** The visits of `start`'s conversation among `candidates` (which include it), oldest first. */
export function transferChain<V extends Visit>(start: V, candidates: readonly V[]): V[] {
  const chain = new Map<string, V>([[start.id, start]]);
  const queue: V[] = [start];
  while (queue.length > 0) {
    const v = queue.shift()!;
    for (const c of candidates) {
      if (chain.has(c.id)) continue;
      if (c.callid === v.callid || continues(v, c) || continues(c, v)) {
        chain.set(c.id, c);
        queue.push(c);
      }
    }
  }
  return [...chain.values()].sort((a, b) => seconds(a.enter_ts) - seconds(b.enter_ts) || a.id.localeCompare(b.id));
}
