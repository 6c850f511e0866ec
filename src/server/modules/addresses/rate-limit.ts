/**
 * A fixed-window request counter per key (the caller's IP), kept in this process's memory.
 *
 * Used only for the public address search, where that is enough: the endpoint reads public,
 * read-only catalogue data and changes nothing, so the limit exists to keep one client from
 * hogging a process's CPU, not to protect a secret. With N processes behind a proxy a client may
 * get N times the limit, which is still bounded; a shared (database) counter would instead cost a
 * write per keystroke of every citizen typing an address.
 */
export class WindowRateLimiter {
  private readonly hits = new Map<string, { windowStart: number; count: number }>();
  private lastSweep = 0;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one request; false when the key is over its limit in the current window. */
  take(key: string): boolean {
    const t = this.now();
    this.sweep(t);
    const entry = this.hits.get(key);
    if (!entry || t - entry.windowStart >= this.windowMs) {
      this.hits.set(key, { windowStart: t, count: 1 });
      return true;
    }
    entry.count++;
    return entry.count <= this.limit;
  }

  /** Seconds until the key's window ends, for a Retry-After header. */
  retryAfterSeconds(key: string): number {
    const entry = this.hits.get(key);
    if (!entry) return 0;
    return Math.max(1, Math.ceil((entry.windowStart + this.windowMs - this.now()) / 1000));
  }

  get size(): number {
    return this.hits.size;
  }

  // Old windows are dropped now and then so that the map cannot grow with every IP ever seen.
  private sweep(t: number): void {
    if (t - this.lastSweep < this.windowMs) return;
    this.lastSweep = t;
    for (const [k, v] of this.hits) if (t - v.windowStart >= this.windowMs) this.hits.delete(k);
  }
}
