/**
 * Scores a golden-set run (per query, mean, per language, per difficulty, worst queries) and
 * turns the mean into pass/fail gates from `config.quality`.
 */
import type { QualityConfig } from '@rag-validate/config';
import type { GoldenQuery, QueryDifficulty, QueryLang } from './golden-set.js';
import { computeRetrievalMetrics } from './retrieval-metrics.js';

/** What the search returned for one golden query: file paths, best first (chunks of one file may repeat). */
export interface QueryRetrieval {
  readonly query: GoldenQuery;
  readonly retrieved: readonly string[];
}

/** The metrics of one query at the run's k. */
export interface QueryScore {
  readonly id: string;
  readonly query: string;
  readonly lang: QueryLang;
  readonly difficulty: QueryDifficulty;
  readonly recall: number;
  readonly precision: number;
  /** Reciprocal rank of the first relevant file within the top k (0 when none); its mean is MRR. */
  readonly mrr: number;
  readonly ndcg: number;
  readonly hit: boolean;
  /** The top k retrieved files, de-duplicated and normalised, best first. */
  readonly retrieved: readonly string[];
  /** The relevant files of the query, as written in the golden set. */
  readonly relevant: readonly string[];
}

/** Means over a group of queries. Every value is 0 when the group is empty (`queries: 0`). */
export interface MeanScores {
  readonly queries: number;
  readonly recall: number;
  readonly precision: number;
  readonly mrr: number;
  readonly ndcg: number;
  /** Share of queries with at least one relevant file in the top k. */
  readonly hitRate: number;
}

export interface QualityScores {
  readonly k: number;
  readonly perQuery: readonly QueryScore[];
  readonly mean: MeanScores;
  readonly byLang: Readonly<Record<QueryLang, MeanScores>>;
  readonly byDifficulty: Readonly<Record<QueryDifficulty, MeanScores>>;
  /**
   * Up to `worstCount` queries that are not perfect (nDCG < 1 or recall < 1), worst first: by
   * nDCG ascending, then recall ascending, then id. Perfect queries are never listed as "worst".
   */
  readonly worst: readonly QueryScore[];
}

export interface ScoreQueriesOptions {
  /** How many queries `worst` lists at most. Default: 10. */
  readonly worstCount?: number;
}

function meanOf(scores: readonly QueryScore[]): MeanScores {
  const n = scores.length;
  if (n === 0) return { queries: 0, recall: 0, precision: 0, mrr: 0, ndcg: 0, hitRate: 0 };
  const sum = (pick: (s: QueryScore) => number): number => scores.reduce((total, s) => total + pick(s), 0) / n;
  return {
    queries: n,
    recall: sum((s) => s.recall),
    precision: sum((s) => s.precision),
    mrr: sum((s) => s.mrr),
    ndcg: sum((s) => s.ndcg),
    hitRate: sum((s) => (s.hit ? 1 : 0)),
  };
}

function compareWorstFirst(a: QueryScore, b: QueryScore): number {
  return a.ndcg - b.ndcg || a.recall - b.recall || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Scores every query at cut-off `k` (see retrieval-metrics.ts for the rules: per file, de-duplicated
 * before the cut, suffix path matching) and aggregates. Pure; throws only for a `k` that is not a
 * positive integer (`RV_ERR_METRIC_ARGUMENT`).
 */
export function scoreQueries(perQuery: readonly QueryRetrieval[], k: number, { worstCount = 10 }: ScoreQueriesOptions = {}): QualityScores {
  const scores: QueryScore[] = perQuery.map(({ query, retrieved }) => {
    const m = computeRetrievalMetrics(retrieved, query.relevant, k);
    return {
      id: query.id,
      query: query.query,
      lang: query.lang,
      difficulty: query.difficulty,
      recall: m.recall,
      precision: m.precision,
      mrr: m.mrr,
      ndcg: m.ndcg,
      hit: m.hit,
      retrieved: m.topK,
      relevant: query.relevant,
    };
  });
  const group = <K extends string>(keys: readonly K[], keyOf: (s: QueryScore) => K): Record<K, MeanScores> =>
    Object.fromEntries(keys.map((key) => [key, meanOf(scores.filter((s) => keyOf(s) === key))])) as Record<K, MeanScores>;
  const worst = scores
    .filter((s) => s.ndcg < 1 || s.recall < 1)
    .sort(compareWorstFirst)
    .slice(0, Math.max(0, worstCount));
  return {
    k,
    perQuery: scores,
    mean: meanOf(scores),
    byLang: group(['ko', 'en'] as const, (s) => s.lang),
    byDifficulty: group(['easy', 'medium', 'hard'] as const, (s) => s.difficulty),
    worst,
  };
}

/** The `quality` settings the gates read: `k` and any `min*` thresholds (unset or null = not a gate). */
export type QualityThresholds = Pick<QualityConfig, 'k'> & { readonly [K in Exclude<keyof QualityConfig, 'k'>]?: number | null | undefined };

/** The metric a quality gate checks, the config key of its threshold and how it is named in output. */
export interface QualityGateDefinition {
  readonly configKey: 'minRecallAtK' | 'minPrecisionAtK' | 'minMrr' | 'minNdcgAtK';
  readonly metric: 'recall' | 'precision' | 'mrr' | 'ndcg';
  /** Gate name for k, e.g. `recall@5`. */
  readonly name: (k: number) => string;
  readonly description: string;
}

/** Every quality gate, in report order. A test checks it covers every `min*` key of the quality config. */
export const QUALITY_GATE_DEFINITIONS: readonly QualityGateDefinition[] = [
  { configKey: 'minRecallAtK', metric: 'recall', name: (k) => `recall@${k}`, description: 'Mean share of relevant files found in the top k.' },
  { configKey: 'minPrecisionAtK', metric: 'precision', name: (k) => `precision@${k}`, description: 'Mean share of the top k (as returned, at most k) that is relevant.' },
  { configKey: 'minMrr', metric: 'mrr', name: (k) => `mrr@${k}`, description: 'Mean reciprocal rank of the first relevant file within the top k.' },
  { configKey: 'minNdcgAtK', metric: 'ndcg', name: (k) => `ndcg@${k}`, description: 'Mean nDCG of the top k, binary relevance.' },
];

/** The verdict of one quality gate (STYLE.md #9). */
export interface QualityGateResult {
  readonly name: string;
  readonly metric: QualityGateDefinition['metric'];
  readonly pass: boolean;
  /** The measured mean. */
  readonly score: number;
  /** The configured minimum. */
  readonly threshold: number;
  readonly reason: string;
}

const fmt = (value: number): string => value.toFixed(4);

/** Means are sums of fractions; a mean that is the threshold up to float rounding passes. */
const FLOAT_TOLERANCE = 1e-9;

/**
 * One gate per threshold configured in `quality` (a threshold that is not set is not a gate):
 * pass when the mean is at least the minimum (up to float rounding, 1e-9). Pure; never throws because a gate failed. With no
 * scored queries every configured gate fails, since there is nothing to pass on.
 */
export function evaluateQualityGates(mean: MeanScores, quality: QualityThresholds): QualityGateResult[] {
  const results: QualityGateResult[] = [];
  for (const def of QUALITY_GATE_DEFINITIONS) {
    const threshold = quality[def.configKey];
    if (threshold === undefined || threshold === null) continue;
    const name = def.name(quality.k);
    const score = mean[def.metric];
    let pass: boolean;
    let reason: string;
    if (mean.queries === 0) {
      pass = false;
      reason = `${name}: no queries were scored, so the minimum ${fmt(threshold)} cannot be met`;
    } else if (!Number.isFinite(score)) {
      pass = false;
      reason = `${name}: the measured value is not a number`;
    } else {
      pass = score >= threshold - FLOAT_TOLERANCE;
      reason = `${name} ${fmt(score)} ${pass ? '≥' : '<'} minimum ${fmt(threshold)} over ${mean.queries} quer${mean.queries === 1 ? 'y' : 'ies'}`;
    }
    results.push({ name, metric: def.metric, pass, score, threshold, reason });
  }
  return results;
}
