import { describe, expect, it } from 'vitest';
import { WeightedMix } from './weighted-mix.js';

describe('WeightedMix', () => {
  it('gives 3 : 1 : 2 exactly in every cycle of 6, spread out rather than in runs', () => {
    const mix = new WeightedMix([
      { item: 'search', weight: 3 },
      { item: 'generate', weight: 1 },
      { item: 'health', weight: 2 },
    ]);
    const picks = Array.from({ length: 60 }, () => mix.next());
    for (let cycle = 0; cycle < 10; cycle += 1) {
      const slice = picks.slice(cycle * 6, cycle * 6 + 6);
      expect(['search', 'generate', 'health'].map((n) => slice.filter((p) => p === n).length)).toEqual([3, 1, 2]);
    }
    expect(picks.slice(0, 6)).toEqual(['search', 'health', 'search', 'generate', 'health', 'search']);
    expect(mix.shares()).toEqual([0.5, 1 / 6, 1 / 3]);
  });

  it('rejects an empty mix and weights that are not positive', () => {
    expect(() => new WeightedMix([])).toThrow(expect.objectContaining({ code: 'RV_ERR_PERF_OPTION' }));
    expect(() => new WeightedMix([{ item: 'a', weight: 0 }])).toThrow(/weight/);
  });
});
