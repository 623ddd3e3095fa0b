import { HttpProblem } from '../../http/http-problem.js';
import type { ServiceApp } from '../../http/service-app.js';
import { chunkSource } from '../chunking/chunk-source.js';
import { INDEXABLE_LANGUAGES, languageOfPath, normaliseIndexLanguage, SUPPORTED_EXTENSIONS, type IndexableLanguage } from '../chunking/code-chunk.js';
import { chunkPoints, namespaceOf, type ChunkPoint } from '../chunk-points.js';
import { readIndexedFile } from '../indexed-file.js';
import { chunkAnalysis } from '../json-chunker.js';
import { naiveIsoNow, type RagContext } from '../rag-context.js';
import { isMissingCollection } from '../rag-dependencies.js';
import { chunkListQuery, INDEXING_BODY_LIMIT, indexBatchBody, indexFileBody, indexJsonBatchBody, indexJsonBody, type CodeAnalysisInput } from '../rag-schemas.js';

export interface IndexingResponse {
  file_path: string;
  chunks_count: number;
  message: string;
  indexed_at: string;
}

function resolveLanguage(filePath: string, language: string | undefined): IndexableLanguage {
  if (language !== undefined) {
    const lang = normaliseIndexLanguage(language);
    if (lang === undefined) throw new HttpProblem(400, `Unsupported language: ${language} (supported: ${INDEXABLE_LANGUAGES.join(', ')})`);
    return lang;
  }
  const lang = languageOfPath(filePath);
  if (lang === undefined) throw new HttpProblem(400, `Unsupported file type: ${filePath} (supported extensions: ${SUPPORTED_EXTENSIONS.join(' ')}; or pass "language")`);
  return lang;
}

function response(filePath: string, count: number, forceUpdate: boolean, prefix = ''): IndexingResponse {
  return {
    file_path: filePath,
    chunks_count: count,
    message: count === 0 ? 'No code chunks to index' : `${prefix}Indexed ${count} chunk${count === 1 ? '' : 's'}${forceUpdate ? ' (existing chunks replaced)' : ''}`,
    indexed_at: naiveIsoNow(),
  };
}

function analysisLanguage(data: CodeAnalysisInput): IndexableLanguage {
  const lang = data.language.trim().toLowerCase();
  if (lang !== 'java' && lang !== 'python' && lang !== 'javascript') throw new HttpProblem(400, `Unsupported language: ${data.language} (supported: java, python, javascript)`);
  return lang;
}

/** Task-06 indexing: file (inline content or server path under the root), batch, JSON, JSON batch, chunk listing. */
export function registerIndexingRoutes(service: ServiceApp, ctx: RagContext): void {
  const { settings } = ctx;

  async function indexSource(collection: string, filePath: string, content: string, language: IndexableLanguage, forceUpdate: boolean): Promise<number> {
    const points = chunkPoints(collection, filePath, language, chunkSource(filePath, content, language), { namespace: namespaceOf(content) });
    await write(collection, filePath, points, forceUpdate);
    return points.length;
  }

  async function write(collection: string, filePath: string, points: readonly ChunkPoint[], forceUpdate: boolean): Promise<void> {
    await ctx.guard(
      () => ctx.indexer.write(collection, points, { filePath, removeAll: forceUpdate }),
      () => undefined,
    );
  }

  async function indexAnalysis(collection: string, data: CodeAnalysisInput, forceUpdate: boolean): Promise<number> {
    const language = analysisLanguage(data);
    const { chunks, keywords } = chunkAnalysis(data);
    const points = chunkPoints(collection, data.filePath, language, chunks, { namespace: namespaceOf(data.code), keywords });
    await write(collection, data.filePath, points, forceUpdate);
    return points.length;
  }

  service.route({
    method: 'POST',
    url: '/api/v1/indexing/file',
    summary: 'Index one file: inline `content`, or a file under the server root by `file_path`',
    tags: ['indexing'],
    body: indexFileBody,
    bodyLimitBytes: INDEXING_BODY_LIMIT,
    handler: async ({ body }) => {
      const collection = body.collection_name ?? settings.collection;
      const language = resolveLanguage(body.file_path, body.language);
      const content = body.content ?? (await readIndexedFile(settings.rootDir, body.file_path, settings.maxFileBytes));
      const count = await indexSource(collection, body.file_path, content, language, body.force_update);
      return response(body.file_path, count, body.force_update);
    },
  });

  service.route({
    method: 'POST',
    url: '/api/v1/indexing/batch',
    summary: 'Index several files under the server root; per-file problems are listed in `errors`',
    tags: ['indexing'],
    body: indexBatchBody,
    handler: async ({ body }) => {
      const collection = body.collection_name ?? settings.collection;
      const results: IndexingResponse[] = [];
      const errors: string[] = [];
      for (const filePath of body.file_paths) {
        try {
          const language = resolveLanguage(filePath, undefined);
          const content = await readIndexedFile(settings.rootDir, filePath, settings.maxFileBytes);
          results.push(response(filePath, await indexSource(collection, filePath, content, language, body.force_update), body.force_update));
        } catch (error) {
          if (!(error instanceof HttpProblem) || error.status >= 500) throw error;
          errors.push(`${filePath}: ${error.message}`);
        }
      }
      return { total_files: body.file_paths.length, successful_files: results.length, failed_files: errors.length, total_chunks: results.reduce((n, r) => n + r.chunks_count, 0), results, errors };
    },
  });

  service.route({
    method: 'POST',
    url: '/api/v1/indexing/json',
    summary: 'Index pre-analysed code (CodeAnalysisData)',
    tags: ['indexing'],
    body: indexJsonBody,
    bodyLimitBytes: INDEXING_BODY_LIMIT,
    successStatus: 201,
    handler: async ({ body }) => {
      const count = await indexAnalysis(body.collection_name ?? settings.collection, body.analysis_data, body.force_update);
      return response(body.analysis_data.filePath, count, body.force_update, 'JSON ');
    },
  });

  service.route({
    method: 'POST',
    url: '/api/v1/indexing/json/batch',
    summary: 'Index many pre-analysed files; unsupported ones are listed in `errors`',
    tags: ['indexing'],
    body: indexJsonBatchBody,
    bodyLimitBytes: INDEXING_BODY_LIMIT,
    successStatus: 201,
    handler: async ({ body }) => {
      const collection = body.collection_name ?? settings.collection;
      const results: IndexingResponse[] = [];
      const errors: string[] = [];
      for (const data of body.analysis_data_list) {
        try {
          results.push(response(data.filePath, await indexAnalysis(collection, data, body.force_update), body.force_update, 'JSON '));
        } catch (error) {
          if (!(error instanceof HttpProblem) || error.status >= 500) throw error;
          errors.push(`${data.filePath}: ${error.message}`);
        }
      }
      return { total_files: body.analysis_data_list.length, successful_files: results.length, failed_files: errors.length, total_chunks: results.reduce((n, r) => n + r.chunks_count, 0), results, errors };
    },
  });

  service.route({
    method: 'GET',
    url: '/api/v1/indexing/chunks',
    summary: 'List stored chunks with filters and page/size pagination',
    tags: ['indexing'],
    query: chunkListQuery,
    handler: async ({ query }) => {
      const collection = query.collection_name ?? settings.collection;
      const must: unknown[] = [];
      if (query.file_path !== undefined) must.push({ key: 'file_path', match: { value: query.file_path } });
      if (query.code_type !== undefined) must.push({ key: 'code_type', match: { value: query.code_type } });
      if (query.language !== undefined) must.push({ key: 'language', match: { value: query.language } });
      if (query.keyword !== undefined) must.push({ key: 'keywords', match: { value: query.keyword.toLowerCase() } });
      const filter = must.length > 0 ? { must } : undefined;
      const empty = { chunks: [], total: 0, page: query.page, size: query.size, total_pages: 0 };
      return ctx.guard(async () => {
        const total = await ctx.indexer.count(collection, filter);
        const skip = (query.page - 1) * query.size;
        const points: Array<{ id: string | number; payload: Record<string, unknown> }> = [];
        let offset: string | number | null = null;
        if (skip < total) {
          do {
            const page: { points: Array<{ id: string | number; payload: Record<string, unknown> }>; nextOffset: string | number | null } = await ctx.deps
              .call('vector-db', 'scroll', () => ctx.deps.vectorDb.scroll(collection, { limit: Math.min(256, skip + query.size - points.length), offset, ...(filter === undefined ? {} : { filter }) }))
              .catch((error: unknown) => {
                if (isMissingCollection(error)) return { points: [], nextOffset: null };
                throw error;
              });
            points.push(...page.points);
            offset = page.nextOffset;
          } while (offset !== null && points.length < skip + query.size);
        }
        const chunks = points.slice(skip, skip + query.size).map(({ id, payload: p }) => ({
          id: String(id),
          file_path: p['file_path'] ?? '',
          function_name: p['name'] ?? null,
          name: p['name'] ?? null,
          code_content: p['code_content'] ?? '',
          code_type: p['code_type'] ?? null,
          language: p['language'] ?? null,
          line_start: p['line_start'] ?? null,
          line_end: p['line_end'] ?? null,
          keywords: Array.isArray(p['keywords']) ? (p['keywords'] as unknown[]).slice(0, 20) : [],
          indexed_at: p['indexed_at'] ?? null,
        }));
        return { chunks, total, page: query.page, size: query.size, total_pages: Math.ceil(total / query.size) };
      }, () => empty);
    },
  });
}
