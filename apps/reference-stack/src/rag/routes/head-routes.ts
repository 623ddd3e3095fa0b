import { randomUUID } from 'node:crypto';
import { uuidFromText } from '@rag-validate/clients';
import type { ServiceApp } from '../../http/service-app.js';
import { HttpProblem } from '../../http/http-problem.js';
import { parsePointId } from '../../vector-db/point-id.js';
import { chunkKeywords, namespaceOf, type ChunkPoint } from '../chunk-points.js';
import type { RagContext } from '../rag-context.js';
import { headBm25SearchBody, headHybridSearchBody, headIndexBody, headVectorSearchBody, INDEXING_BODY_LIMIT, SEARCH_BODY_LIMIT } from '../rag-schemas.js';

interface HeadResult {
  content: string;
  score: number;
  metadata: Record<string, unknown>;
  document_id: string;
}

const PROMOTED = ['file_path', 'language', 'code_type', 'name', 'line_start', 'line_end', 'indexed_at', 'namespace', 'parent_class'] as const;

/** A vector-db point as a HEAD result: content, score ≥ 0, metadata (caller's + chunk fields), document id. */
function headResult(id: string | number, payload: Record<string, unknown>, score: number): HeadResult {
  const metadata: Record<string, unknown> = { ...((payload['metadata'] as Record<string, unknown> | undefined) ?? {}) };
  for (const key of PROMOTED) if (payload[key] !== undefined && payload[key] !== null && metadata[key] === undefined) metadata[key] = payload[key];
  const cls = typeof payload['parent_class'] === 'string' ? payload['parent_class'] : payload['code_type'] === 'class' ? payload['name'] : undefined;
  if (typeof payload['namespace'] === 'string' && typeof cls === 'string') metadata['full_class_name'] = `${payload['namespace']}.${cls}`;
  return {
    content: typeof payload['code_content'] === 'string' ? payload['code_content'] : '',
    score: Math.max(0, score),
    metadata,
    document_id: typeof payload['document_id'] === 'string' ? payload['document_id'] : String(id),
  };
}

function metadataFilter(filter: Record<string, string | number | boolean> | null | undefined, language?: string | null): Record<string, unknown> | undefined {
  const must: unknown[] = Object.entries(filter ?? {}).map(([key, value]) => ({ should: [{ key: `metadata.${key}`, match: { value } }, { key, match: { value } }] }));
  if (language !== undefined && language !== null) must.push({ key: 'language', match: { value: language } });
  return must.length === 0 ? undefined : { must };
}

/**
 * HEAD's document indexing and `/api/v1/search/{vector,bm25,hybrid}`, without HEAD's bugs: the
 * collection asked for is the one searched, `top_k` is honoured up to 100, BM25 sees new
 * documents at once, negative cosine scores are clamped instead of failing.
 */
export function registerHeadRoutes(service: ServiceApp, ctx: RagContext): void {
  service.route({
    method: 'POST',
    url: '/api/v1/indexing/vector/index',
    summary: 'Index documents into a vector collection (HEAD)',
    tags: ['indexing', 'head'],
    body: headIndexBody,
    bodyLimitBytes: INDEXING_BODY_LIMIT,
    handler: async ({ body }) => {
      const started = performance.now();
      if (body.vector_dimension !== undefined && body.vector_dimension !== 384) {
        throw new HttpProblem(400, `vector_dimension ${body.vector_dimension} does not match the embedding model (384)`);
      }
      const indexedAt = new Date().toISOString();
      const points: ChunkPoint[] = body.documents.map((doc, index) => {
        const content = doc.content ?? doc.text ?? '';
        const metadata = doc.metadata ?? {};
        const documentId = doc.id === undefined ? randomUUID() : String(doc.id);
        const pointId = parsePointId(doc.id) ?? uuidFromText(`${body.collection_name}\u0000${documentId}`);
        const filePath = typeof metadata['file_path'] === 'string' ? metadata['file_path'] : typeof metadata['filepath'] === 'string' ? metadata['filepath'] : '';
        const name = typeof metadata['name'] === 'string' ? metadata['name'] : typeof metadata['function_name'] === 'string' ? metadata['function_name'] : documentId;
        return {
          id: String(pointId),
          payload: {
            file_path: filePath,
            name,
            code_content: content,
            code_type: typeof metadata['code_type'] === 'string' ? metadata['code_type'] : 'document',
            language: typeof metadata['language'] === 'string' ? metadata['language'] : (body.language ?? 'unknown'),
            line_start: typeof metadata['line_start'] === 'number' ? metadata['line_start'] : 1,
            line_end: typeof metadata['line_end'] === 'number' ? metadata['line_end'] : content.split('\n').length,
            keywords: chunkKeywords([name, filePath.split(/[\\/]/).pop() ?? ''], content),
            namespace: namespaceOf(content),
            parent_class: null,
            indexed_at: indexedAt,
            chunk_index: index,
            document_id: documentId,
            metadata: { ...metadata, indexed_at: indexedAt },
          },
          embedText: `${filePath}\n${name}\n${content}`,
        };
      });
      await ctx.guard(() => ctx.indexer.write(body.collection_name, points, undefined), () => undefined);
      return { success: true, indexed_count: points.length, collection_name: body.collection_name, index_time_ms: Math.round(performance.now() - started), error_message: null };
    },
  });

  service.route({
    method: 'POST',
    url: '/api/v1/indexing/bm25/index',
    summary: 'Index documents into a BM25 index (HEAD; the index name is `index_name`, else `collection_name`)',
    tags: ['indexing', 'head'],
    body: headIndexBody,
    bodyLimitBytes: INDEXING_BODY_LIMIT,
    handler: ({ body }) => {
      const started = performance.now();
      const name = body.index_name ?? body.collection_name;
      const docs = body.documents.map((doc) => ({ id: doc.id === undefined ? randomUUID() : String(doc.id), content: doc.content ?? doc.text ?? '', metadata: { ...(doc.metadata ?? {}) } }));
      if (!ctx.defects.has('drop-indexed-chunks')) ctx.bm25.add(name, docs);
      return { success: true, indexed_count: docs.length, collection_name: name, index_time_ms: Math.round(performance.now() - started), error_message: null };
    },
  });

  service.route({
    method: 'POST',
    url: '/api/v1/search/vector',
    summary: 'Vector search in a collection (HEAD)',
    tags: ['search', 'head'],
    body: headVectorSearchBody,
    bodyLimitBytes: SEARCH_BODY_LIMIT,
    handler: async ({ body }) => {
      const started = performance.now();
      const envelope = (results: HeadResult[]) => ({ success: true, results, total_results: results.length, search_time_ms: Math.round(performance.now() - started), collection_name: body.collection_name, error: null });
      return ctx.guard(
        async () => {
          const vector = await ctx.deps.embed(body.query);
          const hits = await ctx.searcher.vectorSearch(body.collection_name, vector, body.top_k, metadataFilter(body.filter_metadata), body.score_threshold > 0 ? body.score_threshold : undefined);
          return envelope(hits.map((h) => headResult(h.id, h.payload, h.score)));
        },
        () => envelope([]),
      );
    },
  });

  service.route({
    method: 'POST',
    url: '/api/v1/search/bm25',
    summary: 'BM25 search in a named index (HEAD)',
    tags: ['search', 'head'],
    body: headBm25SearchBody,
    bodyLimitBytes: SEARCH_BODY_LIMIT,
    handler: ({ body }) => {
      const started = performance.now();
      const hits = ctx.bm25.search(body.index_name, body.query, body.top_k, body.filter_language == null ? undefined : (doc) => doc.metadata['language'] === body.filter_language);
      const results = hits.map(({ doc, score }) => ({ content: doc.content, score, metadata: doc.metadata, document_id: doc.id }));
      return { success: true, results, total_results: results.length, search_time_ms: Math.round(performance.now() - started), index_name: body.index_name, error: null };
    },
  });

  service.route({
    method: 'POST',
    url: '/api/v1/search/hybrid',
    summary: 'Vector + BM25 fusion by document id, RRF or weighted sum (HEAD)',
    tags: ['search', 'head'],
    body: headHybridSearchBody,
    bodyLimitBytes: SEARCH_BODY_LIMIT,
    handler: async ({ body }) => {
      const started = performance.now();
      const depth = Math.max(body.top_k * 3, 30);
      const envelope = (results: HeadResult[], vectorCount: number, bm25Count: number) => ({
        success: true,
        results,
        total_results: results.length,
        search_time_ms: Math.round(performance.now() - started),
        vector_results_count: vectorCount,
        bm25_results_count: bm25Count,
        fusion_method: body.use_rrf ? 'rrf' : 'weighted_sum',
        weights_used: { vector_weight: body.vector_weight, bm25_weight: body.bm25_weight },
        error: null,
      });
      return ctx.guard(
        async () => {
          const vector = await ctx.deps.embed(body.query);
          const vectorHits = (await ctx.searcher.vectorSearch(body.collection_name, vector, depth, metadataFilter(body.filter_metadata, body.filter_language))).map((h) => headResult(h.id, h.payload, h.score));
          const bm25Hits = ctx.bm25.search(body.index_name, body.query, depth, body.filter_language == null ? undefined : (doc) => doc.metadata['language'] === body.filter_language);
          const maxBm25 = Math.max(0, ...bm25Hits.map((h) => h.score));
          const fused = new Map<string, { result: HeadResult; score: number }>();
          const add = (id: string, result: HeadResult, score: number) => {
            const entry = fused.get(id);
            if (entry === undefined) fused.set(id, { result, score });
            else entry.score += score;
          };
          vectorHits.forEach((hit, rank) => add(hit.document_id, hit, body.use_rrf ? 1 / (body.rrf_k + rank + 1) : body.vector_weight * hit.score));
          bm25Hits.forEach(({ doc, score }, rank) =>
            add(doc.id, { content: doc.content, score: 0, metadata: doc.metadata, document_id: doc.id }, body.use_rrf ? 1 / (body.rrf_k + rank + 1) : body.bm25_weight * (maxBm25 === 0 ? 0 : score / maxBm25)),
          );
          const results = [...fused.values()]
            .map(({ result, score }) => ({ ...result, score }))
            .filter((r) => r.score >= body.score_threshold)
            .sort((a, b) => b.score - a.score || (a.document_id < b.document_id ? -1 : 1))
            .slice(0, body.top_k);
          return envelope(results, vectorHits.length, bm25Hits.length);
        },
        () => envelope([], 0, 0),
      );
    },
  });
}
