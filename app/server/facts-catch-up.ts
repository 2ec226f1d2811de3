/**
 * The server's catching up of the repeat and follow-up facts after loads (analytics/call-facts.ts):
 * in the background, one at a time, again once more if loads came in meanwhile. Until it is done the
 * trends count from the calls (slower, same figures), so nobody waits for it.
 */
import type { Database } from '../../sql/db.ts';
import { catchUpCallFacts } from '../../analytics/callers/call-facts.ts';

let running: Promise<void> | null = null;
let again = false;

/**
 * `reportDone` false: say nothing when it works (the server's start: its last lines stay the URL and
 * the sign-ins); a failure is always said.
 */
export function catchUpFactsSoon(db: Database, log: (line: string) => void, { reportDone = true } = {}): Promise<void> {
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    do {
      again = false;
      const t0 = performance.now();
      const done = await catchUpCallFacts(db);
      if (done === 'full' && reportDone) log(`repeat and follow-up facts worked out again in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    } while (again);
  })()
    .catch((e) => log(`repeat and follow-up facts: ${e instanceof Error ? e.message : String(e)} (trends count from the calls meanwhile)`))
    .finally(() => {
      running = null;
    });
  return running;
}
