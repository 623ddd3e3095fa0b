import { closedPort, fakeEmbeddingServer, fakeLlmServer, fakeQdrant, fakeTask06RagServer, startTestServer, type TestServer } from '@rag-validate/clients/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../testing/run-cli.js';

let servers: TestServer[] = [];
let env: Record<string, string>;
beforeAll(async () => {
  servers = await Promise.all([startTestServer(fakeTask06RagServer), startTestServer(fakeEmbeddingServer), startTestServer(fakeLlmServer()), startTestServer(fakeQdrant())]);
  const [rag, embedding, llm, vectorDb] = servers.map((s) => s.url);
  env = { RAG_VALIDATE_RAG_URL: rag!, RAG_VALIDATE_EMBEDDING_URL: embedding!, RAG_VALIDATE_LLM_URL: llm!, RAG_VALIDATE_VECTOR_DB_URL: vectorDb! };
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

describe('rag-validate health', () => {
  it('reports four healthy services, probing Qdrant at /healthz and /readyz (not /health), and exits 0', async () => {
    const run = await runCli(['health', '--json'], { env });
    expect(run.exitCode).toBe(0);
    const result = JSON.parse(run.stdout) as { ok: boolean; services: Array<{ service: string; ok: boolean; probes: Array<{ endpoint: string }> }> };
    expect(result.ok).toBe(true);
    expect(result.services.map((s) => [s.service, s.ok])).toEqual([
      ['rag', true],
      ['embedding', true],
      ['llm', true],
      ['vectorDb', true],
    ]);
    expect(result.services.find((s) => s.service === 'vectorDb')?.probes.map((p) => p.endpoint)).toEqual(['/healthz', '/readyz']);
    const qdrant = servers[3]!;
    expect(qdrant.requests.some((r) => r.url === '/health')).toBe(false);
  });

  it('names the unreachable service in its table and exits 1', async () => {
    const run = await runCli(['health'], { env: { ...env, RAG_VALIDATE_LLM_URL: `http://127.0.0.1:${await closedPort()}` } });
    expect(run.exitCode).toBe(1);
    const llmRow = run.stdout.split('\n').find((line) => line.startsWith('llm-server'));
    expect(llmRow).toContain('unreachable');
    expect(llmRow).toContain('connection refused');
    expect(run.stdout.split('\n').find((line) => line.startsWith('rag-server'))).toContain('healthy');
  });

  it('with nothing running prints four unreachable services, a hint, and exits 1', async () => {
    const ports = await Promise.all([closedPort(), closedPort(), closedPort(), closedPort()]);
    const run = await runCli(['health', '--config', '/dev/null'], {
      env: { RAG_VALIDATE_MODE: 'embedded', RAG_VALIDATE_RAG_URL: `http://127.0.0.1:${ports[0]}`, RAG_VALIDATE_EMBEDDING_URL: `http://127.0.0.1:${ports[1]}`, RAG_VALIDATE_LLM_URL: `http://127.0.0.1:${ports[2]}`, RAG_VALIDATE_VECTOR_DB_URL: `http://127.0.0.1:${ports[3]}` },
    });
    expect(run.exitCode).toBe(1);
    expect(run.stdout.match(/unreachable/g)).toHaveLength(4);
    expect(run.stdout).toContain('rag-validate stack up');
  });

  it('rejects a bad --timeout as a usage error (exit 2)', async () => {
    const run = await runCli(['health', '--timeout', 'soon'], { env });
    expect(run.exitCode).toBe(2);
  });
});
