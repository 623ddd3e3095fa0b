import { describe, expect, it } from 'vitest';
import { compareManifests, payloadHash, type Manifest } from './manifest.js';

function manifest(points: Record<string, unknown>, count = Object.keys(points).length): Manifest {
  return { collection: 'c', takenAt: 0, count, points: new Map(Object.entries(points).map(([id, payload]) => [id, payloadHash(payload)])) };
}

describe('payloadHash', () => {
  it('ignores key order but not values', () => {
    expect(payloadHash({ a: 1, b: { c: [1, 2], d: 'x' } })).toBe(payloadHash({ b: { d: 'x', c: [1, 2] }, a: 1 }));
    expect(payloadHash({ a: 1, b: { c: [1, 2] } })).not.toBe(payloadHash({ a: 1, b: { c: [2, 1] } }));
    expect(payloadHash({ code_content: 'def f(): pass' })).not.toBe(payloadHash({ code_content: 'def f(): pass ' }));
  });
});

describe('compareManifests', () => {
  const before = manifest({ p1: { code: 'a' }, p2: { code: 'b' }, p3: { code: 'c' } });

  it('an identical collection is consistent', () => {
    expect(compareManifests(before, manifest({ p3: { code: 'c' }, p1: { code: 'a' }, p2: { code: 'b' } }))).toMatchObject({ missing: 0, changed: 0, added: 0, expectedCountAfter: 3, countAfter: 3 });
  });

  it('finds lost and changed points and keeps new ones apart', () => {
    const after = manifest({ p1: { code: 'a' }, p3: { code: 'C' }, p4: { code: 'new' } });
    expect(compareManifests(before, after)).toEqual({
      before: 3,
      missing: 1,
      changed: 1,
      added: 1,
      countBefore: 3,
      countAfter: 3,
      expectedCountAfter: 4,
      missingIds: ['p2'],
      changedIds: ['p3'],
    });
  });

  it('a collection emptied by a restart loses everything', () => {
    expect(compareManifests(before, manifest({}))).toMatchObject({ missing: 3, countAfter: 0, expectedCountAfter: 3 });
  });
});
