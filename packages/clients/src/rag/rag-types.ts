import type { ContractVersion } from '@rag-validate/config';

/** Languages the Task-06 generation endpoint accepts. */
export const GENERATION_LANGUAGES = ['python', 'javascript', 'typescript', 'java', 'go'] as const;
export type GenerationLanguage = (typeof GENERATION_LANGUAGES)[number];

export interface IndexFileRequest {
  /** Path of the file. Without `content`, a path the rag-server can read on its own disk. */
  readonly filePath: string;
  /** The file's source. Sent inline (the reference stack indexes it; the real Task-06 server ignores it). */
  readonly content?: string;
  readonly language?: string;
  readonly forceUpdate?: boolean;
}

export interface IndexResult {
  readonly filePath: string;
  readonly chunksCount: number;
  readonly message: string;
  readonly raw: unknown;
}

export interface BatchIndexResult {
  readonly totalFiles: number;
  readonly successfulFiles: number;
  readonly failedFiles: number;
  readonly totalChunks: number;
  readonly results: readonly IndexResult[];
  readonly errors: readonly string[];
  readonly raw: unknown;
}

/** Pre-analysed code, the shape of the Task-06 `/api/v1/indexing/json` body (`analysis_data`). */
export interface CodeAnalysisData {
  readonly filePath: string;
  readonly language: string;
  readonly code: string;
  readonly framework?: string;
  readonly module?: string;
  readonly classes?: ReadonlyArray<{ name: string; methods: ReadonlyArray<{ name: string; returnType: string | null; params: readonly string[] }> }>;
  readonly references?: readonly string[];
  readonly analysis_timestamp?: string;
}

export interface ChunkListRequest {
  readonly filePath?: string;
  readonly codeType?: string;
  readonly language?: string;
  readonly keyword?: string;
  readonly page?: number;
  readonly size?: number;
}

export interface Chunk {
  readonly id: string;
  readonly filePath: string;
  readonly content: string;
  readonly codeType: string | undefined;
  readonly language: string | undefined;
  readonly lineStart: number | undefined;
  readonly lineEnd: number | undefined;
  readonly raw: unknown;
}

export interface ChunkList {
  readonly chunks: readonly Chunk[];
  readonly total: number;
  readonly page: number;
  readonly size: number;
  readonly totalPages: number;
  readonly raw: unknown;
}

export type SearchMethod = 'hybrid' | 'vector' | 'bm25';

export interface SearchRequest {
  readonly query: string;
  /** Number of hits. Default: 10. */
  readonly limit?: number;
  /** Default: hybrid. The Task-06 contract only has hybrid (vector/bm25 are sent as weights 1/0). */
  readonly method?: SearchMethod;
  readonly vectorWeight?: number;
  readonly keywordWeight?: number;
  readonly useRrf?: boolean;
  readonly rrfK?: number;
  readonly keywords?: readonly string[];
  /** Default: the client's collection. */
  readonly collection?: string;
  /** BM25 index (HEAD contract). Default: the client's bm25Index. */
  readonly indexName?: string;
}

/** One search hit, the same whatever the contract version. */
export interface SearchHit {
  readonly id: string;
  readonly filePath: string;
  readonly content: string;
  readonly score: number;
  readonly language: string | undefined;
  readonly codeType: string | undefined;
  readonly name: string | undefined;
  readonly lineStart: number | undefined;
  readonly lineEnd: number | undefined;
  readonly raw: unknown;
}

export interface SearchResult {
  readonly hits: readonly SearchHit[];
  readonly total: number;
  /** What the server says the search took. */
  readonly searchTimeMs: number | undefined;
  readonly method: string;
  readonly contract: ContractVersion;
  /** Round-trip time measured by the client. */
  readonly elapsedMs: number;
  readonly raw: unknown;
}

export interface GenerateRequest {
  readonly query: string;
  /** Default: python. */
  readonly language?: GenerationLanguage;
  /** Retrieved contexts to use. Default: 3. */
  readonly contextLimit?: number;
  readonly maxTokens?: number;
  readonly includeTests?: boolean;
  readonly vectorWeight?: number;
  readonly keywordWeight?: number;
  readonly useRrf?: boolean;
}

export interface UsedContext {
  readonly filePath: string;
  readonly content: string;
  readonly score: number;
  readonly codeType: string | undefined;
  readonly language: string | undefined;
}

export interface GenerateResult {
  readonly code: string;
  readonly language: string;
  readonly contextsUsed: readonly UsedContext[];
  readonly model: string;
  readonly tokensUsed: number | null;
  readonly generationTimeMs: number;
  readonly searchResultsCount: number;
  readonly elapsedMs: number;
  readonly raw: unknown;
}

export interface LanguageInfo {
  readonly code: string;
  readonly name: string;
  readonly description: string;
}

export interface PromptTemplate {
  readonly name: string;
  readonly category: 'system' | 'user' | 'context' | 'test';
  readonly language: string;
  readonly template: string;
  readonly description?: string;
  readonly version?: number;
  readonly is_active?: boolean;
}

export interface RenderedPrompt {
  readonly renderedPrompt: string;
  readonly templateUsed: string;
  readonly raw: unknown;
}
