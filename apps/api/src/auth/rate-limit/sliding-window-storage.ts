import type { ThrottlerStorage } from '@nestjs/throttler';

interface Counter {
  /** Start (ms) of the current fixed window, and its hits; the previous window's hits. */
  windowStart: number;
  current: number;
  previous: number;
  blockedUntil: number;
}

/**
 * Rate-limit counters in O(1) per request, whatever the limit: a sliding-window estimate (the
 * current window's hits plus the previous window's, weighted by how much of it still lies in
 * the last `ttl`). The throttler's default storage keeps one timestamp per hit and filters
 * them at every request, which costs a dashboard allowed thousands of requests a minute more
 * than its answer does.
 */
export class SlidingWindowThrottlerStorage implements ThrottlerStorage {
  private readonly counters = new Map<string, Counter>();
  private lastSweep = Date.now();

  constructor(private readonly now: () => number = Date.now) {}

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ) {
    const now = this.now();
    this.sweep(now, ttl);
    const id = `${throttlerName}\u0000${key}`;
    let counter = this.counters.get(id);
    if (!counter) {
      counter = { windowStart: now, current: 0, previous: 0, blockedUntil: 0 };
      this.counters.set(id, counter);
    }
    const elapsedWindows = Math.floor((now - counter.windowStart) / ttl);
    if (elapsedWindows >= 1) {
      counter.previous = elapsedWindows === 1 ? counter.current : 0;
      counter.current = 0;
      counter.windowStart += elapsedWindows * ttl;
    }
    const timeToExpire = Math.ceil((counter.windowStart + ttl - now) / 1000);
    if (counter.blockedUntil > now) {
      return {
        totalHits: limit + 1,
        timeToExpire,
        isBlocked: true,
        timeToBlockExpire: Math.ceil((counter.blockedUntil - now) / 1000),
      };
    }
    counter.current += 1;
    const weight = 1 - (now - counter.windowStart) / ttl;
    const totalHits = Math.floor(counter.previous * weight) + counter.current;
    if (totalHits > limit) {
      counter.current -= 1; // a refused request does not count
      counter.blockedUntil = now + (blockDuration > 0 ? blockDuration : ttl);
      return {
        totalHits,
        timeToExpire,
        isBlocked: true,
        timeToBlockExpire: Math.ceil((counter.blockedUntil - now) / 1000),
      };
    }
    return { totalHits, timeToExpire, isBlocked: false, timeToBlockExpire: 0 };
  }

  /** Forgets counters idle for two windows, at most once a window. */
  private sweep(now: number, ttl: number): void {
    if (now - this.lastSweep < ttl) return;
    this.lastSweep = now;
    for (const [id, counter] of this.counters) {
      if (now - counter.windowStart >= 2 * ttl && counter.blockedUntil <= now) {
        this.counters.delete(id);
      }
    }
  }
}
