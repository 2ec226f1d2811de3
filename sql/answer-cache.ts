/**
 * Answers worth sharing between readers: many people reading the same day at once should cost one
 * computation, not one each. An answer is kept only while the data it was read from is unchanged:
 * the key carries a write count (Database.version, raised after every write that goes through
 * sql/db.ts), so the first read after a load, a note or a setting change computes afresh. Readers
 * asking for the same key while it is being computed share that one computation (single flight).
 *
 * An answer is also kept for a few seconds only (the TTL), for answers that move with the clock
 * (today's "so far" figures). With `serveWhileRefreshing`, an answer past its TTL whose data is
 * unchanged is still given to readers while one of them computes it again: the data is the same, so
 * only the clock's part of it can be older (by the TTL and one computation), and readers no longer
 * all wait for that computation every few seconds (the load test's p99 was that wait). An answer
 * whose data changed is never served.
 *
 * Known limits: writes made by another process are not seen (DuckDB lets one process own the file,
 * so there are none while a server runs). CALLBOARD_ANSWER_CACHE=0 turns it off (the page-latency
 * bench measures the computation itself that way).
 */
export const ANSWER_TTL_MS = 5_000;
const MAX_ANSWERS = 200;

interface Entry {
  version: number;
  until: number;
  answer: Promise<unknown>;
  /** The computation under way that will replace this entry (serveWhileRefreshing). */
  refreshing?: boolean;
}

export interface AnswerCacheOptions {
  /** Default: on unless CALLBOARD_ANSWER_CACHE=0. */
  enabled?: boolean;
  /** Past its TTL with the data unchanged: serve the answer while one reader computes it again. */
  serveWhileRefreshing?: boolean;
}

export class AnswerCache {
  private readonly entries = new Map<string, Entry>();
  private readonly enabled: boolean;
  private readonly serveWhileRefreshing: boolean;

  constructor(
    private readonly version: () => number,
    opts: AnswerCacheOptions = {}
  ) {
    this.enabled = opts.enabled ?? process.env.CALLBOARD_ANSWER_CACHE !== '0';
    this.serveWhileRefreshing = opts.serveWhileRefreshing ?? false;
  }

  /** The answer for `key` read at the current data version, computing it with `compute` when missing. */
  get<T>(key: string, compute: () => Promise<T>, ttlMs = ANSWER_TTL_MS): Promise<T> {
    if (!this.enabled) return compute();
    const now = Date.now();
    const version = this.version();
    const hit = this.entries.get(key);
    if (hit && hit.version === version) {
      if (hit.until > now || (this.serveWhileRefreshing && hit.refreshing)) return hit.answer as Promise<T>;
      if (this.serveWhileRefreshing) {
        this.refresh(key, hit, compute, ttlMs);
        return hit.answer as Promise<T>;
      }
    }
    return this.keep(key, { version, until: now + ttlMs, answer: compute() }) as Promise<T>;
  }

  clear(): void {
    this.entries.clear();
  }

  /** Drops the answer for `key`: the next reader computes it. */
  forget(key: string): void {
    this.entries.delete(key);
  }

  /** One computation of an answer past its TTL; the old one is served until it is in (or failed). */
  private refresh(key: string, hit: Entry, compute: () => Promise<unknown>, ttlMs: number): void {
    hit.refreshing = true;
    const answer = compute();
    answer.then(
      () => {
        if (this.entries.get(key) === hit) this.keep(key, { version: hit.version, until: Date.now() + ttlMs, answer });
      },
      () => (hit.refreshing = false)
    );
  }

  private keep(key: string, entry: Entry): Promise<unknown> {
    this.entries.delete(key); // re-inserted last: the Map's order is then oldest first
    this.entries.set(key, entry);
    // A failed computation is not kept: the next reader tries again.
    entry.answer.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    if (this.entries.size > MAX_ANSWERS) this.entries.delete(this.entries.keys().next().value!);
    return entry.answer;
  }
}
