import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LruCache } from '../utils/lru-cache.js';

describe('LruCache', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('evicts the least recently used entry when full', () => {
    const cache = new LruCache({ maxEntries: 2 });
    cache.set('a', 1).set('b', 2);
    cache.get('a'); // a is now the most recent
    cache.set('c', 3);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
  });

  it('expires entries after their ttl', () => {
    const cache = new LruCache({ maxEntries: 10, ttlMs: 1000 });
    cache.set('k', 'v');
    vi.advanceTimersByTime(999);
    expect(cache.get('k')).toBe('v');
    vi.advanceTimersByTime(2);
    expect(cache.get('k')).toBeUndefined();
  });

  it('shares one in-flight load between concurrent callers', async () => {
    const cache = new LruCache();
    const loader = vi.fn(async (key) => `value-of-${key}`);
    const [first, second] = await Promise.all([cache.getOrLoad('x', loader), cache.getOrLoad('x', loader)]);
    expect(first).toBe('value-of-x');
    expect(second).toBe('value-of-x');
    expect(loader).toHaveBeenCalledTimes(1);
  });

  it('does not cache failed loads', async () => {
    const cache = new LruCache();
    await expect(cache.getOrLoad('y', async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    expect(cache.size).toBe(0);
  });

  it('rejects a non-positive capacity', () => {
    expect(() => new LruCache({ maxEntries: 0 })).toThrow(RangeError);
  });
});
