/**
 * Least-recently-used cache with optional per-entry time-to-live.
 *
 * A Map keeps insertion order, so re-inserting a key on every read moves it to
 * the "most recent" end and the first key is always the eviction candidate.
 */
export class LruCache {
  #map = new Map();
  #maxEntries;
  #ttlMs;
  hits = 0;
  misses = 0;

  constructor({ maxEntries = 500, ttlMs = 0 } = {}) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) {
      throw new RangeError('maxEntries must be a positive integer');
    }
    this.#maxEntries = maxEntries;
    this.#ttlMs = ttlMs;
  }

  get size() {
    return this.#map.size;
  }

  get(key) {
    const entry = this.#map.get(key);
    if (entry === undefined) {
      this.misses += 1;
      return undefined;
    }
    if (entry.expiresAt !== 0 && entry.expiresAt <= Date.now()) {
      this.#map.delete(key);
      this.misses += 1;
      return undefined;
    }
    this.#map.delete(key);
    this.#map.set(key, entry);
    this.hits += 1;
    return entry.value;
  }

  set(key, value) {
    if (this.#map.has(key)) {
      this.#map.delete(key);
    }
    const expiresAt = this.#ttlMs > 0 ? Date.now() + this.#ttlMs : 0;
    this.#map.set(key, { value, expiresAt });
    while (this.#map.size > this.#maxEntries) {
      const oldestKey = this.#map.keys().next().value;
      this.#map.delete(oldestKey);
    }
    return this;
  }

  delete(key) {
    return this.#map.delete(key);
  }

  clear() {
    this.#map.clear();
    this.hits = 0;
    this.misses = 0;
  }

  /** Memoize an async loader: concurrent callers for one key share a single promise. */
  async getOrLoad(key, loader) {
    const cached = this.get(key);
    if (cached !== undefined) {
      return cached;
    }
    const pending = Promise.resolve().then(() => loader(key));
    this.set(key, pending);
    try {
      const value = await pending;
      this.set(key, value);
      return value;
    } catch (error) {
      this.delete(key);
      throw error;
    }
  }
}
