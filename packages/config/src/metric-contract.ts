import type { OperationName } from './schema/slos.js';
import type { ServiceName } from './schema/service-names.js';

/**
 * The metric contract: the Prometheus metrics that the generated alert rules and dashboards assume
 * and that the reference stack exposes on `/metrics`. It lives here, in the package everything may
 * depend on, so the reference stack (which must not import a suite) and monitoring-config (which
 * builds rules on it) and readiness (which checks a target against it) share one definition.
 *
 * The `service` label is not set by the services: Prometheus attaches it per scrape job, so `up`
 * and the rules work the same for a target that exposes no metrics of its own.
 */
export interface MetricDefinition {
  readonly name: string;
  readonly type: 'counter' | 'gauge' | 'histogram' | 'summary';
  readonly help: string;
  readonly labels: readonly string[];
  /** Which services must expose it (the reference stack does; a real target may not). */
  readonly exposedBy: readonly ServiceName[];
  /** Histogram bucket upper bounds in seconds. */
  readonly buckets?: readonly number[];
}

/**
 * Latency buckets (seconds). They include every default SLO threshold (1 s, 3 s, 5 s, 30 s, 60 s)
 * so that "share of requests slower than the objective" is exact, not interpolated.
 */
export const LATENCY_BUCKETS_SECONDS: readonly number[] = [
  0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 3, 5, 10, 30, 60, 120,
];

const ALL_OUR_SERVICES: readonly ServiceName[] = ['rag', 'embedding', 'llm', 'vectorDb'];

export const METRICS = {
  httpRequestDuration: {
    name: 'http_request_duration_seconds',
    type: 'histogram',
    help: 'HTTP request duration in seconds, by route template, method and status code.',
    labels: ['method', 'route', 'status_code'],
    exposedBy: ALL_OUR_SERVICES,
    buckets: LATENCY_BUCKETS_SECONDS,
  },
  httpRequestsInFlight: {
    name: 'http_requests_in_flight',
    type: 'gauge',
    help: 'HTTP requests being served right now.',
    labels: [],
    exposedBy: ALL_OUR_SERVICES,
  },
  dependencyRequestDuration: {
    name: 'rag_dependency_request_duration_seconds',
    type: 'histogram',
    help: 'Duration of calls from the rag-server to its dependencies, by dependency, operation and outcome.',
    labels: ['dependency', 'operation', 'outcome'],
    exposedBy: ['rag'],
    buckets: LATENCY_BUCKETS_SECONDS,
  },
  indexChunks: {
    name: 'rag_index_chunks',
    type: 'gauge',
    help: 'Chunks stored in the rag-server index, by collection.',
    labels: ['collection'],
    exposedBy: ['rag'],
  },
  llmTimeToFirstToken: {
    name: 'llm_time_to_first_token_seconds',
    type: 'histogram',
    help: 'Time from a chat completion request to its first generated token.',
    labels: ['model'],
    exposedBy: ['llm'],
    buckets: LATENCY_BUCKETS_SECONDS,
  },
  llmGeneratedTokens: {
    name: 'llm_generated_tokens_total',
    type: 'counter',
    help: 'Completion tokens generated.',
    labels: ['model'],
    exposedBy: ['llm'],
  },
  processCpuSeconds: {
    name: 'process_cpu_seconds_total',
    type: 'counter',
    help: 'prom-client default: user + system CPU time.',
    labels: [],
    exposedBy: ALL_OUR_SERVICES,
  },
  processResidentMemory: {
    name: 'process_resident_memory_bytes',
    type: 'gauge',
    help: 'prom-client default: resident memory size.',
    labels: [],
    exposedBy: ALL_OUR_SERVICES,
  },
  nodejsHeapUsed: {
    name: 'nodejs_heap_size_used_bytes',
    type: 'gauge',
    help: 'prom-client default: V8 heap in use.',
    labels: [],
    exposedBy: ALL_OUR_SERVICES,
  },
} as const satisfies Record<string, MetricDefinition>;

export type MetricKey = keyof typeof METRICS;

/** Values of the `dependency` label of `rag_dependency_request_duration_seconds`. */
export const DEPENDENCY_LABELS = ['embedding', 'vector-db', 'llm'] as const;

/**
 * Metrics Qdrant itself exposes on `/metrics` (it needs the API key when one is configured) that
 * the dashboards use. The reference vector-db exposes them too.
 */
export const QDRANT_METRICS = {
  collectionsTotal: { name: 'collections_total', type: 'gauge', help: 'Number of collections.', labels: [], exposedBy: ['vectorDb'] },
  collectionsVectorTotal: { name: 'collections_vector_total', type: 'gauge', help: 'Total number of vectors in all collections.', labels: [], exposedBy: ['vectorDb'] },
  restResponsesTotal: { name: 'rest_responses_total', type: 'counter', help: 'REST responses by endpoint and status.', labels: ['method', 'endpoint', 'status'], exposedBy: ['vectorDb'] },
} as const satisfies Record<string, MetricDefinition>;

/**
 * Which service and route templates carry each SLO'd operation, as the `route` label of
 * `http_request_duration_seconds` on that service. Both contract versions' routes are listed.
 */
export const OPERATION_ROUTES: Readonly<Record<OperationName, { readonly service: ServiceName; readonly routes: readonly string[] }>> = {
  search: {
    service: 'rag',
    routes: ['/api/v1/search/', '/api/v1/search/vector', '/api/v1/search/bm25', '/api/v1/search/hybrid'],
  },
  generate: { service: 'rag', routes: ['/api/v1/generate/'] },
  index: {
    service: 'rag',
    routes: [
      '/api/v1/indexing/file',
      '/api/v1/indexing/batch',
      '/api/v1/indexing/json',
      '/api/v1/indexing/json/batch',
      '/api/v1/indexing/vector/index',
      '/api/v1/indexing/bm25/index',
    ],
  },
  health: { service: 'rag', routes: ['/health'] },
};

/** Every metric name in the contract (ours and Qdrant's). */
export function contractMetricNames(): string[] {
  return [...Object.values(METRICS), ...Object.values(QDRANT_METRICS)].map((metric) => metric.name);
}
