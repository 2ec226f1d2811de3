/**
 * The server's catching up of the repeat and follow-up facts after loads (analytics/call-facts.ts):
 * in the background, one at a time, again once more if loads came in meanwhile. Until it is done the
 * trends count from the calls (slower, same figures), so nobody waits for it.
 */
import type { Database } from '../../sql/db.ts';
import { catchUpCallFacts } from '../../analytics/callers/call-facts.ts';

/** Each database's catch-up under way, and whether loads came in since it started (a process may hold several: tests). */
const underWay = new WeakMap<Database, { running: Promise<void>; again: boolean }>();

/**
 * `reportDone` false: say nothing when it works (the server's start: its last lines stay the URL and
 * the sign-ins); a failure is always said.
 */
export function catchUpFactsSoon(db: Database, log: (line: string) => void, { reportDone = true } = {}): Promise<void> {
  const current = underWay.get(db);
  if (current) {
    current.again = true;
    return current.running;
  }
  const state = { running: Promise.resolve(), again: false };
  state.running = (async () => {
    do {
      state.again = false;
      const t0 = performance.now();
      const done = await catchUpCallFacts(db);
      if (done === 'full' && reportDone) log(`repeat and follow-up facts worked out again in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    } while (state.again);
  })()
    .catch((e) => log(`repeat and follow-up facts: ${e instanceof Error ? e.message : String(e)} (trends count from the calls meanwhile)`))
    .finally(() => underWay.delete(db));
  underWay.set(db, state);
  return state.running;
}
