/**
 * Says yes to a key at most once per interval: the outage notice reaches each chat at most once a
 * minute. Keys older than the interval are forgotten, so the map stays as small as the chats that
 * wrote in the last interval.
 */
export class OncePerInterval {
  private readonly last = new Map<number, number>();

  constructor(
    private readonly intervalMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  due(key: number): boolean {
    const now = this.now();
    const previous = this.last.get(key);
    if (previous !== undefined && now - previous < this.intervalMs) return false;
    if (this.last.size >= 10_000) for (const [k, at] of this.last) if (now - at >= this.intervalMs) this.last.delete(k);
    this.last.set(key, now);
    return true;
  }
}
