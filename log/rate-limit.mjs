// Token buckets: each key may spend `perMinute` requests a minute, in bursts
// of up to `burst`. A visitor clicks a banner a few times at most; a script
// hammering the endpoint (to fill the log, or to bury one consent id's
// history under forged ones) runs dry and is told when to come back.
//
// Memory is bounded: a bucket that has refilled completely carries no
// information, so it is dropped; when there are still too many keys (a
// flood from many addresses), the oldest are dropped first. Dropping a
// bucket only ever forgives, it never blocks anyone wrongly.

/**
 * @param {{ perMinute: number, burst?: number, maxKeys?: number, now?: () => number }} options
 */
export function createLimiter({ perMinute, burst = perMinute, maxKeys = 100_000, now = Date.now }) {
  // 0: no limit (a log behind a proxy that limits, or a load test).
  if (perMinute == 0) return { take: () => 0, size: 0 };
  const perMs = perMinute / 60_000;
  /** @type {Map<string, { tokens: number, at: number }>} */
  const buckets = new Map();

  /** Forgets full buckets, then the oldest, until there is room. */
  function sweep(/** @type {number} */ time) {
    for (const [key, bucket] of buckets) {
      if (bucket.tokens + (time - bucket.at) * perMs >= burst) buckets.delete(key);
    }
    for (const key of buckets.keys()) {
      if (buckets.size < maxKeys) break;
      buckets.delete(key);
    }
  }

  return {
    /**
     * Spends one token of `key`. 0 when allowed, else the whole seconds until
     * a token is back (for Retry-After).
     * @param {string} key
     * @returns {number}
     */
    take(key) {
      const time = now();
      let bucket = buckets.get(key);
      if (!bucket) {
        if (buckets.size >= maxKeys) sweep(time);
        bucket = { tokens: burst, at: time };
        buckets.set(key, bucket);
      }
      bucket.tokens = Math.min(burst, bucket.tokens + (time - bucket.at) * perMs);
      bucket.at = time;
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000));
    },
    /** How many keys are remembered (for tests). */
    get size() {
      return buckets.size;
    },
  };
}
