import type { ScoredPoint } from '@rag-validate/clients';
import { z } from 'zod';
import { keywordTerms } from '../text/code-tokens.js';
import { bm25Scores, normaliseScores, TermStatsCache } from './bm25.js';
import type { ChunkPayload } from './chunk-points.js';
import { isMissingCollection, type RagDependencies } from './rag-dependencies.js';

export interface HybridQuery {
  readonly query: string;
  readonly keywords?: readonly string[] | null | undefined;
  readonly limit: number;
  readonly vectorWeight: number;
  readonly keywordWeight: number;
  readonly collection: string;
  readonly useRrf: boolean;
  readonly rrfK: number;
  /** A Qdrant filter applied to both candidate lists. */
  readonly filter?: Record<string, unknown>;
}

export interface HybridHit {
  readonly id: string;
  readonly payload: Partial<ChunkPayload> & Record<string, unknown>;
  readonly vectorScore: number;
  readonly keywordScore: number;
  readonly combinedScore: number;
}

export interface HybridResult {
  readonly hits: HybridHit[];
  readonly vectorCandidates: number;
  readonly keywordCandidates: number;
}

/** Qdrant's batch search answer: one list of scored points per search. */
const batchResult = z.object({
  result: z.array(z.array(z.object({ id: z.union([z.string(), z.number()]), score: z.number(), payload: z.record(z.string(), z.unknown()).nullable().optional() }).loose())),
}).loose();

/** Candidates per list: enough for good fusion, few enough to keep payload transfer small. */
const candidateCount = (limit: number): number => Math.max(3 * limit, 30);

function contentOf(payload: Record<string, unknown>): string {
  const content = payload['code_content'] ?? payload['content'];
  return typeof content === 'string' ? content : '';
}

/** The text BM25 scores: the chunk's keywords (names, file) and its code. */
function searchableText(payload: Record<string, unknown>): string {
  const keywords = Array.isArray(payload['keywords']) ? (payload['keywords'] as unknown[]).filter((k) => typeof k === 'string').slice(0, 20).join(' ') : '';
  const name = typeof payload['name'] === 'string' ? payload['name'] : '';
  return `${name} ${keywords}\n${contentOf(payload)}`;
}

/** The distinct query terms used for keyword matching (given keywords, else extracted from the query). */
export function queryTerms(query: string, keywords: readonly string[] | null | undefined): string[] {
  const given = (keywords ?? []).flatMap((k) => keywordTerms(k));
  const terms = given.length > 0 ? given : keywordTerms(query);
  return [...new Set(terms)].slice(0, 16);
}

/**
 * Hybrid retrieval: exact vector search over the collection plus keyword candidates (chunks whose
 * keywords contain a query term), BM25 over the union, both scores normalised and combined by
 * weight or by reciprocal rank fusion.
 */
export class HybridSearcher {
  readonly #deps: RagDependencies;
  readonly #stats = new TermStatsCache();

  constructor(deps: RagDependencies) {
    this.#deps = deps;
  }

  /** Vector search; a collection that does not exist has no results. */
  async vectorSearch(collection: string, vector: readonly number[], limit: number, filter?: Record<string, unknown>, scoreThreshold?: number): Promise<ScoredPoint[]> {
    try {
      return await this.#deps.call('vector-db', 'search', () =>
        this.#deps.vectorDb.search(collection, { vector, limit, ...(filter === undefined ? {} : { filter }), ...(scoreThreshold === undefined ? {} : { scoreThreshold }) }),
      );
    } catch (error) {
      if (isMissingCollection(error)) return [];
      throw error;
    }
  }

  /**
   * Two exact searches in one batch request (the vector-db scores each chunk once): the nearest
   * chunks overall, and the nearest among the chunks whose keywords contain a query term, so
   * keyword matches are candidates even when they are far away in vector space.
   */
  async #candidates(collection: string, vector: readonly number[], terms: readonly string[], limit: number, filter?: Record<string, unknown>): Promise<[ScoredPoint[], ScoredPoint[]]> {
    const searches = [{ vector, limit, with_payload: true, ...(filter === undefined ? {} : { filter }) }];
    if (terms.length > 0) searches.push({ vector, limit, with_payload: true, filter: { must: [{ key: 'keywords', match: { any: terms } }, ...(filter === undefined ? [] : [filter])] } });
    try {
      const { body } = await this.#deps.call('vector-db', 'search_batch', () =>
        this.#deps.vectorDb.http.request({ method: 'POST', path: `/collections/${encodeURIComponent(collection)}/points/search/batch`, json: { searches }, idempotent: true, schema: batchResult }),
      );
      const [all = [], keyword = []] = body.result.map((hits) => hits.map((h) => ({ id: h.id, score: h.score, payload: h.payload ?? {} })));
      return [all, keyword];
    } catch (error) {
      if (isMissingCollection(error)) return [[], []];
      throw error;
    }
  }

  async search(q: HybridQuery): Promise<HybridResult> {
    if (q.query.trim().length === 0 && (q.keywords ?? []).length === 0) return { hits: [], vectorCandidates: 0, keywordCandidates: 0 };
    const terms = queryTerms(q.query, q.keywords);
    const vector = await this.#deps.embed(q.query);
    const [vectorHits, keywordHits] = await this.#candidates(q.collection, vector, terms, candidateCount(q.limit), q.filter);
    const candidates = new Map<string, { payload: Record<string, unknown>; vectorScore: number }>();
    for (const hit of [...vectorHits, ...keywordHits]) candidates.set(String(hit.id), { payload: hit.payload, vectorScore: hit.score });
    const ids = [...candidates.keys()];
    const entries = ids.map((id) => candidates.get(id) as { payload: Record<string, unknown>; vectorScore: number });
    const keyword = normaliseScores(bm25Scores(terms, entries.map((e, i) => this.#stats.get(ids[i] as string, searchableText(e.payload)))));
    const vectorScores = entries.map((e) => e.vectorScore);

    let combined: number[];
    if (q.useRrf) {
      const rank = (scores: readonly number[]): Map<number, number> => {
        const order = scores.map((s, i) => [s, i] as const).filter(([s]) => s > 0).sort((a, b) => b[0] - a[0]);
        return new Map(order.map(([, i], r) => [i, r + 1]));
      };
      const vRank = rank(vectorScores);
      const kRank = rank(keyword);
      combined = ids.map((_, i) => {
        const v = vRank.get(i);
        const k = kRank.get(i);
        return (v === undefined ? 0 : q.vectorWeight / (q.rrfK + v)) + (k === undefined ? 0 : q.keywordWeight / (q.rrfK + k));
      });
    } else {
      combined = ids.map((_, i) => q.vectorWeight * Math.max(0, vectorScores[i] ?? 0) + q.keywordWeight * (keyword[i] ?? 0));
    }
    const hits = ids
      .map((id, i) => ({ id, payload: entries[i]?.payload ?? {}, vectorScore: vectorScores[i] ?? 0, keywordScore: keyword[i] ?? 0, combinedScore: combined[i] ?? 0 }))
      .sort((a, b) => b.combinedScore - a.combinedScore || b.vectorScore - a.vectorScore || (a.id < b.id ? -1 : 1))
      .slice(0, q.limit);
    return { hits, vectorCandidates: vectorHits.length, keywordCandidates: keywordHits.length };
  }
}
