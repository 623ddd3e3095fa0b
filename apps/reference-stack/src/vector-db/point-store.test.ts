import { describe, expect, it } from 'vitest';
import { PointStore } from './point-store.js';
import { compileFilter, indexableCondition } from './qdrant-filter.js';

/** A small deterministic pseudo-random generator, so failures reproduce. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('PointStore exact search', () => {
  const rand = random(42);
  const DIM = 16;
  const store = new PointStore(':memory:');
  store.createCollection('c', DIM, 'Cosine');
  const points = Array.from({ length: 400 }, (_, i) => ({
    id: i % 3 === 0 ? i + 1 : `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    vector: Float32Array.from({ length: DIM }, () => rand() * 2 - 1),
    payload: { keywords: Array.from({ length: 5 }, () => `k${Math.floor(rand() * 30)}`), group: i % 4 },
  }));
  store.upsert('c', points);

  const brute = (query: number[], filter: unknown, limit: number): Array<string | number> => {
    const predicate = compileFilter(filter);
    const norm = Math.hypot(...query);
    return store
      .orderedPoints('c')
      .filter(predicate)
      .map((p) => ({ id: p.id, score: Array.from(p.vector).reduce((s, v, d) => s + v * ((query[d] as number) / norm), 0) }))
      .sort((a, b) => b.score - a.score)
      .slice(0, limit)
      .map((p) => p.id);
  };

  it('returns the same ranking as a brute-force scan, with and without an indexed filter', () => {
    for (let trial = 0; trial < 20; trial += 1) {
      const query = Array.from({ length: DIM }, () => rand() * 2 - 1);
      const filters = [undefined, { must: [{ key: 'keywords', match: { any: [`k${trial}`, `k${trial + 1}`] } }] }, { must: [{ key: 'keywords', match: { value: `k${trial}` } }, { key: 'group', match: { value: trial % 4 } }] }];
      const results = store.searchMany(
        'c',
        Float32Array.from(query),
        filters.map((filter) => ({ limit: 7, offset: 0, predicate: compileFilter(filter), prefilter: indexableCondition(filter) })),
      );
      filters.forEach((filter, i) => expect(results[i]?.map((h) => h.point.id), JSON.stringify(filter)).toEqual(brute(query, filter, 7)));
    }
  });

  it('keeps the inverted index right after upserts and deletes', () => {
    const filter = { must: [{ key: 'keywords', match: { value: 'fresh' } }] };
    const search = () => store.search('c', Float32Array.from({ length: DIM }, () => 1), { limit: 10, offset: 0, predicate: compileFilter(filter), prefilter: indexableCondition(filter) }).map((h) => h.point.id);
    expect(search()).toEqual([]);
    store.upsert('c', [{ id: 1, vector: Float32Array.from({ length: DIM }, () => 1), payload: { keywords: ['fresh'] } }]);
    expect(search()).toEqual([1]);
    store.upsert('c', [{ id: 1, vector: Float32Array.from({ length: DIM }, () => 1), payload: { keywords: ['stale'] } }]);
    expect(search()).toEqual([]);
    store.upsert('c', [{ id: 2, vector: Float32Array.from({ length: DIM }, () => 1), payload: { keywords: ['fresh'] } }]);
    store.deletePoints('c', { ids: [2] });
    expect(search()).toEqual([]);
  });

  it('applies offset and score thresholds', () => {
    const query = Float32Array.from({ length: DIM }, (_, d) => (d % 2 === 0 ? 1 : -1));
    const all = store.search('c', query, { limit: 10, offset: 0, predicate: () => true });
    const paged = store.search('c', query, { limit: 5, offset: 5, predicate: () => true });
    expect(paged.map((h) => h.point.id)).toEqual(all.slice(5).map((h) => h.point.id));
    const threshold = all[3]?.score ?? 0;
    expect(store.search('c', query, { limit: 10, offset: 0, predicate: () => true, scoreThreshold: threshold })).toHaveLength(4);
  });
});
