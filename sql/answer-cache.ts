/**
 * Answers worth sharing between readers: many people reading the same day at once should cost one
 * computation, not one each. An answer is kept for a few seconds and only while the data it was read
 * from is unchanged: the key carries the database's write count (Database.version, raised after every
 * write that goes through sql/db.ts), so the first read after a load, a note or a setting change
 * computes afresh. Readers asking for the same key while it is being computed share that one
 * computation (single flight).
 *
 * Known limits: a few seconds' staleness for answers that depend on the clock (today's "so far"
 * figures; the TTL bounds it), and writes made by another process are not seen (DuckDB lets one
 * process own the file, so there are none while a server runs). CALLBOARD_ANSWER_CACHE=0 turns it off
 * (the page-latency bench measures the computation itself that way).
 */
export const ANSWER_TTL_MS = 5_000;
const MAX_ANSWERS = 200;

interface Entry {
  version: number;
  until: number;
  answer: Promise<unknown>;
}

export class AnswerCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly version: () => number,
    private readonly enabled = process.env.CALLBOARD_ANSWER_CACHE !== '0'
  ) {}

  /** The answer for `key` read at the current data version, computing it with `compute` when missing. */
  get<T>(key: string, compute: () => Promise<T>, ttlMs = ANSWER_TTL_MS): Promise<T> {
    if (!this.enabled) return compute();
    const now = Date.now();
    const version = this.version();
    const hit = this.entries.get(key);
    if (hit && hit.version === version && hit.until > now) return hit.answer as Promise<T>;
    const answer = compute();
    const entry: Entry = { version, until: now + ttlMs, answer };
    this.entries.delete(key); // re-inserted last: the Map's order is then oldest first
    this.entries.set(key, entry);
    // A failed computation is not kept: the next reader tries again.
    answer.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    if (this.entries.size > MAX_ANSWERS) this.entries.delete(this.entries.keys().next().value!);
    return answer;
  }

  clear(): void {
    this.entries.clear();
  }
}
