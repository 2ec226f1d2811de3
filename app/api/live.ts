/**
 * /api/live: the live floor now (app/server/live/live-snapshot.ts), and /api/live/stream, the same
 * object as server-sent events: `event: snapshot` on connecting and on every change (coalesced,
 * app/server/live/live-feed.ts), a comment line every 15 s to keep proxies from closing the
 * connection, and `retry:` so a browser reconnects within seconds. Every event is the whole state,
 * so a reconnect resumes without a gap: its first event is the state as it is then.
 */
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { liveFeedOf } from '../server/live/live-feed.ts';
import type { LiveSnapshot } from '../server/live/live-snapshot.ts';
import type { AuthEnv } from './auth.ts';

const KEEP_ALIVE_MS = 15_000;

/** One snapshot is sent to every listener: its JSON is made once, not once per connection. */
const texts = new WeakMap<LiveSnapshot, string>();
function text(snapshot: LiveSnapshot): string {
  let t = texts.get(snapshot);
  if (t === undefined) texts.set(snapshot, (t = JSON.stringify(snapshot)));
  return t;
}
const RETRY_MS = 3_000;

export const live = new Hono<AuthEnv>()
  .get('/', async (c) => {
    c.header('cache-control', 'no-store');
    return c.json(await liveFeedOf(c.var.ctx).snapshot());
  })
  .get('/stream', async (c) => {
    const f = liveFeedOf(c.var.ctx);
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
      await stream.writeSSE({ event: 'snapshot', data: text(await f.recent()), id: String(++seq), retry: RETRY_MS });
      while (!stream.aborted && !stream.closed) {
        const next = queue.shift();
        if (next) {
          await stream.writeSSE({ event: 'snapshot', data: text(next), id: String(++seq) });
          continue;
        }
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, KEEP_ALIVE_MS);
        });
        wake = null;
        if (queue.length === 0 && !stream.aborted) await stream.write(': keep-alive\n\n');
      }
      unsubscribe();
    });
  });
