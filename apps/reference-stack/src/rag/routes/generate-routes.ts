import type { ServiceApp } from '../../http/service-app.js';
import { generateCode } from '../generation.js';
import { GENERATION_LANGUAGES } from '../languages.js';
import type { RagContext } from '../rag-context.js';
import { generateBody, SEARCH_BODY_LIMIT } from '../rag-schemas.js';

/** `POST /api/v1/generate/` and `GET /api/v1/generate/languages`. */
export function registerGenerateRoutes(service: ServiceApp, ctx: RagContext): void {
  service.route({
    method: 'GET',
    url: '/api/v1/generate/languages',
    summary: 'Languages code can be generated in',
    tags: ['generation'],
    handler: () => ({ languages: GENERATION_LANGUAGES }),
  });
  service.route({
    method: 'POST',
    url: '/api/v1/generate/',
    summary: 'RAG code generation: retrieve context, prompt the LLM, check the syntax',
    tags: ['generation'],
    body: generateBody(ctx.settings.collection),
    bodyLimitBytes: SEARCH_BODY_LIMIT,
    handler: async ({ body }) => {
      const request = {
        query: body.query,
        language: body.language,
        contextLimit: body.context_limit,
        includeTests: body.include_tests,
        maxTokens: body.max_tokens,
        springBootFeatures: body.spring_boot_features,
        javaVersion: body.java_version,
        springBootVersion: body.spring_boot_version,
        vectorWeight: body.vector_weight,
        keywordWeight: body.keyword_weight,
        useRrf: body.use_rrf,
        collection: body.collection_name,
      };
      // With the empty-results defect a failed retrieval gives no contexts (as HEAD does); the LLM must still answer.
      const retrieve = async () =>
        (await ctx.guard(async () => (await ctx.searcher.search({ query: request.query, limit: request.contextLimit, vectorWeight: request.vectorWeight, keywordWeight: request.keywordWeight, collection: request.collection, useRrf: request.useRrf, rrfK: 60 })).hits, () => [])) ;
      const outcome = await ctx.guard(() => generateCode(request, { searcher: ctx.searcher, dependencies: ctx.deps, templates: ctx.templates, retrieve }));
      const isJava = body.language === 'java';
      return {
        query: body.query,
        generated_code: outcome.code,
        contexts_used: outcome.contexts.map((hit) => ({
          function_name: hit.payload.name ?? null,
          code_content: hit.payload.code_content ?? '',
          file_path: hit.payload.file_path ?? '',
          relevance_score: hit.combinedScore,
          code_type: hit.payload.code_type ?? null,
          language: hit.payload.language ?? null,
        })),
        generation_time_ms: Math.round(outcome.elapsedMs),
        model_used: outcome.model,
        language: body.language,
        tokens_used: outcome.tokensUsed,
        search_results_count: outcome.contexts.length,
        spring_boot_features_used: isJava ? body.spring_boot_features : [],
        java_version_used: isJava ? body.java_version : null,
      };
    },
  });
}
