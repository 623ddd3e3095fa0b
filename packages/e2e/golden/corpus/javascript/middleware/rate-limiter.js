/**
 * Token-bucket rate limiting middleware for Express.
 *
 * Each client (by API key, else by IP) has a bucket of `capacity` tokens that
 * refills at `refillPerSecond`. A request costs one token; an empty bucket gets
 * 429 Too Many Requests with a Retry-After header.
 */
export function createRateLimiter({ capacity = 60, refillPerSecond = 1, keyFn, now = () => Date.now() } = {}) {
  const buckets = new Map();
  const keyOf = keyFn ?? ((req) => req.get('x-api-key') ?? req.ip);

  function take(key) {
    const t = now();
    let bucket = buckets.get(key);
    if (!bucket) {
      bucket = { tokens: capacity, updatedAt: t };
      buckets.set(key, bucket);
    }
    const elapsedSeconds = (t - bucket.updatedAt) / 1000;
    bucket.tokens = Math.min(capacity, bucket.tokens + elapsedSeconds * refillPerSecond);
    bucket.updatedAt = t;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true, remaining: Math.floor(bucket.tokens), retryAfterSeconds: 0 };
    }
    const retryAfterSeconds = Math.ceil((1 - bucket.tokens) / refillPerSecond);
    return { allowed: false, remaining: 0, retryAfterSeconds };
  }

  // Forget idle clients so the map does not grow forever.
  const sweep = setInterval(() => {
    const cutoff = now() - (capacity / refillPerSecond) * 1000;
    for (const [key, bucket] of buckets) {
      if (bucket.updatedAt < cutoff) buckets.delete(key);
    }
  }, 60_000);
  sweep.unref();

  return function rateLimit(req, res, next) {
    const result = take(keyOf(req));
    res.set('X-RateLimit-Limit', String(capacity));
    res.set('X-RateLimit-Remaining', String(result.remaining));
    if (!result.allowed) {
      res.set('Retry-After', String(result.retryAfterSeconds));
      res.status(429).json({ error: 'too_many_requests', retryAfterSeconds: result.retryAfterSeconds });
      return;
    }
    next();
  };
}
