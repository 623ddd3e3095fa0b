import { describe, expect, it } from 'vitest';
import { MetricArgumentError } from './retrieval-errors.js';
import {
  computeRetrievalMetrics,
  dedupeByFile,
  hitAtK,
  judgeRanking,
  ndcgAtK,
  normalizePath,
  pathMatches,
  precisionAtK,
  recallAtK,
  reciprocalRank,
} from './retrieval-metrics.js';

const A = 'corpus/a.py';
const B = 'corpus/b.java';
const C = 'corpus/c.js';
const D = 'corpus/d.py';
const X = 'corpus/x.py';
const Y = 'corpus/y.java';

describe('metrics on a hand-computed ranking', () => {
  // Ranking [A, X, B, Y, C], relevant {A, B, C, D}, k = 5: hits at ranks 1, 3 and 5.
  const retrieved = [A, X, B, Y, C];
  const relevant = [A, B, C, D];

  it('recall@5 = 3 found / 4 relevant = 0.75', () => {
    expect(recallAtK(retrieved, relevant, 5)).toBe(0.75);
  });

  it('precision@5 = 3 hits / min(5, 5 retrieved) = 0.6', () => {
    expect(precisionAtK(retrieved, relevant, 5)).toBe(0.6);
  });

  it('reciprocal rank = 1 / 1 (first hit at rank 1); hit@5 = 1', () => {
    expect(reciprocalRank(retrieved, relevant, 5)).toBe(1);
    expect(hitAtK(retrieved, relevant, 5)).toBe(1);
  });

  it('nDCG@5 = (1/log2 2 + 1/log2 4 + 1/log2 6) / (1/log2 2 + 1/log2 3 + 1/log2 4 + 1/log2 5) ≈ 0.73659', () => {
    // DCG  = 1 + 0.5 + 0.386853             = 1.886853
    // IDCG = 1 + 0.630930 + 0.5 + 0.430677    = 2.561606  (min(|relevant| = 4, k = 5) = 4 ideal hits)
    const expected = (1 + 1 / 2 + 1 / Math.log2(6)) / (1 + 1 / Math.log2(3) + 1 / 2 + 1 / Math.log2(5));
    expect(ndcgAtK(retrieved, relevant, 5)).toBeCloseTo(expected, 12);
    expect(ndcgAtK(retrieved, relevant, 5)).toBeCloseTo(0.7365897, 6);
  });

  it('cutting at k = 2 keeps [A, X]: recall 1/4, precision 1/2, nDCG = 1 / (1 + 1/log2 3) ≈ 0.61315', () => {
    const m = computeRetrievalMetrics(retrieved, relevant, 2);
    expect(m.topK).toEqual([A, X]);
    expect(m.recall).toBe(0.25);
    expect(m.precision).toBe(0.5);
    expect(m.mrr).toBe(1);
    // IDCG uses min(4, k = 2) = 2 ideal hits: 1 + 1/log2 3 = 1.630930.
    expect(m.ndcg).toBeCloseTo(0.6131472, 6);
  });

  it('computeRetrievalMetrics agrees with the single-metric functions', () => {
    const m = computeRetrievalMetrics(retrieved, relevant, 3);
    expect(m).toMatchObject({
      recall: recallAtK(retrieved, relevant, 3),
      precision: precisionAtK(retrieved, relevant, 3),
      mrr: reciprocalRank(retrieved, relevant, 3),
      ndcg: ndcgAtK(retrieved, relevant, 3),
      hit: true,
    });
  });
});

describe('rank of the first hit', () => {
  // Ranking [X, Y, A], relevant {A}.
  const retrieved = [X, Y, A];

  it('is outside k = 2: every metric is 0', () => {
    expect(computeRetrievalMetrics(retrieved, [A], 2)).toMatchObject({ recall: 0, precision: 0, mrr: 0, ndcg: 0, hit: false });
    expect(hitAtK(retrieved, [A], 2)).toBe(0);
  });

  it('at rank 3 with k = 3: recall 1/1, precision 1/3, RR 1/3, nDCG = (1/log2 4) / (1/log2 2) = 0.5', () => {
    const m = computeRetrievalMetrics(retrieved, [A], 3);
    expect(m.recall).toBe(1);
    expect(m.precision).toBeCloseTo(1 / 3, 12);
    expect(m.mrr).toBeCloseTo(1 / 3, 12);
    expect(m.ndcg).toBe(0.5);
  });

  it('at rank 2: RR = 0.5', () => {
    expect(reciprocalRank([X, A, B], [A, B], 3)).toBe(0.5);
  });
});

describe('precision@k denominator is min(k, number retrieved)', () => {
  it('two files returned, both relevant, k = 5: precision 2 / min(5, 2) = 1', () => {
    expect(precisionAtK([A, B], [A, B, C], 5)).toBe(1);
  });

  it('one relevant among three returned, k = 10: precision 1 / 3', () => {
    expect(precisionAtK([X, A, Y], [A], 10)).toBeCloseTo(1 / 3, 12);
  });
});

describe('duplicates (several chunks of one file)', () => {
  it('count once: [A, A, A, B] with relevant {A, C}, k = 3 → recall 1/2, not 3/2', () => {
    // The codev evaluation-server counted each chunk: top 3 = [A, A, A] → 3 matches / 2 relevant = 1.5.
    // De-duplicated first: [A, B] → 1 match / 2 relevant = 0.5; precision 1 / min(3, 2) = 0.5;
    // nDCG = 1 / (1 + 1/log2 3) ≈ 0.61315.
    const m = computeRetrievalMetrics([A, A, A, B], [A, C], 3);
    expect(m.topK).toEqual([A, B]);
    expect(m.recall).toBe(0.5);
    expect(m.precision).toBe(0.5);
    expect(m.ndcg).toBeCloseTo(0.6131472, 6);
  });

  it('are removed before the cut, so they cannot push a relevant file out of the top k', () => {
    // [A, A, A, A, B]: raw top 2 would be [A, A]; de-duplicated top 2 is [A, B].
    expect(recallAtK([A, A, A, A, B], [A, B], 2)).toBe(1);
    expect(ndcgAtK([A, A, A, A, B], [A, B], 2)).toBe(1);
  });

  it('keep the best rank of each file', () => {
    expect(dedupeByFile([X, A, X, './corpus/a.py', B])).toEqual([X, A, B]);
  });

  it('the same file under two roots is found once: recall 1, precision 1/2', () => {
    const m = computeRetrievalMetrics(['/srv/one/corpus/a.py', '/srv/two/corpus/a.py'], [A], 5);
    expect(judgeRanking(['/srv/one/corpus/a.py', '/srv/two/corpus/a.py'], [A], 5).hits).toEqual([true, false]);
    expect(m.recall).toBe(1);
    expect(m.precision).toBe(0.5);
    expect(m.ndcg).toBe(1);
  });

  it('a relevant list with repeats counts each file once', () => {
    expect(recallAtK([A], [A, './corpus/a.py', A], 5)).toBe(1);
  });

  it('never push any metric above 1 or below 0 (600 seeded random rankings full of repeats)', () => {
    // A small linear congruential generator keeps this deterministic.
    let seed = 42;
    const next = (n: number): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % n;
    };
    const pool = [A, B, C, D, X, Y, `/abs/${A}`, `./${B}`];
    for (let run = 0; run < 600; run += 1) {
      const retrieved = Array.from({ length: next(25) }, () => pool[next(pool.length)]!);
      const relevant = Array.from({ length: 1 + next(3) }, () => pool[next(4)]!);
      const k = 1 + next(10);
      const m = computeRetrievalMetrics(retrieved, relevant, k);
      for (const value of [m.recall, m.precision, m.mrr, m.ndcg]) {
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(1 + 1e-12);
      }
      expect(m.topK.length).toBeLessThanOrEqual(k);
      expect(new Set(m.topK).size).toBe(m.topK.length);
    }
  });
});

describe('degenerate inputs give 0, never NaN', () => {
  it('empty retrieval', () => {
    expect(computeRetrievalMetrics([], [A, B], 5)).toEqual({ recall: 0, precision: 0, mrr: 0, ndcg: 0, hit: false, topK: [], relevant: [A, B] });
    expect(precisionAtK([], [A], 5)).toBe(0);
  });

  it('no relevant files', () => {
    expect(computeRetrievalMetrics([A, B], [], 5)).toMatchObject({ recall: 0, precision: 0, mrr: 0, ndcg: 0, hit: false });
  });

  it('hits without a path are one unknown file that never matches', () => {
    const m = computeRetrievalMetrics(['', '', A], [A], 5);
    expect(m.topK).toEqual(['', A]);
    expect(m.mrr).toBe(0.5);
    expect(pathMatches('', '')).toBe(false);
  });
});

describe('k must be a positive integer', () => {
  it.each([0, -1, 2.5, Number.NaN, Number.POSITIVE_INFINITY])('k = %s throws RV_ERR_METRIC_ARGUMENT', (k) => {
    expect(() => recallAtK([A], [A], k)).toThrow(MetricArgumentError);
    expect(() => ndcgAtK([A], [A], k)).toThrow(expect.objectContaining({ code: 'RV_ERR_METRIC_ARGUMENT', argument: 'k' }));
  });
});

describe('path matching', () => {
  it.each([
    ['corpus/a.py', 'corpus/a.py'],
    ['./corpus/a.py', 'corpus/a.py'],
    ['/app/packages/e2e/golden/corpus/a.py', 'corpus/a.py'],
    ['C:\\repo\\golden\\corpus\\a.py', 'corpus/a.py'],
    ['corpus//a.py', 'corpus/a.py'],
    ['/x/./corpus/a.py', 'corpus/a.py'],
    ['corpus/a.py', '/corpus/a.py'],
    ['corpus/a.py', './corpus/a.py'],
    ['/abs/corpus/a.py', 'a.py'],
  ])('%s matches %s', (retrieved, relevant) => {
    expect(pathMatches(retrieved, relevant)).toBe(true);
  });

  it.each([
    ['xcorpus/a.py', 'corpus/a.py', 'not on a segment boundary'],
    ['corpus/xa.py', 'a.py', 'not on a segment boundary'],
    ['corpus/a.pyc', 'corpus/a.py', 'a different extension'],
    ['corpus/a.py/extra', 'corpus/a.py', 'the relevant path is a prefix, not a suffix'],
    ['corpus/a.py', '/abs/corpus/a.py', 'the relevant path is longer than the retrieved one'],
    ['Corpus/A.py', 'corpus/a.py', 'matching is case-sensitive'],
    ['corpus/a.py', '', 'an empty relevant path'],
  ])('%s does not match %s (%s)', (retrieved, relevant) => {
    expect(pathMatches(retrieved, relevant)).toBe(false);
  });

  it('normalises separators, ./ and leading slashes', () => {
    expect(normalizePath('.\\corpus\\java\\Book.java')).toBe('corpus/java/Book.java');
    expect(normalizePath('///corpus//a.py/')).toBe('corpus/a.py');
  });

  it('absolute retrieved paths are scored against relative relevant paths', () => {
    const root = '/var/lib/rag/golden/';
    expect(recallAtK([`${root}${X}`, `${root}${A}`, `${root}${B}`], [A, B], 3)).toBe(1);
    expect(reciprocalRank([`${root}${X}`, `${root}${A}`], [A], 3)).toBe(0.5);
  });
});
