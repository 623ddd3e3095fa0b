import { describe, expect, it } from 'vitest';
import { compileFilter, FilterError, payloadValues } from './qdrant-filter.js';

const points = [
  { id: 1, payload: { file_path: 'a.py', language: 'python', keywords: ['csv', 'pandas'], line_start: 1, meta: { tags: ['x'] } } },
  { id: 2, payload: { file_path: 'b.java', language: 'java', keywords: ['book'], line_start: 10, owner: null } },
  { id: '3f1e8a34-7a8b-4c4b-9e9e-0d6a3a1e2f10', payload: { file_path: 'c.js', language: 'javascript', keywords: [], items: [{ k: 'v' }] } },
];

function ids(filter: unknown): Array<string | number> {
  const predicate = compileFilter(filter);
  return points.filter(predicate).map((p) => p.id);
}

describe('compileFilter (Qdrant filter semantics)', () => {
  it('matches everything without a filter', () => {
    expect(ids(undefined)).toHaveLength(3);
    expect(ids(null)).toHaveLength(3);
  });

  it('supports match value / any / except / text', () => {
    expect(ids({ must: [{ key: 'language', match: { value: 'java' } }] })).toEqual([2]);
    expect(ids({ must: [{ key: 'keywords', match: { any: ['csv', 'book'] } }] })).toEqual([1, 2]);
    expect(ids({ must: [{ key: 'language', match: { except: ['java', 'python'] } }] })).toEqual(['3f1e8a34-7a8b-4c4b-9e9e-0d6a3a1e2f10']);
    expect(ids({ must: [{ key: 'file_path', match: { text: '.py' } }] })).toEqual([1]);
  });

  it('combines must, should and must_not; a single condition may stand without a list', () => {
    expect(ids({ should: [{ key: 'language', match: { value: 'java' } }, { key: 'language', match: { value: 'python' } }], must_not: { key: 'file_path', match: { value: 'a.py' } } })).toEqual([2]);
    expect(ids({ must: [{ must_not: [{ key: 'language', match: { value: 'java' } }] }] })).toEqual([1, '3f1e8a34-7a8b-4c4b-9e9e-0d6a3a1e2f10']);
  });

  it('supports range, values_count, has_id, is_empty, is_null, nested and dotted keys', () => {
    expect(ids({ must: [{ key: 'line_start', range: { gte: 5 } }] })).toEqual([2]);
    expect(ids({ must: [{ key: 'keywords', values_count: { gte: 2 } }] })).toEqual([1]);
    expect(ids({ must: [{ has_id: [2, '3F1E8A34-7A8B-4C4B-9E9E-0D6A3A1E2F10'] }] })).toEqual([2, '3f1e8a34-7a8b-4c4b-9e9e-0d6a3a1e2f10']);
    expect(ids({ must: [{ is_empty: { key: 'keywords' } }] })).toEqual(['3f1e8a34-7a8b-4c4b-9e9e-0d6a3a1e2f10']);
    expect(ids({ must: [{ is_null: { key: 'owner' } }] })).toEqual([2]);
    expect(ids({ must: [{ nested: { key: 'items', filter: { must: [{ key: 'k', match: { value: 'v' } }] } } }] })).toEqual(['3f1e8a34-7a8b-4c4b-9e9e-0d6a3a1e2f10']);
    expect(ids({ must: [{ key: 'meta.tags', match: { value: 'x' } }] })).toEqual([1]);
    expect(payloadValues({ a: [{ b: 1 }, { b: 2 }] }, 'a[].b')).toEqual([1, 2]);
  });

  it('rejects malformed filters with a FilterError', () => {
    expect(() => compileFilter({ must: [{ key: 'x' }] })).toThrow(FilterError);
    expect(() => compileFilter({ must: [{ key: 'x', match: { value: { nested: 1 } } }] })).toThrow(FilterError);
    expect(() => compileFilter({ must: [{ has_id: ['not-an-id'] }] })).toThrow(/not a valid point id/);
    expect(() => compileFilter('filter')).toThrow(FilterError);
  });
});
