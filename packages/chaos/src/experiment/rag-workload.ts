import type { CallOptions, CodeAnalysisData, RagApiClient, VectorDbClient } from '@rag-validate/clients';
import { CHAOS_CORPUS, CHAOS_QUERIES, chaosWriteFile } from './chaos-corpus.js';
import { isMissingCollection } from './manifest.js';
import type { LoadOperation, SuccessfulCall } from './request-outcome.js';

export interface RagWorkloadOptions {
  /** A rag client for the load: no retries, a deadline of bound + grace. */
  readonly rag: RagApiClient;
  readonly vectorDb: VectorDbClient;
  readonly collection: string;
  readonly vectorSize: number;
  readonly distance: 'Cosine' | 'Dot' | 'Euclid';
  /** Makes index-write paths unique per run. */
  readonly runId: string;
  /** Hits asked for per search. Default: `5`. */
  readonly searchLimit?: number;
  /** Tokens asked for per generation. Default: the server's default (a cut-off answer fails its syntax check). */
  readonly maxTokens?: number;
}

/** The calls experiments make against the rag-server: seeding the fixed corpus and the load's search, generate and index calls. */
export class RagWorkload {
  readonly rag: RagApiClient;
  readonly vectorDb: VectorDbClient;
  readonly collection: string;
  readonly runId: string;
  readonly #options: RagWorkloadOptions;
  readonly #written = new Set<string>();

  constructor(options: RagWorkloadOptions) {
    this.rag = options.rag;
    this.vectorDb = options.vectorDb;
    this.collection = options.collection;
    this.runId = options.runId;
    this.#options = options;
  }

  /** The query of the `seq`-th search or generation. */
  queryFor(seq: number): string {
    return CHAOS_QUERIES[seq % CHAOS_QUERIES.length] ?? '';
  }

  /** Makes sure the collection exists and the fixed corpus is indexed (idempotent: same paths, force update). */
  async seed(options: CallOptions = {}): Promise<void> {
    if (!(await this.vectorDb.collectionExists(this.collection, options))) {
      await this.vectorDb.createCollection(this.collection, { size: this.#options.vectorSize, distance: this.#options.distance }, options);
    }
    for (const file of CHAOS_CORPUS) await this.#index(file, options, true);
  }

  async call(operation: LoadOperation, seq: number, options: CallOptions = {}): Promise<SuccessfulCall> {
    switch (operation) {
      case 'search': {
        const result = await this.rag.search({ query: this.queryFor(seq), limit: this.#options.searchLimit ?? 5 }, options);
        return { operation, hitIds: result.hits.map((h) => h.id) };
      }
      case 'generate': {
        const maxTokens = this.#options.maxTokens;
        const result = await this.rag.generate({ query: this.queryFor(seq), language: 'python', contextLimit: 3, ...(maxTokens === undefined ? {} : { maxTokens }) }, options);
        return { operation, contexts: result.contextsUsed.length, codeLength: result.code.trim().length };
      }
      case 'index': {
        const file = chaosWriteFile(this.runId, seq);
        this.#written.add(file.filePath);
        const chunks = await this.#index(file, options, false);
        return { operation, filePath: file.filePath, chunks };
      }
    }
  }

  /** Points stored for a file path (the durability check of acknowledged writes); 0 when the collection is gone. */
  async storedChunks(filePath: string, options: CallOptions = {}): Promise<number> {
    try {
      return await this.vectorDb.count(this.collection, { filter: { must: [{ key: 'file_path', match: { value: filePath } }] }, exact: true }, options);
    } catch (error) {
      if (isMissingCollection(error)) return 0;
      throw error;
    }
  }

  /** Deletes the points of every file the load tried to write (acknowledged or not). Best effort. */
  async cleanupWrites(options: CallOptions = {}): Promise<void> {
    const paths = [...this.#written];
    for (let i = 0; i < paths.length; i += 50) {
      const should = paths.slice(i, i + 50).map((value) => ({ key: 'file_path', match: { value } }));
      await this.vectorDb.deletePoints(this.collection, { filter: { should } }, options);
    }
    this.#written.clear();
  }

  async #index(file: CodeAnalysisData, options: CallOptions, forceUpdate: boolean): Promise<number> {
    if ((await this.rag.contract(options)) === 'codev-head') {
      const result = await this.rag.indexFile({ filePath: file.filePath, content: file.code, language: file.language, forceUpdate }, options);
      return result.chunksCount;
    }
    const result = await this.rag.indexJson(file, { ...options, forceUpdate });
    return result.chunksCount;
  }
}
