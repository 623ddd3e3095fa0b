/**
 * Retrieval-quality metrics over one ranked result list, with binary relevance judged per file.
 *
 * The rules, shared by every function here:
 * - **Files, not chunks.** A search returns chunks; several chunks of one file are one retrieved
 *   file. The ranked list is de-duplicated by normalised path (keeping the best rank) *before* it
 *   is cut at k, so duplicates can neither fill the top k nor count twice. (The codev
 *   evaluation-server counted every chunk, so its recall could exceed 1.0; ours never does.)
 * - **Path matching.** Paths are normalised (backslashes → `/`, leading `./` and `/` removed,
 *   repeated slashes collapsed). A retrieved path matches a relevant path when it equals it or
 *   ends with it on a segment boundary: `/app/golden/corpus/a/b.py` matches `corpus/a/b.py`, but
 *   `corpus/a/xb.py` does not match `b.py`. Matching is case-sensitive.
 * - **Each relevant file is found at most once.** If two retrieved paths both end with the same
 *   relevant path (the same file under two roots), only the first is a hit.
 * - **Never NaN.** An empty result list, or no relevant files, gives 0.
 */
import { MetricArgumentError } from './retrieval-errors.js';

/** Normalises a file path for matching: `/`-separated, no leading `./` or `/`, no empty or `.` segments. */
export function normalizePath(path: string): string {
  return path
    .replace(/\\/g, '/')
    .split('/')
    .filter((segment) => segment !== '' && segment !== '.')
    .join('/');
}

/** True when `retrieved` is the `relevant` file: equal after normalising, or ending with it on a `/` boundary. */
export function pathMatches(retrieved: string, relevant: string): boolean {
  const r = normalizePath(retrieved);
  const g = normalizePath(relevant);
  if (g === '' || r === '') return false;
  return r === g || r.endsWith(`/${g}`);
}

/**
 * The ranked list with repeated files removed (first, i.e. best-ranked, occurrence kept), as
 * normalised paths. Entries that normalise to `''` (a hit without a path) count as one unknown
 * file that never matches.
 */
export function dedupeByFile(retrieved: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const path of retrieved) {
    const normalized = normalizePath(path);
    if (seen.has(normalized)) continue;
    seen.add(normalized);
    out.push(normalized);
  }
  return out;
}

/** The top-k files of one ranked list, each judged relevant or not. */
export interface RankingJudgement {
  /** The cut-off rank. */
  readonly k: number;
  /** Up to k retrieved files, de-duplicated, normalised, best first. */
  readonly topK: readonly string[];
  /** `hits[i]` is true when `topK[i]` is a relevant file not already found higher up. */
  readonly hits: readonly boolean[];
  /** The relevant files, normalised and de-duplicated. */
  readonly relevant: readonly string[];
}

function assertK(k: number): void {
  if (!Number.isInteger(k) || k < 1) throw new MetricArgumentError('k', k, 'a positive integer');
}

/** De-duplicates, cuts at k and marks every hit. All metrics below are computed from this. */
export function judgeRanking(retrieved: readonly string[], relevant: Iterable<string>, k: number): RankingJudgement {
  assertK(k);
  const relevantFiles = [...new Set([...relevant].map(normalizePath).filter((p) => p !== ''))];
  const topK = dedupeByFile(retrieved).slice(0, k);
  const found = new Set<number>();
  const hits = topK.map((path) => {
    const index = relevantFiles.findIndex((g, i) => !found.has(i) && pathMatches(path, g));
    if (index === -1) return false;
    found.add(index);
    return true;
  });
  return { k, topK, hits, relevant: relevantFiles };
}

function countHits(j: RankingJudgement): number {
  return j.hits.filter(Boolean).length;
}

/** recall@k = relevant files found in the top k ÷ number of relevant files (0 when there are none). Never above 1. */
export function recallAtK(retrieved: readonly string[], relevant: Iterable<string>, k: number): number {
  const j = judgeRanking(retrieved, relevant, k);
  return j.relevant.length === 0 ? 0 : countHits(j) / j.relevant.length;
}

/**
 * precision@k = relevant files in the top k ÷ min(k, number of distinct files retrieved).
 * The denominator is what was actually returned, as the codev evaluation-server computes it: a
 * search that returns 2 files, both relevant, has precision 1 at k = 5. 0 when nothing was retrieved.
 */
export function precisionAtK(retrieved: readonly string[], relevant: Iterable<string>, k: number): number {
  const j = judgeRanking(retrieved, relevant, k);
  return j.topK.length === 0 ? 0 : countHits(j) / j.topK.length;
}

/** hit@k = 1 when at least one relevant file is in the top k, else 0. */
export function hitAtK(retrieved: readonly string[], relevant: Iterable<string>, k: number): 0 | 1 {
  return countHits(judgeRanking(retrieved, relevant, k)) > 0 ? 1 : 0;
}

/** 1 / rank of the first relevant file within the top k (ranks count distinct files from 1); 0 when none. Averaged over queries this is MRR@k. */
export function reciprocalRank(retrieved: readonly string[], relevant: Iterable<string>, k: number): number {
  const first = judgeRanking(retrieved, relevant, k).hits.indexOf(true);
  return first === -1 ? 0 : 1 / (first + 1);
}

/** Discounted gain of a hit at 0-based position i: 1 / log2(rank + 1) with rank = i + 1. */
function gain(i: number): number {
  return 1 / Math.log2(i + 2);
}

/**
 * nDCG@k with binary relevance: DCG = Σ over hits at rank r of 1 / log2(r + 1); IDCG is the DCG
 * of a perfect ranking, min(|relevant|, k) hits at ranks 1, 2, …. 0 when there are no relevant files.
 */
export function ndcgAtK(retrieved: readonly string[], relevant: Iterable<string>, k: number): number {
  return ndcgOf(judgeRanking(retrieved, relevant, k));
}

function ndcgOf(j: RankingJudgement): number {
  const ideal = Math.min(j.relevant.length, j.k);
  let idcg = 0;
  for (let i = 0; i < ideal; i += 1) idcg += gain(i);
  if (idcg === 0) return 0;
  let dcg = 0;
  j.hits.forEach((hit, i) => {
    if (hit) dcg += gain(i);
  });
  return dcg / idcg;
}

/** Every metric of one ranked list at once (one judgement, so one de-duplication pass). */
export interface RetrievalMetrics {
  readonly recall: number;
  readonly precision: number;
  readonly mrr: number;
  readonly ndcg: number;
  readonly hit: boolean;
  /** The judged top k: de-duplicated, normalised, best first. */
  readonly topK: readonly string[];
  /** The relevant files, normalised and de-duplicated. */
  readonly relevant: readonly string[];
}

/** recall@k, precision@k, reciprocal rank, nDCG@k and hit@k of one ranked list. */
export function computeRetrievalMetrics(retrieved: readonly string[], relevant: Iterable<string>, k: number): RetrievalMetrics {
  const j = judgeRanking(retrieved, relevant, k);
  const hits = countHits(j);
  const first = j.hits.indexOf(true);
  return {
    recall: j.relevant.length === 0 ? 0 : hits / j.relevant.length,
    precision: j.topK.length === 0 ? 0 : hits / j.topK.length,
    mrr: first === -1 ? 0 : 1 / (first + 1),
    ndcg: ndcgOf(j),
    hit: hits > 0,
    topK: j.topK,
    relevant: j.relevant,
  };
}
