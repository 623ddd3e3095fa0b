export { HttpClient } from './core/http-client.js';
export type { HttpClientOptions, HttpRequest, HttpResponse, RawResponse, StreamingResponse } from './core/http-client.js';
export { PreparedRequest } from './core/prepared-request.js';
export type { PreparedRequestSpec, PreparedResponse, QueryValue } from './core/prepared-request.js';
export { Http1Pool } from './core/http1/http1-pool.js';
export type { Http1PoolOptions } from './core/http1/http1-pool.js';
export { sharedAgent, closeSharedAgent, createKeepAliveAgent } from './core/shared-agent.js';
export type { KeepAliveAgentOptions } from './core/shared-agent.js';
export { probeHealth } from './core/health-check.js';
export type { HealthCheck, ProbeOptions } from './core/health-check.js';
export type { CallOptions, ServiceClientOptions } from './core/service-client-options.js';
export {
  TimeoutError,
  ConnectionError,
  HttpStatusError,
  SchemaMismatchError,
  ResponseTooLargeError,
  AbortedError,
  InvalidArgumentError,
  UnsupportedOperationError,
  ContractDetectionError,
  CLIENT_ERROR_CODES,
} from './core/errors.js';
export type { ClientError, HttpMethod, SchemaIssue } from './core/errors.js';
export { SseParser } from './core/sse-parser.js';

export { EmbeddingClient, expectHealthy } from './embedding-client.js';
export type { Embedding, BulkEmbedding } from './embedding-client.js';
export { LlmClient } from './llm-client.js';
export type { ChatMessage, ChatRequest, ChatCompletion, StreamedChatCompletion, TokenUsage, LlmClientOptions } from './llm-client.js';
export { VectorDbClient } from './vector-db-client.js';
export type { CollectionInfo, PointId, PointInput, QdrantFilter, ScoredPoint, StoredPoint } from './vector-db-client.js';
export { RagApiClient, uuidFromText } from './rag/rag-api-client.js';
export type { RagApiClientOptions } from './rag/rag-api-client.js';
export { detectContract } from './rag/contract-detector.js';
export { GENERATION_LANGUAGES } from './rag/rag-types.js';
export type {
  BatchIndexResult,
  Chunk,
  ChunkList,
  ChunkListRequest,
  CodeAnalysisData,
  GenerateRequest,
  GenerateResult,
  GenerationLanguage,
  IndexFileRequest,
  IndexResult,
  LanguageInfo,
  PromptTemplate,
  RenderedPrompt,
  SearchHit,
  SearchMethod,
  SearchRequest,
  SearchResult,
  UsedContext,
} from './rag/rag-types.js';
export { createServiceClients } from './service-clients.js';
export type { ServiceClients } from './service-clients.js';
export { probeServices } from './probe-services.js';
export type { EndpointProbe, ServiceHealth } from './probe-services.js';
