import { closedPort, startTestServer, type TestServer } from '@rag-validate/clients/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { runReadiness } from '../run-readiness.js';
import { configFor } from '../testing/config-for.js';
import { expectCheck } from '../testing/expect-check.js';
import { overrideRoutes, sendJson } from '../testing/override-routes.js';
import { startTask06System, task06Qdrant, type StartedTask06System } from '../testing/task06-system.js';

const systems: StartedTask06System[] = [];
const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all([...systems.splice(0).map((s) => s.close()), ...servers.splice(0).map((s) => s.close())]);
});

async function system(options: Parameters<typeof startTask06System>[0] = {}) {
  const started = await startTask06System(options);
  systems.push(started);
  return started;
}

const runDeps = (config: StartedTask06System['config']) => runReadiness({ config, checks: ['dependencies'], probeTimeoutMs: 3_000 });

describe('deps.vector-dimensions', () => {
  it('passes when embedding, collection and config agree on 384', async () => {
    const result = await runDeps((await system()).config);
    expectCheck(result, 'deps.collection-ready', 'pass');
    const check = expectCheck(result, 'deps.vector-dimensions', 'pass');
    expect(check.evidence).toEqual(['configured (target.collection.vectorSize): 384', 'embedding-server output: 384', 'collection code_chunks: 384']);
  });

  it('fails a collection created with 768 dimensions for a 384-dimension model', async () => {
    const check = expectCheck(await runDeps((await system({ vectorSize: 768 })).config), 'deps.vector-dimensions', 'fail');
    expect(check.reason).toBe('dimensions differ: configured (target.collection.vectorSize) 384, embedding-server output 384, collection code_chunks 768');
  });

  it('fails a config that expects 768 dimensions', async () => {
    const started = await system();
    const config = { ...started.config, target: { ...started.config.target, collection: { ...started.config.target.collection, vectorSize: 768 } } };
    expectCheck(await runDeps(config), 'deps.vector-dimensions', 'fail');
  });

  it('is unknown, not a pass, when the embedding-server is down', async () => {
    const started = await system();
    const config = configFor({ rag: started.servers.rag.url, embedding: `http://127.0.0.1:${await closedPort()}`, llm: started.servers.llm.url, vectorDb: started.servers.vectorDb.url });
    const check = expectCheck(await runDeps(config), 'deps.vector-dimensions', 'unknown');
    expect(check.evidence.join('\n')).toContain('embedding failed: connection ECONNREFUSED');
  });
});

describe('deps.collection-ready', () => {
  it('fails when code_chunks was never created (the Task-06 rag-server does not create it)', async () => {
    const result = await runDeps((await system({ createCollection: false })).config);
    expect(expectCheck(result, 'deps.collection-ready', 'fail').reason).toBe('collection code_chunks does not exist');
    expectCheck(result, 'deps.vector-dimensions', 'unknown');
  });

  it.each([
    ['yellow', 'warn'],
    ['red', 'fail'],
    ['green', 'pass'],
  ] as const)('a %s collection is %s', async (status, expected) => {
    const qdrant = overrideRoutes(task06Qdrant(), {
      'GET /collections/code_chunks': (_req, res) =>
        sendJson(res, 200, { result: { status, optimizer_status: 'ok', points_count: 7, config: { params: { vectors: { size: 384, distance: 'Cosine' } } } }, status: 'ok', time: 0 }),
    });
    const server = await startTestServer(qdrant);
    servers.push(server);
    const started = await system();
    const config = configFor({ rag: started.servers.rag.url, embedding: started.servers.embedding.url, llm: started.servers.llm.url, vectorDb: server.url });
    const check = expectCheck(await runDeps(config), 'deps.collection-ready', expected);
    expect(check.evidence).toEqual([`collection code_chunks: status ${status}, 7 points`]);
  });
});

describe('deps.llm-model-available', () => {
  it('passes gpt-4o-mini, which the llm-server lists', async () => {
    expectCheck(await runDeps((await system()).config), 'deps.llm-model-available', 'pass');
  });

  it('fails a model the llm-server does not serve', async () => {
    const check = expectCheck(await runDeps((await system({ configOverrides: { llmModel: 'llama-3-70b-instruct' } })).config), 'deps.llm-model-available', 'fail');
    expect(check.evidence).toEqual(['/v1/models lists: gpt-4o-mini']);
  });
});
