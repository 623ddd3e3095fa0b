import { createHash } from 'node:crypto';
import type { ContractSetting, ContractVersion } from '@rag-validate/config';
import type { z } from 'zod';
import { InvalidArgumentError, UnsupportedOperationError } from '../core/errors.js';
import { probeHealth, type HealthCheck } from '../core/health-check.js';
import { HttpClient, type HttpRequest } from '../core/http-client.js';
import type { CallOptions, ServiceClientOptions } from '../core/service-client-options.js';
import { expectHealthy } from '../embedding-client.js';
import { detectContract } from './contract-detector.js';
import {
  batchIndexingResponse,
  chunkListResponse,
  generateResponse,
  headIndexingResponse,
  headSearchResponse,
  indexingResponse,
  languagesResponse,
  renderedPromptResponse,
  task06SearchResponse,
  templateResponse,
} from './rag-schemas.js';
import type {
  BatchIndexResult,
  ChunkList,
  ChunkListRequest,
  CodeAnalysisData,
  GenerateRequest,
  GenerateResult,
  IndexFileRequest,
  IndexResult,
  LanguageInfo,
  PromptTemplate,
  RenderedPrompt,
  SearchHit,
  SearchRequest,
  SearchResult,
} from './rag-types.js';

export interface RagApiClientOptions extends ServiceClientOptions {
  /** Which contract to speak. Default: `auto` (detected once from `/openapi.json`). */
  readonly contract?: ContractSetting;
  /** Collection searched and indexed into. Default: `code_chunks`. */
  readonly collection?: string;
  /** BM25 index name (HEAD contract). Default: `default`. */
  readonly bm25Index?: string;
  /** Deadline of one generation call. Default: 120_000. */
  readonly generateTimeoutMs?: number;
}

/**
 * Client for the rag-server, for both contract versions (Task 06 and HEAD). Suites see one
 * normalized result type per operation; the raw body is kept in `raw`.
 */
export class RagApiClient {
  readonly http: HttpClient;
  readonly collection: string;
  readonly bm25Index: string;
  readonly generateTimeoutMs: number;
  readonly #setting: ContractSetting;
  #detected: Promise<ContractVersion> | undefined;

  constructor(options: RagApiClientOptions) {
    const { contract = 'auto', collection = 'code_chunks', bm25Index = 'default', generateTimeoutMs = 120_000, ...rest } = options;
    this.http = new HttpClient({ ...rest, timeoutMs: rest.timeoutMs ?? 30_000 });
    this.collection = collection;
    this.bm25Index = bm25Index;
    this.generateTimeoutMs = generateTimeoutMs;
    this.#setting = contract;
  }

  /** The contract version in use: the configured one, or the detected one (detected once). */
  contract(options: CallOptions = {}): Promise<ContractVersion> {
    if (this.#setting !== 'auto') return Promise.resolve(this.#setting);
    this.#detected ??= detectContract(this.http, options).catch((error: unknown) => {
      this.#detected = undefined;
      throw error;
    });
    return this.#detected;
  }

  /** GET /health (liveness); ok when `status` is "healthy". */
  health(options: CallOptions = {}): Promise<HealthCheck> {
    return probeHealth(this.http, '/health', { ...options, check: expectHealthy });
  }

  /** GET /readyz (dependency readiness). The real codev server has none (404 → not ok). */
  readyz(options: CallOptions = {}): Promise<HealthCheck> {
    return probeHealth(this.http, '/readyz', options);
  }

  /** Indexes one file, by inline content or by a path on the server. */
  async indexFile(request: IndexFileRequest, options: CallOptions = {}): Promise<IndexResult> {
    requireText('filePath', request.filePath);
    if ((await this.contract(options)) === 'codev-head') return this.#headIndex(request, options);
    const { body } = await this.#post('/api/v1/indexing/file', {
      file_path: request.filePath,
      ...(request.content === undefined ? {} : { content: request.content }),
      ...(request.language === undefined ? {} : { language: request.language }),
      force_update: request.forceUpdate ?? false,
    }, indexingResponse, options);
    return toIndexResult(body);
  }

  /** Indexes files the server can read by path (Task 06 `/batch`). */
  async indexBatch(filePaths: readonly string[], options: CallOptions & { forceUpdate?: boolean } = {}): Promise<BatchIndexResult> {
    await this.#requireTask06('indexBatch', 'index each file with indexFile({ filePath, content })', options);
    const { body } = await this.#post('/api/v1/indexing/batch', { file_paths: filePaths, force_update: options.forceUpdate ?? false }, batchIndexingResponse, options);
    return toBatchResult(body);
  }

  /** Indexes pre-analysed code (Task 06 `/json`, answers 201). */
  async indexJson(data: CodeAnalysisData, options: CallOptions & { forceUpdate?: boolean } = {}): Promise<IndexResult> {
    await this.#requireTask06('indexJson', 'HEAD indexes documents through /api/v1/indexing/vector/index', options);
    const { body } = await this.#post('/api/v1/indexing/json', { analysis_data: data, force_update: options.forceUpdate ?? false }, indexingResponse, options);
    return toIndexResult(body);
  }

  /** Indexes many pre-analysed files (Task 06 `/json/batch`, answers 201). */
  async indexJsonBatch(list: readonly CodeAnalysisData[], options: CallOptions & { forceUpdate?: boolean } = {}): Promise<BatchIndexResult> {
    await this.#requireTask06('indexJsonBatch', 'HEAD indexes documents through /api/v1/indexing/vector/index', options);
    const { body } = await this.#post('/api/v1/indexing/json/batch', { analysis_data_list: list, force_update: options.forceUpdate ?? false }, batchIndexingResponse, options);
    return toBatchResult(body);
  }

  /** Lists stored chunks (Task 06 `GET /chunks`). */
  async listChunks(request: ChunkListRequest = {}, options: CallOptions = {}): Promise<ChunkList> {
    await this.#requireTask06('listChunks', 'HEAD has no chunk listing; count points in the vector DB instead', options);
    const { body } = await this.http.request({
      method: 'GET',
      path: '/api/v1/indexing/chunks',
      query: { file_path: request.filePath, code_type: request.codeType, language: request.language, keyword: request.keyword, page: request.page, size: request.size },
      schema: chunkListResponse,
      ...options,
    });
    return {
      chunks: body.chunks.map((c) => ({
        id: String(c.id),
        filePath: c.file_path,
        content: c.code_content,
        codeType: c.code_type ?? undefined,
        language: c.language ?? undefined,
        lineStart: c.line_start ?? undefined,
        lineEnd: c.line_end ?? undefined,
        raw: c,
      })),
      total: body.total,
      page: body.page,
      size: body.size,
      totalPages: body.total_pages,
      raw: body,
    };
  }

  /** Searches code. Task 06: `POST /api/v1/search/` (hybrid); HEAD: `POST /api/v1/search/{vector,bm25,hybrid}`. */
  async search(request: SearchRequest, options: CallOptions = {}): Promise<SearchResult> {
    if (typeof request.query !== 'string') throw new InvalidArgumentError('query', 'expected a string');
    const contract = await this.contract(options);
    return contract === 'codev-head' ? this.#headSearch(request, options) : this.#task06Search(request, options);
  }

  /** RAG code generation (`POST /api/v1/generate/`, the same in both versions). */
  async generate(request: GenerateRequest, options: CallOptions = {}): Promise<GenerateResult> {
    requireText('query', request.query);
    const response = await this.#post(
      '/api/v1/generate/',
      {
        query: request.query,
        language: request.language ?? 'python',
        ...(request.contextLimit === undefined ? {} : { context_limit: request.contextLimit }),
        ...(request.maxTokens === undefined ? {} : { max_tokens: request.maxTokens }),
        ...(request.includeTests === undefined ? {} : { include_tests: request.includeTests }),
        ...(request.vectorWeight === undefined ? {} : { vector_weight: request.vectorWeight }),
        ...(request.keywordWeight === undefined ? {} : { keyword_weight: request.keywordWeight }),
        ...(request.useRrf === undefined ? {} : { use_rrf: request.useRrf }),
      },
      generateResponse,
      { timeoutMs: this.generateTimeoutMs, ...options },
    );
    const body = response.body;
    return {
      code: body.generated_code,
      language: body.language,
      contextsUsed: body.contexts_used.map((c) => ({
        filePath: c.file_path ?? '',
        content: c.code_content ?? '',
        score: c.relevance_score ?? 0,
        codeType: c.code_type ?? undefined,
        language: c.language ?? undefined,
      })),
      model: body.model_used,
      tokensUsed: body.tokens_used ?? null,
      generationTimeMs: body.generation_time_ms,
      searchResultsCount: body.search_results_count,
      elapsedMs: response.elapsedMs,
      raw: body,
    };
  }

  /** GET /api/v1/generate/languages. */
  async languages(options: CallOptions = {}): Promise<LanguageInfo[]> {
    const { body } = await this.http.request({ method: 'GET', path: '/api/v1/generate/languages', schema: languagesResponse, ...options });
    return body.languages.map((l) => ({ code: l.code, name: l.name, description: l.description }));
  }

  /** POST /api/v1/prompts/generate: renders a prompt template. */
  async renderPrompt(request: { templateName: string; parameters?: Record<string, unknown>; language?: string }, options: CallOptions = {}): Promise<RenderedPrompt> {
    const { body } = await this.#post(
      '/api/v1/prompts/generate',
      { template_name: request.templateName, parameters: request.parameters ?? {}, ...(request.language === undefined ? {} : { language: request.language }) },
      renderedPromptResponse,
      options,
    );
    return { renderedPrompt: body.rendered_prompt, templateUsed: body.template_used, raw: body };
  }

  /** POST /api/v1/prompts/templates (201). */
  async createTemplate(template: PromptTemplate, options: CallOptions = {}): Promise<PromptTemplate> {
    const { body } = await this.#post('/api/v1/prompts/templates', template, templateResponse, options);
    return body as unknown as PromptTemplate;
  }

  /** GET /api/v1/prompts/templates. */
  async listTemplates(options: CallOptions = {}): Promise<PromptTemplate[]> {
    const { body } = await this.http.request({ method: 'GET', path: '/api/v1/prompts/templates', schema: templateResponse.array(), ...options });
    return body as unknown as PromptTemplate[];
  }

  /** GET /api/v1/prompts/templates/{name}. */
  async getTemplate(name: string, options: CallOptions = {}): Promise<PromptTemplate> {
    const { body } = await this.http.request({ method: 'GET', path: `/api/v1/prompts/templates/${encodeURIComponent(name)}`, schema: templateResponse, ...options });
    return body as unknown as PromptTemplate;
  }

  async #task06Search(request: SearchRequest, options: CallOptions): Promise<SearchResult> {
    const method = request.method ?? 'hybrid';
    const weights =
      method === 'vector' ? { vector_weight: 1, keyword_weight: 0 } : method === 'bm25' ? { vector_weight: 0, keyword_weight: 1 } : {
        vector_weight: request.vectorWeight ?? 0.7,
        keyword_weight: request.keywordWeight ?? 0.3,
      };
    const response = await this.#post(
      '/api/v1/search/',
      {
        query: request.query,
        limit: request.limit ?? 10,
        ...weights,
        collection_name: request.collection ?? this.collection,
        use_rrf: request.useRrf ?? false,
        ...(request.rrfK === undefined ? {} : { rrf_k: request.rrfK }),
        ...(request.keywords === undefined ? {} : { keywords: request.keywords }),
      },
      task06SearchResponse,
      { ...options },
      true,
    );
    const body = response.body;
    const hits: SearchHit[] = body.results.map((r) => ({
      id: String(r.id),
      filePath: r.file_path,
      content: r.code_content,
      score: r.combined_score,
      language: r.language ?? undefined,
      codeType: r.code_type ?? undefined,
      name: r.function_name ?? undefined,
      lineStart: r.line_start ?? undefined,
      lineEnd: r.line_end ?? undefined,
      raw: r,
    }));
    return { hits, total: body.total_results, searchTimeMs: body.search_time_ms, method: body.search_method ?? method, contract: 'codev-task06', elapsedMs: response.elapsedMs, raw: body };
  }

  async #headSearch(request: SearchRequest, options: CallOptions): Promise<SearchResult> {
    const method = request.method ?? 'hybrid';
    const collection = request.collection ?? this.collection;
    const indexName = request.indexName ?? this.bm25Index;
    const topK = request.limit ?? 10;
    const json =
      method === 'vector'
        ? { query: request.query, collection_name: collection, top_k: topK }
        : method === 'bm25'
          ? { query: request.query, index_name: indexName, top_k: topK }
          : {
              query: request.query,
              collection_name: collection,
              index_name: indexName,
              top_k: topK,
              vector_weight: request.vectorWeight ?? 0.7,
              bm25_weight: request.keywordWeight ?? 0.3,
              use_rrf: request.useRrf ?? true,
              ...(request.rrfK === undefined ? {} : { rrf_k: request.rrfK }),
            };
    const response = await this.#post(`/api/v1/search/${method}`, json, headSearchResponse, options, true);
    const body = response.body;
    const hits: SearchHit[] = body.results.map((r, index) => {
      const meta = r.metadata ?? {};
      return {
        id: r.document_id ?? String(meta['id'] ?? index),
        filePath: firstString(meta, ['file_path', 'filepath', 'filename']) ?? '',
        content: r.content,
        score: r.score,
        language: firstString(meta, ['language']),
        codeType: firstString(meta, ['code_type', 'type']),
        name: firstString(meta, ['name', 'function_name']),
        lineStart: typeof meta['line_start'] === 'number' ? meta['line_start'] : undefined,
        lineEnd: typeof meta['line_end'] === 'number' ? meta['line_end'] : undefined,
        raw: r,
      };
    });
    return { hits, total: body.total_results, searchTimeMs: body.search_time_ms, method, contract: 'codev-head', elapsedMs: response.elapsedMs, raw: body };
  }

  async #headIndex(request: IndexFileRequest, options: CallOptions): Promise<IndexResult> {
    if (request.content === undefined) {
      throw new UnsupportedOperationError('indexFile by server path', 'codev-head', 'HEAD only indexes documents sent in the body; pass content');
    }
    const document = {
      id: uuidFromText(request.filePath),
      content: request.content,
      metadata: { file_path: request.filePath, ...(request.language === undefined ? {} : { language: request.language }) },
    };
    const vector = await this.#post('/api/v1/indexing/vector/index', { documents: [document], collection_name: this.collection }, headIndexingResponse, options);
    await this.#post('/api/v1/indexing/bm25/index', { documents: [document], collection_name: this.bm25Index }, headIndexingResponse, options);
    return {
      filePath: request.filePath,
      chunksCount: vector.body.indexed_count,
      message: vector.body.error_message ?? (vector.body.success ? 'indexed' : 'not indexed'),
      raw: vector.body,
    };
  }

  async #requireTask06(operation: string, hint: string, options: CallOptions): Promise<void> {
    const contract = await this.contract(options);
    if (contract === 'codev-head') throw new UnsupportedOperationError(operation, contract, hint);
  }

  #post<T>(path: string, json: unknown, schema: z.ZodType<T>, options: CallOptions, idempotent = false) {
    const req: HttpRequest<T> = { method: 'POST', path, json, schema, idempotent, ...options };
    return this.http.request(req);
  }
}

function toIndexResult(body: z.output<typeof indexingResponse>): IndexResult {
  return { filePath: body.file_path, chunksCount: body.chunks_count, message: body.message, raw: body };
}

function toBatchResult(body: z.output<typeof batchIndexingResponse>): BatchIndexResult {
  return {
    totalFiles: body.total_files,
    successfulFiles: body.successful_files,
    failedFiles: body.failed_files,
    totalChunks: body.total_chunks,
    results: body.results.map(toIndexResult),
    errors: body.errors,
    raw: body,
  };
}

function firstString(record: Record<string, unknown>, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const value = record[key];
    if (typeof value === 'string' && value.length > 0) return value;
  }
  return undefined;
}

function requireText(name: string, value: unknown): void {
  if (typeof value !== 'string' || value.length === 0) throw new InvalidArgumentError(name, 'expected a non-empty string');
}

/** A stable UUID for a text (HEAD point ids must be UUIDs; the same file always gets the same id). */
export function uuidFromText(text: string): string {
  const hex = createHash('sha1').update(text).digest('hex');
  const variant = ((parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}
