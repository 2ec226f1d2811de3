/**
 * /api/live: the live floor now (app/server/live/live-snapshot.ts), and /api/live/stream, the same
 * object as server-sent events: `event: snapshot` on connecting and on every change (coalesced,
 * app/server/live/live-feed.ts), a comment line every 15 s to keep proxies from closing the
 * connection, and `retry:` so a browser reconnects within seconds. Every event is the whole state,
 * so a reconnect resumes without a gap: its first event is the state as it is then. The wallboard
 * role (an office TV) is sent no adherence: that is for the lead and the scheduler.
 */
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { liveFeedOf } from '../server/live/live-feed.ts';
import type { LiveSnapshot } from '../server/live/live-snapshot.ts';
import { forViewer } from '../server/live/live-adherence.ts';
import type { Role } from '../server/accounts.ts';
import { currentUser, type AuthEnv } from './auth.ts';

const KEEP_ALIVE_MS = 15_000;

/**
 * One snapshot is sent to every listener: its JSON is made once per kind of viewer (the office TV
 * gets no adherence), not once per connection.
 */
const texts = new WeakMap<LiveSnapshot, { full?: string; tv?: string }>();
function text(snapshot: LiveSnapshot, role: Role): string {
  let cell = texts.get(snapshot);
  if (cell === undefined) texts.set(snapshot, (cell = {}));
  return (cell[role === 'wallboard' ? 'tv' : 'full'] ??= JSON.stringify(forViewer(snapshot, role)));
}
const RETRY_MS = 3_000;

export const live = new Hono<AuthEnv>()
  .get('/', async (c) => {
    c.header('cache-control', 'no-store');
    return c.json(forViewer(await liveFeedOf(c.var.ctx).snapshot(), currentUser(c).role));
  })
  .get('/stream', async (c) => {
    const f = liveFeedOf(c.var.ctx);
    const role = currentUser(c).role;
    c.header('cache-control', 'no-store');
    c.header('x-accel-buffering', 'no');
    return streamSSE(c, async (stream) => {
      let seq = 0;
      const queue: LiveSnapshot[] = [];
      let wake: (() => void) | null = null;
      const unsubscribe = f.subscribe((s) => {
        queue.splice(0, queue.length, s); // only the newest matters
        wake?.();
      });
      stream.onAbort(() => {
        unsubscribe();
        wake?.();
      });
      await stream.writeSSE({ event: 'snapshot', data: text(await f.recent(), role), id: String(++seq), retry: RETRY_MS });
      while (!stream.aborted && !stream.closed) {
        const next = queue.shift();
        if (next) {
          await stream.writeSSE({ event: 'snapshot', data: text(next, role), id: String(++seq) });
          continue;
        }
        // The keep-alive timer goes when a snapshot wakes the stream first: otherwise each snapshot
        // left one behind per client for 15 s (150 timers a second at 3 snapshots/s to 50 boards).
        let timer: NodeJS.Timeout | undefined;
        await new Promise<void>((resolve) => {
          wake = resolve;
          timer = setTimeout(resolve, KEEP_ALIVE_MS);
        });
        clearTimeout(timer);
        wake = null;
        if (queue.length === 0 && !stream.aborted) await stream.write(': keep-alive\n\n');
      }
      unsubscribe();
    });
  });
