/**
 * When a page is done: hydrated, every request its own code made answered, and two frames drawn
 * since. `countRequests(context)` makes the context's pages count what they wait on (from before
 * their own scripts run); `settled(page)` then waits for the count to reach zero and stay there.
 * Exact where `waitForLoadState('networkidle')` guesses: that waits for 500 ms without traffic
 * (half a second a page even when everything has arrived), and it does not wait for an
 * EventSource's first event (the live floor's stream stays open), which this does.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { waitForApp } from './browser.ts';

/** What a page waits on: `pending` requests (by what they are), `started` so far. */
interface Requests {
  pending: Map<number, string>;
  started: number;
}

/**
 * In the page, before its own scripts: every fetch counts until its answer's body has arrived
 * (read from a copy, so the page's code gets an answer that is complete), every XMLHttpRequest
 * until it ends, every EventSource until its first event (or error) has reached the page's listeners.
 */
function countInPage(): void {
  const requests: Requests = { pending: new Map(), started: 0 };
  (window as unknown as { __requests: Requests }).__requests = requests;
  let next = 0;
  const begin = (what: string) => {
    const id = next++;
    requests.started++;
    requests.pending.set(id, what);
    return () => void requests.pending.delete(id);
  };

  // A fetch counts until its body has arrived and the page's own code has had it: the answer is
  // handed over whole, and the count ends a task later, or, when the page started reading the body
  // by then (res.json() and the like), a task after that read ends. So the fetch an answer's
  // handler makes starts before this one stops counting, however slow the machine is.
  const reads = ['arrayBuffer', 'blob', 'formData', 'json', 'text'] as const;
  const afterATask = (then: () => void) => void setTimeout(then, 0);
  const fetchOf = window.fetch;
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const end = begin(`fetch ${input instanceof Request ? input.url : String(input)}`);
    return fetchOf(input, init).then(
      async (res) => {
        await res.clone().arrayBuffer().catch(() => undefined);
        let reading: Promise<unknown> | undefined;
        for (const name of reads) {
          const read = res[name].bind(res) as () => Promise<unknown>;
          Object.defineProperty(res, name, { value: () => (reading = read()) });
        }
        afterATask(() => (reading ? void reading.then(() => afterATask(end), () => afterATask(end)) : end()));
        return res;
      },
      (error: unknown) => {
        afterATask(end);
        throw error;
      },
    );
  };

  const send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.send = function (body?: Document | XMLHttpRequestBodyInit | null) {
    this.addEventListener('loadend', begin('XMLHttpRequest'), { once: true });
    return send.call(this, body);
  };

  const Source = window.EventSource;
  const ends = new WeakMap<EventTarget, () => void>();
  const add = EventTarget.prototype.addEventListener;
  class Counted extends Source {
    constructor(url: string | URL, init?: EventSourceInit) {
      super(url, init);
      const end = begin(`EventSource ${String(url)}`);
      ends.set(this, end);
      add.call(this, 'error', end);
    }
  }
  // Each listener the page adds is followed by one that ends the count, so the event has been handled.
  (Counted.prototype as EventTarget).addEventListener = function (this: EventTarget, type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions) {
    add.call(this, type, listener, options);
    const end = ends.get(this);
    if (end && type !== 'open') add.call(this, type, end);
  };
  window.EventSource = Counted;
}

/** Makes every page of `context` count the requests it waits on (call before opening pages). */
export async function countRequests(context: BrowserContext): Promise<void> {
  await context.addInitScript(countInPage);
}

/**
 * Waits until `page` (in a context given to `countRequests`) is hydrated, nothing it asked for is
 * pending, and two animation frames have passed without a new request: the page's code has had
 * its answers and drawn them (its state updates, layout and resize observers run within a frame;
 * the app has no timed transitions). Fails naming what is still pending after `timeoutMs`.
 */
export async function settled(page: Page, timeoutMs = 15_000): Promise<void> {
  await waitForApp(page);
  const pending = await page.evaluate(async (timeoutMs) => {
    const requests = (window as unknown as { __requests?: Requests }).__requests;
    if (!requests) return ['(requests are not counted in this page: call countRequests(context) before opening it)'];
    const twoFrames = () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    const until = performance.now() + timeoutMs;
    while (performance.now() < until) {
      const started = requests.started;
      await twoFrames();
      if (requests.pending.size === 0 && requests.started === started) return [];
    }
    return [...requests.pending.values()];
  }, timeoutMs);
  if (pending.length > 0) throw new Error(`${page.url()} did not settle within ${timeoutMs / 1000} s: still waiting for ${pending.join(', ')}`);
}
