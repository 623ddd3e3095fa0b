import type { ServiceApp } from '../../http/service-app.js';
import type { RagContext } from '../rag-context.js';
import { SEARCH_BODY_LIMIT, task06SearchBody } from '../rag-schemas.js';

/** Task-06 hybrid search, `POST /api/v1/search/`. */
export function registerSearchRoutes(service: ServiceApp, ctx: RagContext): void {
  service.route({
    method: 'POST',
    url: '/api/v1/search/',
    summary: 'Hybrid code search (vector + BM25 keyword scores, weighted or RRF)',
    tags: ['search'],
    body: task06SearchBody(ctx.settings.collection),
    bodyLimitBytes: SEARCH_BODY_LIMIT,
    handler: async ({ body }) => {
      const started = performance.now();
      const envelope = (results: unknown[], vectorCount: number, keywordCount: number) => ({
        query: body.query,
        results,
        total_results: results.length,
        search_time_ms: Math.round(performance.now() - started),
        vector_results_count: vectorCount,
        keyword_results_count: keywordCount,
        search_method: body.use_rrf ? 'rrf' : 'weighted',
        rrf_k: body.use_rrf ? body.rrf_k : null,
      });
      return ctx.guard(
        async () => {
          const { hits } = await ctx.searcher.search({
            query: body.query,
            keywords: body.keywords,
            limit: body.limit,
            vectorWeight: body.vector_weight,
            keywordWeight: body.keyword_weight,
            collection: body.collection_name,
            useRrf: body.use_rrf,
            rrfK: body.rrf_k,
          });
          const results = hits.map(({ id, payload: p, vectorScore, keywordScore, combinedScore }) => ({
            id,
            file_path: p.file_path ?? '',
            function_name: p.name ?? null,
            code_content: p.code_content ?? '',
            code_type: p.code_type ?? null,
            language: p.language ?? null,
            line_start: p.line_start ?? null,
            line_end: p.line_end ?? null,
            keywords: (p.keywords ?? []).slice(0, 20),
            vector_score: vectorScore,
            keyword_score: keywordScore,
            combined_score: combinedScore,
          }));
          return envelope(results, hits.filter((h) => h.vectorScore > 0).length, hits.filter((h) => h.keywordScore > 0).length);
        },
        () => envelope([], 0, 0),
      );
    },
  });
  // FastAPI's redirect_slashes: the slash-less URL answers 307 to the canonical one.
  for (const url of ['/api/v1/search', '/api/v1/generate']) {
    service.route({ method: 'POST', url, summary: `Redirects (307) to ${url}/`, tags: ['search'], hidden: true, handler: ({ reply }) => reply.code(307).header('location', `${url}/`).send() });
  }
}
