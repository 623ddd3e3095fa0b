import { closedPort, startTestServer, type TestHandler, type TestServer } from '@rag-validate/clients/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { runReadiness } from '../run-readiness.js';
import { configFor } from '../testing/config-for.js';
import { expectCheck } from '../testing/expect-check.js';
import { overrideRoutes, sendJson, sendText } from '../testing/override-routes.js';
import { task06EmbeddingServer, task06LlmServer, task06Qdrant, task06RagServer } from '../testing/task06-system.js';

const started: TestServer[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.close()));
});

interface Handlers {
  rag?: TestHandler;
  embedding?: TestHandler | 'down';
  llm?: TestHandler;
  vectorDb?: TestHandler;
}

/** Starts the Task-06 doubles with the given replacements and runs the health checks against them. */
async function runHealth(handlers: Handlers = {}) {
  const start = async (handler: TestHandler) => {
    const server = await startTestServer(handler);
    started.push(server);
    return server.url;
  };
  const urls = {
    rag: await start(handlers.rag ?? task06RagServer),
    embedding: handlers.embedding === 'down' ? `http://127.0.0.1:${await closedPort()}` : await start(handlers.embedding ?? task06EmbeddingServer),
    llm: await start(handlers.llm ?? task06LlmServer),
    vectorDb: await start(handlers.vectorDb ?? task06Qdrant()),
  };
  return runReadiness({ config: configFor(urls), checks: ['health'], probeTimeoutMs: 3_000 });
}

/** A rag-server with a readiness endpoint that names its dependencies. */
const readyRag = (status: number, body: unknown): TestHandler =>
  overrideRoutes(task06RagServer, {
    'GET /readyz': (_req, res) => sendJson(res, status, body),
    'GET /livez': (_req, res) => sendJson(res, 200, { status: 'alive' }),
  });
const NAMED_DEPENDENCIES = { status: 'ready', dependencies: { embedding: 'ok', llm: 'ok', 'vector-db': 'ok' } };

describe('health.service-endpoints', () => {
  it('passes the real services’ documented /health answers', async () => {
    const check = expectCheck(await runHealth(), 'health.service-endpoints', 'pass');
    expect(check.evidence).toHaveLength(3);
  });

  it('fails an llm-server that reports itself degraded and an embedding-server that is down', async () => {
    const result = await runHealth({
      llm: overrideRoutes(task06LlmServer, { 'GET /health': (_req, res) => sendJson(res, 200, { status: 'degraded', service: 'llm-server' }) }),
      embedding: 'down',
    });
    const check = expectCheck(result, 'health.service-endpoints', 'fail');
    expect(check.evidence.join('\n')).toContain('embedding-server GET /health: no answer (connection ECONNREFUSED)');
    expect(check.evidence.join('\n')).toContain('llm-server: status is "degraded"');
  });

  it('warns when a documented field is missing', async () => {
    const result = await runHealth({ embedding: overrideRoutes(task06EmbeddingServer, { 'GET /health': (_req, res) => sendJson(res, 200, { status: 'healthy', service: 'embedding-server' }) }) });
    expect(expectCheck(result, 'health.service-endpoints', 'warn').evidence[0]).toBe('embedding-server: /health has no "model" field');
  });
});

describe('health.vector-db-probes', () => {
  it('passes Qdrant’s /healthz and /readyz', async () => {
    expectCheck(await runHealth(), 'health.vector-db-probes', 'pass');
  });

  it('fails a vector-db whose shards are not ready', async () => {
    const vectorDb = overrideRoutes(task06Qdrant(), { 'GET /readyz': (_req, res) => sendText(res, 503, 'some shards are not ready') });
    const check = expectCheck(await runHealth({ vectorDb }), 'health.vector-db-probes', 'fail');
    expect(check.reason).toBe('vector-db is not ready');
    expect(check.evidence).toContain('GET /readyz: 503 some shards are not ready');
  });
});

describe('health.readiness-reflects-dependencies', () => {
  it('fails the Task-06 rag-server: no /readyz, a static /health', async () => {
    const check = expectCheck(await runHealth(), 'health.readiness-reflects-dependencies', 'fail');
    expect(check.reason).toContain('no readiness endpoint');
  });

  it('fails a /readyz that says ready while the embedding-server is down', async () => {
    const check = expectCheck(await runHealth({ rag: readyRag(200, NAMED_DEPENDENCIES), embedding: 'down' }), 'health.readiness-reflects-dependencies', 'fail');
    expect(check.reason).toBe('the rag-server reports ready although embedding-server /health is down');
  });

  it('passes a /readyz that answers 503 while the embedding-server is down', async () => {
    const body = { status: 'not ready', dependencies: { embedding: 'connection refused', llm: 'ok', 'vector-db': 'ok' } };
    expectCheck(await runHealth({ rag: readyRag(503, body), embedding: 'down' }), 'health.readiness-reflects-dependencies', 'pass');
  });

  it('passes a /readyz that names its dependencies when they are up; warns when it names none', async () => {
    expectCheck(await runHealth({ rag: readyRag(200, NAMED_DEPENDENCIES) }), 'health.readiness-reflects-dependencies', 'pass');
    const check = expectCheck(await runHealth({ rag: readyRag(200, { status: 'ok' }) }), 'health.readiness-reflects-dependencies', 'warn');
    expect(check.reason).toContain('names no dependency');
  });
});

describe('health.liveness-readiness-separated', () => {
  it('fails the Task-06 rag-server (only /health)', async () => {
    const check = expectCheck(await runHealth(), 'health.liveness-readiness-separated', 'fail');
    expect(check.reason).toContain('rag-server: no readiness endpoint');
    expect(check.reason).not.toContain('vector-db');
  });

  it('passes a rag-server with /health and /readyz next to Qdrant', async () => {
    expectCheck(await runHealth({ rag: readyRag(200, NAMED_DEPENDENCIES) }), 'health.liveness-readiness-separated', 'pass');
  });
});
