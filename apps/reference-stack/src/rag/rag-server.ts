import { METRICS } from '@rag-validate/config';
import { Gauge } from 'prom-client';
import { REFSTACK_VERSION, type CommonServiceOptions } from '../http/common-options.js';
import { FASTAPI_ERROR_STYLE } from '../http/error-style.js';
import { EMBEDDING_DIMENSION } from '../embedding/hashing-embedder.js';
import { ServiceApp } from '../http/service-app.js';
import { Bm25IndexStore } from './bm25-index-store.js';
import { ChunkIndexer } from './chunk-indexer.js';
import { HybridSearcher } from './hybrid-search.js';
import { createGuard, type RagContext } from './rag-context.js';
import { openRagDatabase } from './rag-database.js';
import { RagDependencies } from './rag-dependencies.js';
import { registerGenerateRoutes } from './routes/generate-routes.js';
import { registerHeadRoutes } from './routes/head-routes.js';
import { registerHealthRoutes } from './routes/health-routes.js';
import { registerIndexingRoutes } from './routes/indexing-routes.js';
import { registerPromptRoutes } from './routes/prompt-routes.js';
import { registerSearchRoutes } from './routes/search-routes.js';
import { TemplateStore } from './template-store.js';

export interface RagServerOptions extends CommonServiceOptions {
  readonly embeddingUrl: string;
  readonly llmUrl: string;
  readonly vectorDbUrl: string;
  /** Directory of `rag-server.sqlite` (prompt templates, BM25 indexes). */
  readonly dataDir: string;
  /** Files indexed by server path must lie under this directory. */
  readonly rootDir: string;
  /** Default collection. Default: `code_chunks`. */
  readonly collection?: string;
  /** Model asked of the llm-server. Default: `gpt-4o-mini`. */
  readonly llmModel?: string;
  /** Deadline of each embedding / vector-db call. Default: 3000 ms. */
  readonly dependencyTimeoutMs?: number;
  /** Deadline of a whole generation. Default: 120000 ms. */
  readonly llmTimeoutMs?: number;
  /** No first token within this time = the LLM is down. Default: 8000 ms. */
  readonly llmFirstTokenTimeoutMs?: number;
  /** Largest file indexed by path. Default: 5 MiB. */
  readonly maxFileBytes?: number;
}

/**
 * The rag-server: Task-06 contract (indexing, hybrid search, generation, prompts) plus HEAD's
 * search/indexing routes, `/readyz`, metrics and OpenAPI. Dependencies are reached through
 * `@rag-validate/clients`; a dependency that is down gives a JSON 503 quickly.
 */
export function createRagServer(options: RagServerOptions): ServiceApp {
  const service = new ServiceApp({
    name: 'rag-server',
    logLevel: options.logLevel,
    ...(options.logStream === undefined ? {} : { logStream: options.logStream }),
    errorStyle: FASTAPI_ERROR_STYLE,
    bodyLimitBytes: 1024 * 1024,
    openApi: { title: 'rag-server (rag-validate reference stack)', version: REFSTACK_VERSION, description: 'Task-06 contract of codev-rag-server plus HEAD search/indexing routes, without their bugs.' },
    exposeStackTraces: options.defects.has('leak-stack-traces'),
  });
  const db = openRagDatabase(options.dataDir);
  service.app.addHook('onClose', (_instance, done) => {
    db.close();
    done();
  });
  const deps = new RagDependencies({
    embeddingUrl: options.embeddingUrl,
    llmUrl: options.llmUrl,
    vectorDbUrl: options.vectorDbUrl,
    timeoutMs: options.dependencyTimeoutMs ?? 3000,
    llmTimeoutMs: options.llmTimeoutMs ?? 120_000,
    llmFirstTokenTimeoutMs: options.llmFirstTokenTimeoutMs ?? 8000,
    llmModel: options.llmModel ?? 'gpt-4o-mini',
    registry: service.metrics.registry,
  });
  const indexChunks = new Gauge({ name: METRICS.indexChunks.name, help: METRICS.indexChunks.help, labelNames: ['collection'], registers: [service.metrics.registry] });
  // The chunk gauge is refreshed after writes, at most once a second per collection.
  const pendingCounts = new Set<string>();
  const indexer = new ChunkIndexer(deps, options.defects, (collection) => {
    if (pendingCounts.has(collection)) return;
    pendingCounts.add(collection);
    setTimeout(() => {
      pendingCounts.delete(collection);
      indexer
        .count(collection)
        .then((n) => indexChunks.set({ collection }, n))
        .catch(() => undefined);
    }, 1000).unref();
  });
  const ctx: RagContext = {
    settings: { collection: options.collection ?? 'code_chunks', rootDir: options.rootDir, maxFileBytes: options.maxFileBytes ?? 5 * 1024 * 1024 },
    deps,
    defects: options.defects,
    indexer,
    searcher: new HybridSearcher(deps),
    bm25: new Bm25IndexStore(db),
    templates: new TemplateStore(db),
    indexChunks,
    guard: createGuard(options.defects),
  };
  prepareCollection(indexer, ctx.settings.collection, service);
  registerHealthRoutes(service, ctx);
  registerIndexingRoutes(service, ctx);
  registerSearchRoutes(service, ctx);
  registerGenerateRoutes(service, ctx);
  registerPromptRoutes(service, ctx);
  registerHeadRoutes(service, ctx);
  return service;
}

/**
 * Creates the configured collection at startup, as a deployment's init step would, so a fresh
 * stack is ready before anything is indexed. The server starts listening after the first attempt
 * (at most 3 s); if the vector-db is not up yet it retries every 2 s for a minute in the
 * background (indexing also creates the collection when it is missing).
 */
function prepareCollection(indexer: ChunkIndexer, collection: string, service: ServiceApp): void {
  let attempts = 0;
  let timer: NodeJS.Timeout | undefined;
  const attempt = (): Promise<void> => {
    attempts += 1;
    return indexer.ensureCollection(collection, EMBEDDING_DIMENSION).catch(() => {
      if (attempts < 30) timer = setTimeout(() => void attempt(), 2_000).unref();
    });
  };
  service.app.addHook('onReady', async () => {
    await Promise.race([attempt(), new Promise((resolve) => setTimeout(resolve, 3_000).unref())]);
  });
  service.app.addHook('onClose', (_instance, done) => {
    if (timer !== undefined) clearTimeout(timer);
    done();
  });
}
