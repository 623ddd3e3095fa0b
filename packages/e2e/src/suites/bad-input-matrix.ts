import type { ContractVersion, ServiceName } from '@rag-validate/config';

/** One bad request and what a well-behaved service answers. */
export interface BadInputRow {
  readonly id: string;
  readonly title: string;
  readonly service: ServiceName;
  /** Contract versions the row applies to (default: both). */
  readonly contracts?: readonly ContractVersion[];
  readonly request: (contract: ContractVersion) => BadRequest;
  /** The 4xx statuses that fit best (any 4xx with a good JSON body passes; these are shown as expected). */
  readonly expected: readonly number[];
}

export interface BadRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  readonly path: string;
  readonly json?: unknown;
  readonly rawBody?: string;
  readonly contentType?: string;
}

const MB = 1024 * 1024;
const searchPath = (c: ContractVersion) => (c === 'codev-head' ? '/api/v1/search/hybrid' : '/api/v1/search/');
const limitKey = (c: ContractVersion) => (c === 'codev-head' ? 'top_k' : 'limit');
const searchBody = (c: ContractVersion, extra: Record<string, unknown>) =>
  c === 'codev-head' ? { collection_name: 'code_vectors', index_name: 'default', ...extra } : { ...extra };

/** The bad-input matrix of the error-scenarios suite: every endpoint, every kind of wrong input. */
export const BAD_INPUT_ROWS: readonly BadInputRow[] = [
  { id: 'search-missing-query', title: 'search without query', service: 'rag', expected: [422], request: (c) => ({ method: 'POST', path: searchPath(c), json: searchBody(c, { [limitKey(c)]: 5 }) }) },
  { id: 'search-query-wrong-type', title: 'search with a numeric query', service: 'rag', expected: [422], request: (c) => ({ method: 'POST', path: searchPath(c), json: searchBody(c, { query: 12345 }) }) },
  { id: 'search-empty-query', title: 'search with an empty query', service: 'rag', expected: [422, 400], request: (c) => ({ method: 'POST', path: searchPath(c), json: searchBody(c, { query: '' }) }) },
  { id: 'search-1mb-query', title: 'search with a 1 MB query', service: 'rag', expected: [413, 422], request: (c) => ({ method: 'POST', path: searchPath(c), json: searchBody(c, { query: 'a'.repeat(MB) }) }) },
  { id: 'search-negative-limit', title: 'search with a negative limit', service: 'rag', expected: [422], request: (c) => ({ method: 'POST', path: searchPath(c), json: searchBody(c, { query: 'pandas', [limitKey(c)]: -1 }) }) },
  { id: 'search-zero-limit', title: 'search with limit 0', service: 'rag', expected: [422], request: (c) => ({ method: 'POST', path: searchPath(c), json: searchBody(c, { query: 'pandas', [limitKey(c)]: 0 }) }) },
  { id: 'search-huge-limit', title: 'search with limit 1,000,000', service: 'rag', expected: [422], request: (c) => ({ method: 'POST', path: searchPath(c), json: searchBody(c, { query: 'pandas', [limitKey(c)]: 1_000_000 }) }) },
  { id: 'search-weight-out-of-range', title: 'search with vector_weight 5', service: 'rag', expected: [422], request: (c) => ({ method: 'POST', path: searchPath(c), json: searchBody(c, { query: 'pandas', vector_weight: 5 }) }) },
  { id: 'search-malformed-json', title: 'search with malformed JSON', service: 'rag', expected: [422, 400], request: (c) => ({ method: 'POST', path: searchPath(c), rawBody: '{"query": "pandas",', contentType: 'application/json' }) },
  { id: 'search-wrong-content-type', title: 'search sent as text/plain', service: 'rag', expected: [415, 422], request: (c) => ({ method: 'POST', path: searchPath(c), rawBody: 'query=pandas', contentType: 'text/plain' }) },
  {
    id: 'search-oversized-body',
    title: 'search with a 16 MB body',
    service: 'rag',
    expected: [413],
    request: (c) => ({ method: 'POST', path: searchPath(c), rawBody: JSON.stringify(searchBody(c, { query: 'pandas', padding: 'x'.repeat(16 * MB) })), contentType: 'application/json' }),
  },
  { id: 'generate-missing-query', title: 'generate without query', service: 'rag', expected: [422], request: () => ({ method: 'POST', path: '/api/v1/generate/', json: { language: 'python' } }) },
  { id: 'generate-unknown-language', title: 'generate in an unknown language', service: 'rag', expected: [422], request: () => ({ method: 'POST', path: '/api/v1/generate/', json: { query: 'read a csv file', language: 'cobol' } }) },
  { id: 'generate-zero-max-tokens', title: 'generate with max_tokens 0', service: 'rag', expected: [422], request: () => ({ method: 'POST', path: '/api/v1/generate/', json: { query: 'read a csv file', max_tokens: 0 } }) },
  { id: 'generate-huge-context-limit', title: 'generate with context_limit 1000', service: 'rag', expected: [422, 400], request: () => ({ method: 'POST', path: '/api/v1/generate/', json: { query: 'read a csv file', context_limit: 1000 } }) },
  { id: 'index-missing-file-path', title: 'index a file without file_path', service: 'rag', contracts: ['codev-task06'], expected: [422], request: () => ({ method: 'POST', path: '/api/v1/indexing/file', json: { force_update: false } }) },
  {
    id: 'index-path-traversal',
    title: 'index ../../../../etc/passwd (path traversal)',
    service: 'rag',
    contracts: ['codev-task06'],
    expected: [400, 403, 404, 422],
    request: () => ({ method: 'POST', path: '/api/v1/indexing/file', json: { file_path: '../../../../etc/passwd' } }),
  },
  {
    id: 'index-unsupported-extension',
    title: 'index a .rb file (unsupported language)',
    service: 'rag',
    contracts: ['codev-task06'],
    expected: [400, 415, 422],
    request: () => ({ method: 'POST', path: '/api/v1/indexing/file', json: { file_path: 'e2e/bad/script.rb', content: 'puts "hello"\n' } }),
  },
  {
    id: 'index-json-unsupported-language',
    title: 'index analysed JSON in an unsupported language',
    service: 'rag',
    contracts: ['codev-task06'],
    expected: [400, 422],
    request: () => ({ method: 'POST', path: '/api/v1/indexing/json', json: { analysis_data: { filePath: 'x.cob', language: 'cobol', code: 'DISPLAY "HI".' } } }),
  },
  { id: 'chunks-page-zero', title: 'list chunks with page=0', service: 'rag', contracts: ['codev-task06'], expected: [422], request: () => ({ method: 'GET', path: '/api/v1/indexing/chunks?page=0' }) },
  { id: 'head-index-empty-documents', title: 'index an empty document list', service: 'rag', contracts: ['codev-head'], expected: [422], request: () => ({ method: 'POST', path: '/api/v1/indexing/vector/index', json: { documents: [], collection_name: 'code_vectors' } }) },
  { id: 'embed-missing-text', title: 'embed without text', service: 'embedding', expected: [422], request: () => ({ method: 'POST', path: '/embedding/embed', json: {} }) },
  { id: 'embed-text-wrong-type', title: 'embed a number', service: 'embedding', expected: [422], request: () => ({ method: 'POST', path: '/embedding/embed', json: { text: 5 } }) },
  { id: 'embed-bulk-empty-list', title: 'bulk-embed an empty list', service: 'embedding', expected: [400, 422], request: () => ({ method: 'POST', path: '/embedding/embed/bulk', json: { texts: [] } }) },
  { id: 'chat-missing-messages', title: 'chat completion without messages', service: 'llm', expected: [422, 400], request: () => ({ method: 'POST', path: '/v1/chat/completions', json: { model: 'gpt-4o-mini' } }) },
  { id: 'chat-empty-messages', title: 'chat completion with an empty message list', service: 'llm', expected: [422, 400], request: () => ({ method: 'POST', path: '/v1/chat/completions', json: { model: 'gpt-4o-mini', messages: [] } }) },
  { id: 'chat-unknown-role', title: 'chat completion with role "wizard"', service: 'llm', expected: [422, 400], request: () => ({ method: 'POST', path: '/v1/chat/completions', json: { messages: [{ role: 'wizard', content: 'hi' }] } }) },
  { id: 'unknown-route', title: 'GET an unknown route', service: 'rag', expected: [404], request: () => ({ method: 'GET', path: '/api/v1/does-not-exist/really' }) },
  { id: 'wrong-method', title: 'DELETE /health', service: 'rag', expected: [405], request: () => ({ method: 'DELETE', path: '/health' }) },
];

/** Ids of the rows that exist in `contract` only (the embedded stack's HEAD pass runs the HEAD ones). */
export function rowIdsOnlyIn(contract: ContractVersion): ReadonlySet<string> {
  return new Set(BAD_INPUT_ROWS.filter((row) => row.contracts?.length === 1 && row.contracts[0] === contract).map((row) => row.id));
}
