import { configSchema, defaultConfig } from '@rag-validate/config';
import { describe, expect, it } from 'vitest';
import type { GoldenQuery } from './golden-set.js';
import { evaluateQualityGates, type MeanScores, QUALITY_GATE_DEFINITIONS, type QualityThresholds, type QueryRetrieval, scoreQueries } from './quality-report.js';

const A = 'corpus/a.py';
const B = 'corpus/b.java';
const C = 'corpus/c.js';
const D = 'corpus/d.py';
const X = 'corpus/x.py';
const Y = 'corpus/y.java';

const query = (id: string, lang: GoldenQuery['lang'], difficulty: GoldenQuery['difficulty'], relevant: string[]): GoldenQuery => ({
  id,
  query: `query ${id}`,
  lang,
  relevant,
  difficulty,
});

// k = 3. Per query (ranks count distinct files):
//   q1 en easy   relevant [A]     retrieved [A, X, Y]          → recall 1,   precision 1/3, RR 1,   nDCG 1,                          hit
//   q2 ko medium relevant [A, B]  retrieved [X, A, A, A, Y]    → top 3 = [X, A, Y]: recall 1/2, precision 1/3, RR 1/2,
//                                                                nDCG = (1/log2 3) / (1 + 1/log2 3) = 0.630930 / 1.630930 ≈ 0.386853, hit
//   q3 ko hard   relevant [C]     retrieved []                 → all 0, no hit
//   q4 en medium relevant [B]     retrieved [X, Y, D, B]       → B is 4th, outside k: all 0, no hit
const runs: QueryRetrieval[] = [
  { query: query('q1', 'en', 'easy', [A]), retrieved: [A, X, Y] },
  { query: query('q2', 'ko', 'medium', [A, B]), retrieved: [X, A, A, A, Y] },
  { query: query('q3', 'ko', 'hard', [C]), retrieved: [] },
  { query: query('q4', 'en', 'medium', [B]), retrieved: [X, Y, D, B] },
];
const NDCG_Q2 = 0.3868528;

describe('scoreQueries', () => {
  const scores = scoreQueries(runs, 3);

  it('scores each query at k, with the de-duplicated top k', () => {
    expect(scores.k).toBe(3);
    const q2 = scores.perQuery[1]!;
    expect(q2).toMatchObject({ id: 'q2', query: 'query q2', lang: 'ko', difficulty: 'medium', recall: 0.5, mrr: 0.5, hit: true, retrieved: [X, A, Y], relevant: [A, B] });
    expect(q2.precision).toBeCloseTo(1 / 3, 12);
    expect(q2.ndcg).toBeCloseTo(NDCG_Q2, 6);
    expect(scores.perQuery[3]).toMatchObject({ recall: 0, precision: 0, mrr: 0, ndcg: 0, hit: false, retrieved: [X, Y, D] });
  });

  it('averages over all queries', () => {
    // recall (1 + 0.5 + 0 + 0) / 4 = 0.375; precision (1/3 + 1/3) / 4 = 1/6; MRR (1 + 0.5) / 4 = 0.375;
    // nDCG (1 + 0.386853) / 4 ≈ 0.346713; hit rate 2 / 4 = 0.5.
    const { mean } = scores;
    expect(mean.queries).toBe(4);
    expect(mean.recall).toBe(0.375);
    expect(mean.precision).toBeCloseTo(1 / 6, 12);
    expect(mean.mrr).toBe(0.375);
    expect(mean.ndcg).toBeCloseTo((1 + NDCG_Q2) / 4, 6);
    expect(mean.hitRate).toBe(0.5);
  });

  it('averages per query language', () => {
    // en = q1, q4: recall (1 + 0) / 2, MRR (1 + 0) / 2, nDCG (1 + 0) / 2. ko = q2, q3: recall (0.5 + 0) / 2, MRR (0.5 + 0) / 2.
    expect(scores.byLang.en).toMatchObject({ queries: 2, recall: 0.5, mrr: 0.5, ndcg: 0.5, hitRate: 0.5 });
    expect(scores.byLang.ko).toMatchObject({ queries: 2, recall: 0.25, mrr: 0.25, hitRate: 0.5 });
    expect(scores.byLang.ko.ndcg).toBeCloseTo(NDCG_Q2 / 2, 6);
    expect(scores.byLang.en.precision).toBeCloseTo(1 / 6, 12);
  });

  it('averages per difficulty', () => {
    expect(scores.byDifficulty.easy).toMatchObject({ queries: 1, recall: 1, mrr: 1, ndcg: 1, hitRate: 1 });
    expect(scores.byDifficulty.medium).toMatchObject({ queries: 2, recall: 0.25, mrr: 0.25, hitRate: 0.5 });
    expect(scores.byDifficulty.hard).toEqual({ queries: 1, recall: 0, precision: 0, mrr: 0, ndcg: 0, hitRate: 0 });
  });

  it('lists the worst queries by nDCG, then recall, then id, leaving out perfect ones', () => {
    // q3 and q4 tie at nDCG 0 / recall 0 (id breaks the tie), then q2 (nDCG 0.387); q1 is perfect.
    expect(scores.worst.map((s) => s.id)).toEqual(['q3', 'q4', 'q2']);
    expect(scoreQueries(runs, 3, { worstCount: 2 }).worst.map((s) => s.id)).toEqual(['q3', 'q4']);
  });

  it('orders by recall when nDCG ties', () => {
    // Both have one hit at rank 1 and k = 1, so nDCG = 1/1 = 1 for both; recall 1/2 vs 1/3.
    const worst = scoreQueries(
      [
        { query: query('q1', 'en', 'easy', [A, B, C]), retrieved: [A] },
        { query: query('q2', 'en', 'easy', [A, B]), retrieved: [A] },
      ],
      1,
    ).worst;
    expect(worst.map((s) => [s.id, s.ndcg, s.recall])).toEqual([
      ['q1', 1, 1 / 3],
      ['q2', 1, 0.5],
    ]);
  });

  it('lists at most 10 worst queries by default', () => {
    const many = Array.from({ length: 15 }, (_, i) => ({ query: query(`q${String(i).padStart(3, '0')}`, 'en', 'easy', [A]), retrieved: [X] }));
    expect(scoreQueries(many, 5).worst).toHaveLength(10);
  });

  it('gives zeros, not NaN, for an empty run and for a language with no queries', () => {
    const empty = scoreQueries([], 5);
    expect(empty.mean).toEqual({ queries: 0, recall: 0, precision: 0, mrr: 0, ndcg: 0, hitRate: 0 });
    expect(empty.worst).toEqual([]);
    expect(scoreQueries([runs[0]!], 3).byLang.ko).toEqual({ queries: 0, recall: 0, precision: 0, mrr: 0, ndcg: 0, hitRate: 0 });
  });

  it('produces a JSON-serialisable result', () => {
    expect(JSON.parse(JSON.stringify(scores))).toEqual(scores);
  });
});

describe('evaluateQualityGates', () => {
  const mean: MeanScores = { queries: 4, recall: 0.375, precision: 1 / 6, mrr: 0.375, ndcg: 0.35, hitRate: 0.5 };

  it('makes one gate per configured threshold; a missing threshold is not a gate', () => {
    const quality: QualityThresholds = { k: 3, minRecallAtK: 0.3, minPrecisionAtK: 0.2, minMrr: 0.375 };
    expect(evaluateQualityGates(mean, quality)).toEqual([
      { name: 'recall@3', metric: 'recall', pass: true, score: 0.375, threshold: 0.3, reason: 'recall@3 0.3750 ≥ minimum 0.3000 over 4 queries' },
      { name: 'precision@3', metric: 'precision', pass: false, score: 1 / 6, threshold: 0.2, reason: 'precision@3 0.1667 < minimum 0.2000 over 4 queries' },
      // Equal to the minimum passes.
      { name: 'mrr@3', metric: 'mrr', pass: true, score: 0.375, threshold: 0.375, reason: 'mrr@3 0.3750 ≥ minimum 0.3750 over 4 queries' },
    ]);
  });

  it('gates recall, MRR and nDCG (not precision) with the default config', () => {
    expect(evaluateQualityGates(mean, defaultConfig().quality).map((g) => g.name)).toEqual(['recall@5', 'mrr@5', 'ndcg@5']);
  });

  it('a null threshold is not a gate', () => {
    expect(evaluateQualityGates(mean, { k: 5, minRecallAtK: null, minMrr: 0.1 }).map((g) => g.name)).toEqual(['mrr@5']);
  });

  it('passes a mean that equals the threshold up to float rounding', () => {
    // 0.3 - 0.1 = 0.19999999999999998 in binary floating point.
    const [gate] = evaluateQualityGates({ ...mean, ndcg: 0.3 - 0.1 }, { k: 5, minNdcgAtK: 0.2 });
    expect(gate).toMatchObject({ name: 'ndcg@5', pass: true });
    expect(evaluateQualityGates({ ...mean, ndcg: 0.1999 }, { k: 5, minNdcgAtK: 0.2 })[0]!.pass).toBe(false);
  });

  it('fails every configured gate when no query was scored, and says why', () => {
    const empty: MeanScores = { queries: 0, recall: 0, precision: 0, mrr: 0, ndcg: 0, hitRate: 0 };
    const gates = evaluateQualityGates(empty, { k: 5, minRecallAtK: 0, minNdcgAtK: 0.5 });
    expect(gates.map((g) => [g.name, g.pass])).toEqual([
      ['recall@5', false],
      ['ndcg@5', false],
    ]);
    expect(gates[0]!.reason).toContain('no queries were scored');
  });

  it('fails, without throwing, on a measured value that is not a number', () => {
    const [gate] = evaluateQualityGates({ ...mean, recall: Number.NaN }, { k: 5, minRecallAtK: 0.1 });
    expect(gate).toMatchObject({ pass: false, reason: 'recall@5: the measured value is not a number' });
  });

  it('has a gate definition for every min* threshold of the quality config, and nothing else', () => {
    const configKeys = Object.keys(configSchema.shape.quality.unwrap().shape).filter((key) => key.startsWith('min'));
    expect(QUALITY_GATE_DEFINITIONS.map((d) => d.configKey).sort()).toEqual(configKeys.sort());
    for (const def of QUALITY_GATE_DEFINITIONS) {
      expect(def.description.length).toBeGreaterThan(10);
      expect(def.name(7)).toMatch(new RegExp(`^${def.metric}@7$`));
    }
  });
});
