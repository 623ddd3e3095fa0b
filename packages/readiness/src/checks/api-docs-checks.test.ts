import { startTestServer, type TestHandler, type TestServer } from '@rag-validate/clients/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { validateOpenApi } from '../openapi/validate-openapi.js';
import { runReadiness } from '../run-readiness.js';
import { configFor } from '../testing/config-for.js';
import { expectCheck } from '../testing/expect-check.js';
import { overrideRoutes, sendJson, sendText } from '../testing/override-routes.js';
import { fastApiDocument, task06EmbeddingServer, task06LlmServer, task06Qdrant, task06RagServer } from '../testing/task06-system.js';

const started: TestServer[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.close()));
});

async function runDocs(handlers: { rag?: TestHandler; embedding?: TestHandler; llm?: TestHandler } = {}) {
  const urls: Record<string, string> = {};
  for (const [name, handler] of Object.entries({ rag: task06RagServer, embedding: task06EmbeddingServer, llm: task06LlmServer, vectorDb: task06Qdrant(), ...handlers })) {
    const server = await startTestServer(handler);
    started.push(server);
    urls[name] = server.url;
  }
  return runReadiness({ config: configFor(urls as { rag: string; embedding: string; llm: string; vectorDb: string }), checks: ['api-docs'], probeTimeoutMs: 3_000 });
}

describe('validateOpenApi', () => {
  it('accepts FastAPI-style 3.1 documents', () => {
    expect(validateOpenApi(fastApiDocument('x', [['GET', '/items/{item_id}'], ['POST', '/items']]))).toEqual([]);
  });

  it('reports structural errors', () => {
    const document = fastApiDocument('x', [['GET', '/items/{item_id}']]) as { paths: Record<string, Record<string, Record<string, unknown>>> };
    delete document.paths['/items/{item_id}']!['get']!['parameters'];
    document.paths['items'] = { get: { responses: { ok: {} } } };
    (document as Record<string, unknown>)['info'] = { title: 'x' };
    (document.paths['/items/{item_id}']!['get'] as Record<string, unknown>)['responses'] = { '200': { $ref: '#/components/responses/Missing' } };
    expect(validateOpenApi(document)).toEqual([
      '"info.version" is missing',
      'GET /items/{item_id} does not declare path parameter "item_id"',
      'path "items" does not start with "/"',
      'GET items has response key "ok", expected a status code or "default"',
      '$ref "#/components/responses/Missing" does not resolve',
    ]);
    expect(validateOpenApi({ swagger: '2.0', info: { title: 'x', version: '1' }, paths: {} })).toEqual(['"openapi" is undefined, expected "3.x.y" (this is a Swagger 2 document)']);
  });
});

describe('docs.openapi-valid', () => {
  it('passes the FastAPI documents of the Task-06 services', async () => {
    expect(expectCheck(await runDocs(), 'docs.openapi-valid', 'pass').evidence[0]).toBe('rag-server: OpenAPI 3.1.0, 18 paths');
  });

  it('fails a Swagger 2 document and a missing one', async () => {
    const result = await runDocs({
      embedding: overrideRoutes(task06EmbeddingServer, { 'GET /openapi.json': (_req, res) => sendJson(res, 200, { swagger: '2.0', info: { title: 'x', version: '1' }, paths: {} }) }),
      llm: overrideRoutes(task06LlmServer, { 'GET /openapi.json': (_req, res) => sendJson(res, 404, { detail: 'Not Found' }) }),
    });
    const check = expectCheck(result, 'docs.openapi-valid', 'fail');
    expect(check.evidence.slice(0, 2)).toEqual(['embedding-server: "openapi" is undefined, expected "3.x.y" (this is a Swagger 2 document)', 'llm-server GET /openapi.json: 404 {"detail":"Not Found"}']);
  });
});

describe('docs.ui-reachable', () => {
  it('passes Swagger UI at /docs', async () => {
    expectCheck(await runDocs(), 'docs.ui-reachable', 'pass');
  });

  it('fails a service without /docs', async () => {
    const check = expectCheck(await runDocs({ llm: overrideRoutes(task06LlmServer, { 'GET /docs': (_req, res) => sendJson(res, 404, { detail: 'Not Found' }) }) }), 'docs.ui-reachable', 'fail');
    expect(check.evidence).toEqual(['llm-server GET /docs: 404 {"detail":"Not Found"}']);
  });
});

describe('docs.routes-exist', () => {
  it('warns about the Task-06 users route, documented but crashing', async () => {
    const check = expectCheck(await runDocs(), 'docs.routes-exist', 'warn');
    expect(check.evidence).toEqual(['rag-server GET /api/v1/: 500 Internal Server Error']);
  });

  it('fails a documented route that answers 404', async () => {
    const withStats = fastApiDocument('RAG Server API', [['GET', '/health'], ['GET', '/api/v1/indexing/stats']]);
    const rag = overrideRoutes(task06RagServer, { 'GET /openapi.json': (_req, res) => sendJson(res, 200, withStats) });
    const check = expectCheck(await runDocs({ rag }), 'docs.routes-exist', 'fail');
    expect(check.evidence).toEqual(['rag-server GET /api/v1/indexing/stats: 404 {"detail":"Not Found"}']);
  });

  it('passes when every documented route answers', async () => {
    const rag = overrideRoutes(task06RagServer, { 'GET /api/v1/': (_req, res) => sendText(res, 200, '[]') });
    expect(expectCheck(await runDocs({ rag }), 'docs.routes-exist', 'pass').reason).toMatch(/^\d+ documented GET routes answer$/);
  });
});
