/**
 * The live floor's feed: one per database, shared by every /api/live/stream client. A change
 * (any settled write through the database: a followed log's load, an upload, the inbox; Database.onChange)
 * makes one snapshot for all
 * listeners, at most one per `minGapMs` however many loads come in (a burst of lines is coalesced).
 * A snapshot is also re-sent every `refreshMs` even with no new data, since states move on with the
 * clock alone (a wrap-up ends, a wait grows), and so that a wallboard can tell a quiet feed from a
 * dead one. And at the instant an alert starts with the clock alone (a wait crossing a rule's
 * threshold: alerts.ts alertDueAt), so the board shows it then.
 */
import type { Database } from '../../../sql/db.ts';
import { centerTimeZone } from '../../../analytics/center-settings.ts';
import type { Context } from '../context.ts';
import { liveSnapshot, type LiveSnapshot } from './live-snapshot.ts';
import { alertDueAt } from './alerts.ts';

export interface LiveFeedOptions {
  timeZone: () => Promise<string>;
  minGapMs?: number;
  pollMs?: number;
  refreshMs?: number;
}

type Listener = (snapshot: LiveSnapshot) => void;

const RECENT_MS = 1000;
const QUIET_MS = 30;
const MAX_WAIT_MS = 500;

export class LiveFeed {
  private listeners = new Set<Listener>();
  private timer: NodeJS.Timeout | null = null;
  private poller: NodeJS.Timeout | null = null;
  private alertTimer: NodeJS.Timeout | null = null;
  private lastSent = 0;
  private pendingSince: number | null = null;
  private last: { snapshot: LiveSnapshot; at: number } | null = null;
  private making: Promise<LiveSnapshot> | null = null;
  private building: Promise<void> | null = null;
  private readonly minGapMs: number;
  private readonly pollMs: number;
  private readonly refreshMs: number;

  constructor(private readonly db: Database, private readonly opts: LiveFeedOptions) {
    this.minGapMs = opts.minGapMs ?? 300;
    this.pollMs = opts.pollMs ?? 1000;
    this.refreshMs = opts.refreshMs ?? 15_000;
    // Writes through this process's database (a followed log's load, an upload) are heard at once;
    // the poll below is for the clock's sake only (waits grow, wrap-ups end).
    db.onChange(() => this.changed());
  }

  async snapshot(): Promise<LiveSnapshot> {
    return liveSnapshot(this.db, { timeZone: await this.opts.timeZone() });
  }

  /**
   * The snapshot last sent when it is under a second old, else a new one: what a connecting stream
   * starts with (fifty wallboards connecting at once make one snapshot, not fifty). It subscribed
   * first, so any change since that snapshot reaches it as the next event.
   */
  recent(): Promise<LiveSnapshot> {
    if (this.last && Date.now() - this.last.at < RECENT_MS) return Promise.resolve(this.last.snapshot);
    if (!this.making) {
      this.making = this.snapshot()
        .then((snapshot) => ((this.last = { snapshot, at: Date.now() }), snapshot))
        .finally(() => (this.making = null));
    }
    return this.making;
  }

  /** Calls `listener` with every snapshot from now on; returns the unsubscribe. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    if (!this.poller) this.poller = setInterval(() => this.poll(), this.pollMs);
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stop();
    };
  }

  /**
   * The data changed: one snapshot soon, coalesced with any other change before it goes out. The
   * database tells the feed when a whole load is done (Database.onChange hears settled writes only);
   * the snapshot waits QUIET_MS for writes close behind it, never more than MAX_WAIT_MS after the
   * first change, and never sooner than minGapMs after the last one.
   */
  changed(): void {
    if (this.listeners.size === 0) return;
    const now = Date.now();
    this.pendingSince ??= now;
    if (this.timer) clearTimeout(this.timer);
    const due = Math.max(this.lastSent + this.minGapMs, Math.min(now + QUIET_MS, this.pendingSince + MAX_WAIT_MS));
    this.timer = setTimeout(() => {
      this.timer = null;
      this.pendingSince = null;
      void this.send();
    }, Math.max(0, due - now));
  }

  stop(): void {
    if (this.poller) clearInterval(this.poller);
    if (this.timer) clearTimeout(this.timer);
    if (this.alertTimer) clearTimeout(this.alertTimer);
    this.poller = this.timer = this.alertTimer = null;
    this.pendingSince = null;
  }

  /** The clock's own refresh: a snapshot at least every refreshMs (data changes are heard at once, onChange). */
  private poll(): void {
    if (Date.now() - this.lastSent >= this.refreshMs) this.changed();
  }

  /** One snapshot at the instant the next alert starts, if that comes before the regular refresh. */
  private whenAlertDue(): void {
    if (this.alertTimer) clearTimeout(this.alertTimer);
    this.alertTimer = null;
    const at = alertDueAt(this.db);
    if (at === null || this.listeners.size === 0 || at - Date.now() >= this.refreshMs) return;
    this.alertTimer = setTimeout(() => {
      this.alertTimer = null;
      this.changed();
    }, Math.max(0, at - Date.now()) + 50);
  }

  private async send(): Promise<void> {
    if (this.building) return this.building.then(() => this.changed());
    this.building = (async () => {
      try {
        const snap = await this.snapshot();
        this.lastSent = Date.now();
        this.last = { snapshot: snap, at: this.lastSent };
        for (const l of this.listeners) l(snap);
        this.whenAlertDue();
      } catch (e) {
        console.error('live feed: snapshot failed', e);
      } finally {
        this.building = null;
      }
    })();
    return this.building;
  }
}

const feeds = new WeakMap<Database, LiveFeed>();

/** The feed of this database (made on first use). */
export function liveFeed(db: Database, opts: LiveFeedOptions): LiveFeed {
  let feed = feeds.get(db);
  if (!feed) feeds.set(db, (feed = new LiveFeed(db, opts)));
  return feed;
}

/** The feed of a request's database; the center's zone is read afresh at each snapshot (it may be changed on Settings). */
export function liveFeedOf(ctx: Context): LiveFeed {
  return liveFeed(ctx.db, { timeZone: () => centerTimeZone(ctx.db, ctx.operatorTimeZone) });
}
