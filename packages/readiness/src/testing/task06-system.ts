import type { ServerResponse } from 'node:http';
import { VectorDbClient } from '@rag-validate/clients';
import { resolveConfig, type RagValidateConfig } from '@rag-validate/config';
import {
  fakeEmbeddingServer,
  fakeLlmServer,
  fakeQdrant,
  fakeTask06RagServer,
  sendJson,
  startTestServer,
  type TestHandler,
  type TestServer,
} from '@rag-validate/clients/testing';

/**
 * Test doubles of the *real* Task-06 codev system (shared/contract/codev-rag-server.md), extended
 * from the clients' fakes with what readiness probes: FastAPI's /docs and OpenAPI 3.1 documents,
 * no /metrics and no /readyz on the Python services, uvicorn's unlimited bodies, the unenforced
 * `limit`, pydantic-2.5 422 bodies with their errors.pydantic.dev links, CORS
 * `allow_origins=["*"], allow_credentials=True` on the embedding- and llm-servers (Starlette then
 * echoes the Origin), the 500 after opening `/etc/passwd` on `/api/v1/indexing/file`, and Qdrant
 * 1.7 with its own /metrics and /dashboard. They stand in for a system that cannot run here.
 */

type Route = readonly [method: string, path: string];

/** A FastAPI-0.109-style OpenAPI 3.1 document for the given routes. */
export function fastApiDocument(title: string, routes: readonly Route[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [method, path] of routes) {
    const params = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string', title: m[1] } }));
    const operationId = `${path.replace(/[^a-zA-Z0-9]+/g, '_').replace(/^_|_$/g, '') || 'root'}_${method.toLowerCase()}`;
    paths[path] ??= {};
    paths[path][method.toLowerCase()] = {
      summary: operationId.replace(/_/g, ' '),
      operationId,
      ...(params.length > 0 ? { parameters: params } : {}),
      responses: {
        '200': { description: 'Successful Response', content: { 'application/json': { schema: {} } } },
        ...(method === 'GET' && params.length === 0 ? {} : { '422': { description: 'Validation Error', content: { 'application/json': { schema: { $ref: '#/components/schemas/HTTPValidationError' } } } } }),
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title, version: '0.1.0' },
    paths,
    components: {
      schemas: {
        HTTPValidationError: { properties: { detail: { items: { $ref: '#/components/schemas/ValidationError' }, type: 'array', title: 'Detail' } }, type: 'object', title: 'HTTPValidationError' },
        ValidationError: { properties: { loc: { type: 'array', title: 'Location' }, msg: { type: 'string', title: 'Message' }, type: { type: 'string', title: 'Error Type' } }, type: 'object', required: ['loc', 'msg', 'type'], title: 'ValidationError' },
      },
    },
  };
}

const RAG_ROUTES: readonly Route[] = [
  ['GET', '/'],
  ['GET', '/health'],
  ['POST', '/api/v1/indexing/file'],
  ['POST', '/api/v1/indexing/batch'],
  ['GET', '/api/v1/indexing/chunks'],
  ['POST', '/api/v1/indexing/json'],
  ['POST', '/api/v1/indexing/json/batch'],
  ['GET', '/api/v1/indexing/health'],
  ['POST', '/api/v1/search/'],
  ['GET', '/api/v1/search/health'],
  ['POST', '/api/v1/generate/'],
  ['GET', '/api/v1/generate/health'],
  ['GET', '/api/v1/generate/languages'],
  ['POST', '/api/v1/prompts/generate'],
  ['POST', '/api/v1/prompts/templates'],
  ['GET', '/api/v1/prompts/templates'],
  ['GET', '/api/v1/prompts/templates/{template_name}'],
  ['GET', '/api/v1/'],
  ['POST', '/api/v1/'],
  ['GET', '/api/v1/{user_id}'],
];

const SWAGGER_HTML = '<!DOCTYPE html><html><head><title>FastAPI - Swagger UI</title></head><body><div id="swagger-ui"></div></body></html>';

function text(res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'content-type': type, server: 'uvicorn' });
  res.end(body);
}

function parse(body: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch {
    return { ok: false };
  }
}

const jsonInvalid = { detail: [{ type: 'json_invalid', loc: ['body', 28], msg: 'JSON decode error', input: {}, ctx: { error: 'Expecting value' } }] };

function pydanticError(type: string, loc: readonly (string | number)[], msg: string, input: unknown): unknown {
  return { detail: [{ type, loc, msg, input, url: `https://errors.pydantic.dev/2.5/v/${type}` }] };
}

/** What every codev FastAPI service shares: /docs, /openapi.json, 404/405 JSON, `server: uvicorn`. */
function fastApiService(title: string, routes: readonly Route[], handler: TestHandler, options: { cors?: boolean } = {}): TestHandler {
  const document = fastApiDocument(title, routes);
  return async (req, res) => {
    const origin = req.headers.origin;
    if (options.cors === true && typeof origin === 'string') {
      // Starlette CORSMiddleware(allow_origins=["*"], allow_credentials=True) echoes the origin.
      res.setHeader('access-control-allow-origin', origin);
      res.setHeader('access-control-allow-credentials', 'true');
      res.setHeader('vary', 'Origin');
      if (req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined) {
        res.setHeader('access-control-allow-methods', 'DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT');
        res.setHeader('access-control-max-age', '600');
        return text(res, 200, 'OK');
      }
    }
    res.setHeader('server', 'uvicorn');
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (req.method === 'GET' && path === '/openapi.json') return sendJson(res, 200, document);
    if (req.method === 'GET' && path === '/docs') return text(res, 200, SWAGGER_HTML, 'text/html; charset=utf-8');
    if (req.method === 'OPTIONS') {
      const allowed = routes.filter(([, p]) => p === path).map(([m]) => m);
      if (allowed.length > 0) return sendJson(res, 405, { detail: 'Method Not Allowed' }, { allow: allowed.join(', ') });
    }
    return handler(req, res);
  };
}

/** rag-server @ Task 06 (E998). */
export const task06RagServer: TestHandler = fastApiService('RAG Server API', RAG_ROUTES, async (req, res) => {
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  const body = parse(req.body);
  if (req.method === 'GET') {
    switch (path) {
      case '/':
        return sendJson(res, 200, { service: 'rag-server', status: 'running' });
      case '/api/v1/indexing/health':
        return sendJson(res, 200, { status: 'healthy', service: 'indexing' });
      case '/api/v1/search/health':
        return sendJson(res, 200, { status: 'healthy', service: 'search-service' });
      case '/api/v1/generate/health':
        return sendJson(res, 200, { status: 'healthy', service: 'generation-service' });
      case '/api/v1/generate/languages':
        return sendJson(res, 200, { languages: [{ code: 'python', name: 'Python', description: 'Python 3.6+' }] });
      case '/api/v1/prompts/templates':
        return sendJson(res, 200, []);
      case '/api/v1/indexing/chunks':
        return sendJson(res, 200, { chunks: [], total: 0, page: 1, size: 10, total_pages: 0 });
      case '/api/v1/':
        // The users table is never created: every users route crashes.
        return text(res, 500, 'Internal Server Error');
      default:
        break;
    }
  }
  if (req.method === 'POST' && path === '/api/v1/search/') {
    if (!body.ok) return sendJson(res, 422, jsonInvalid);
    const value = body.value as Record<string, unknown>;
    if (typeof value['query'] !== 'string') return sendJson(res, 422, pydanticError('string_type', ['body', 'query'], 'Input should be a valid string', value['query']));
    if (value['limit'] !== undefined && !Number.isInteger(value['limit'])) return sendJson(res, 422, pydanticError('int_parsing', ['body', 'limit'], 'Input should be a valid integer, unable to parse string as an integer', value['limit']));
    const collection = value['collection_name'];
    if (collection !== undefined && collection !== 'code_chunks') {
      // qdrant-client's UnexpectedResponse, wrapped twice by the search service.
      const raw = `{"status":{"error":"Not found: Collection \`${String(collection)}\` doesn't exist!"},"time":1.1e-5}`;
      return sendJson(res, 500, { detail: `검색 중 오류가 발생했습니다: 하이브리드 검색 실패: Unexpected Response: 404 (Not Found)\nRaw response content:\nb'${raw}'` });
    }
    // `limit` bounds are declared with keyword arguments pydantic v2 ignores: any limit is accepted.
    return fakeTask06RagServer(Object.assign(req, { body: JSON.stringify({ ...value, query: String(value['query']).slice(0, 64) }) }), res);
  }
  if (req.method === 'POST' && path === '/api/v1/generate/') {
    if (!body.ok) return sendJson(res, 422, jsonInvalid);
    const value = body.value as Record<string, unknown>;
    const languages = ['python', 'javascript', 'typescript', 'java', 'go'];
    if (value['language'] !== undefined && !languages.includes(String(value['language']))) {
      return sendJson(res, 422, pydanticError('enum', ['body', 'language'], "Input should be 'python', 'javascript', 'typescript', 'java' or 'go'", value['language']));
    }
    return text(res, 500, 'Internal Server Error');
  }
  if (req.method === 'POST' && path === '/api/v1/indexing/file') {
    if (!body.ok) return sendJson(res, 422, jsonInvalid);
    const filePath = String((body.value as Record<string, unknown>)['file_path'] ?? '');
    // The handler opens the path as given (relative to /app): /etc/passwd exists, has no parser → 500.
    const resolved = filePath.startsWith('/') ? filePath : `/app/${filePath}`;
    const normalised = resolved.split('/').reduce<string[]>((parts, segment) => (segment === '..' ? parts.slice(0, -1) : segment === '' || segment === '.' ? parts : [...parts, segment]), []);
    if (`/${normalised.join('/')}` === '/etc/passwd') return sendJson(res, 500, { detail: "인덱싱 중 오류가 발생했습니다: 'NoneType' object has no attribute 'parse_file'" });
    return sendJson(res, 404, { detail: `파일을 찾을 수 없습니다: ${filePath}` });
  }
  return fakeTask06RagServer(req, res);
});

/** embedding-server (both commits). */
export const task06EmbeddingServer: TestHandler = fastApiService(
  'Embedding Server',
  [
    ['GET', '/health'],
    ['GET', '/embedding/health'],
    ['POST', '/embedding/embed'],
    ['POST', '/embedding/embed/bulk'],
  ],
  (req, res) => {
    if (req.method === 'GET' && req.url === '/embedding/health') return sendJson(res, 200, { status: 'healthy', service: 'embedding-server' });
    if (req.method === 'POST' && req.url === '/embedding/embed') {
      const body = parse(req.body);
      if (!body.ok) return sendJson(res, 422, jsonInvalid);
      const value = body.value as Record<string, unknown>;
      if (typeof value['text'] !== 'string') return sendJson(res, 422, pydanticError('string_type', ['body', 'text'], 'Input should be a valid string', value['text']));
      // No length limit: a 4 MiB text is truncated to 256 tokens and embedded.
      return fakeEmbeddingServer(Object.assign(req, { body: JSON.stringify({ text: value['text'].slice(0, 256) }) }), res);
    }
    return fakeEmbeddingServer(req, res);
  },
  { cors: true },
);

const llmBase = fakeLlmServer();

/** llm-server (both commits): an OpenAI proxy; upstream errors come back as 500. */
export const task06LlmServer: TestHandler = fastApiService(
  'LLM Server',
  [
    ['GET', '/health'],
    ['GET', '/v1/models'],
    ['POST', '/v1/chat/completions'],
    ['POST', '/chat/completions'],
    ['POST', '/v1/completions'],
    ['POST', '/completions'],
  ],
  (req, res) => {
    if (req.method === 'POST' && req.url === '/v1/chat/completions') {
      const body = parse(req.body);
      if (!body.ok) return sendJson(res, 422, jsonInvalid);
      const value = body.value as Record<string, unknown>;
      if (!Array.isArray(value['messages'])) return sendJson(res, 422, pydanticError('list_type', ['body', 'messages'], 'Input should be a valid list', value['messages']));
      const maxTokens = value['max_tokens'];
      const content = JSON.stringify(value['messages']).length;
      if ((typeof maxTokens === 'number' && maxTokens > 16_384) || content > 512 * 1024) {
        // OpenAI refuses; the proxy turns every upstream error into a 500.
        return sendJson(res, 500, { detail: "채팅 완성 생성 실패: LLM 서비스 오류: OpenAI API 호출 실패: Error code: 400 - {'error': {'message': 'max_tokens is too large', 'type': 'invalid_request_error'}}" });
      }
    }
    return llmBase(req, res);
  },
  { cors: true },
);

const QDRANT_METRICS_TEXT = [
  '# HELP app_info information about qdrant server',
  '# TYPE app_info counter',
  'app_info{name="qdrant",version="1.7.0"} 1',
  '# HELP collections_total number of collections',
  '# TYPE collections_total gauge',
  'collections_total 1',
  '# HELP collections_vector_total total number of vectors in all collections',
  '# TYPE collections_vector_total gauge',
  'collections_vector_total 0',
  '# HELP rest_responses_total total number of responses',
  '# TYPE rest_responses_total counter',
  'rest_responses_total{method="GET",endpoint="/collections/{name}",status="200"} 3',
  '',
].join('\n');

/** Qdrant 1.7: the clients' fake plus its /metrics, /dashboard, and plain-text 400 for bad JSON. */
export function task06Qdrant(): TestHandler {
  const base = fakeQdrant();
  const created = new Set<string>();
  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const collection = /^\/collections\/([^/]+)/.exec(path)?.[1];
    if (collection !== undefined && req.method === 'PUT' && path === `/collections/${collection}`) created.add(collection);
    else if (collection !== undefined && !created.has(collection) && parse(req.body || '{}').ok) {
      return sendJson(res, 404, { status: { error: `Not found: Collection \`${decodeURIComponent(collection)}\` doesn't exist!` }, time: 0.00001 });
    }
    if (req.method === 'GET' && path === '/metrics') return text(res, 200, QDRANT_METRICS_TEXT, 'text/plain; version=0.0.4');
    if (req.method === 'GET' && path === '/dashboard') return text(res, 200, '<!doctype html><title>Qdrant Web UI</title>', 'text/html');
    if (req.method === 'POST' && req.body !== '' && !parse(req.body).ok) return text(res, 400, 'Json deserialize error: EOF while parsing a list at line 1 column 28');
    if (req.method === 'OPTIONS') return text(res, 404, '');
    return base(req, res);
  };
}

export interface StartedTask06System {
  readonly servers: { readonly rag: TestServer; readonly embedding: TestServer; readonly llm: TestServer; readonly vectorDb: TestServer };
  /** A config pointing at the four servers (external mode, Task-06 contract auto-detected). */
  readonly config: RagValidateConfig;
  close(): Promise<void>;
}

/**
 * Starts the four Task-06 doubles on free ports. With `createCollection` (default true) the
 * `code_chunks` collection is created first, as the real system's operators must do by hand.
 */
export async function startTask06System(options: { createCollection?: boolean; vectorSize?: number; configOverrides?: Record<string, unknown> } = {}): Promise<StartedTask06System> {
  const { createCollection = true, vectorSize = 384, configOverrides = {} } = options;
  const started: TestServer[] = [];
  try {
    for (const handler of [task06RagServer, task06EmbeddingServer, task06LlmServer, task06Qdrant()]) started.push(await startTestServer(handler));
  } catch (error) {
    await Promise.all(started.map((s) => s.close()));
    throw error;
  }
  const [rag, embedding, llm, vectorDb] = started as [TestServer, TestServer, TestServer, TestServer];
  const config = resolveConfig(
    {
      target: {
        mode: 'external',
        services: { rag: { url: rag.url }, embedding: { url: embedding.url }, llm: { url: llm.url }, vectorDb: { url: vectorDb.url } },
        ...configOverrides,
      },
    },
    { env: {} },
  );
  const system: StartedTask06System = {
    servers: { rag, embedding, llm, vectorDb },
    config,
    close: async () => {
      await Promise.all(started.map((s) => s.close()));
    },
  };
  if (createCollection) {
    await new VectorDbClient({ baseUrl: vectorDb.url }).createCollection('code_chunks', { size: vectorSize, distance: 'Cosine' });
  }
  return system;
}
