import { describe, expect, it } from 'vitest';
import type { DefectName } from '../defects.js';
import { startReferenceStack } from '../start-reference-stack.js';
import { PANDAS_LOADER } from '../testing/fixtures.js';
import { httpCall } from '../testing/http-call.js';

async function withStack(defects: DefectName[], body: (stack: Awaited<ReturnType<typeof startReferenceStack>>) => Promise<void>): Promise<void> {
  const stack = await startReferenceStack({ mode: 'in-process', logLevel: 'silent', defects, llm: { ttftMs: 0, tokensPerSecond: 0 } });
  try {
    await body(stack);
  } finally {
    await stack.stop();
  }
}

/** Every defect switch makes the stack fail in the way the validator must detect. */
describe('deliberate defects', () => {
  it('drop-indexed-chunks: indexing is acknowledged but nothing is stored', async () => {
    await withStack(['drop-indexed-chunks'], async ({ urls }) => {
      const res = await httpCall(urls.rag, 'POST', '/api/v1/indexing/file', { json: { file_path: 'sales.py', content: PANDAS_LOADER } });
      expect(res.status).toBe(200);
      expect((res.json as { chunks_count: number }).chunks_count).toBe(4);
      expect(((await httpCall(urls.rag, 'GET', '/api/v1/indexing/chunks')).json as { total: number }).total).toBe(0);
      expect(((await httpCall(urls.rag, 'POST', '/api/v1/search/', { json: { query: 'pandas' } })).json as { results: unknown[] }).results).toEqual([]);
    });
  });

  it('empty-results-on-dependency-error: 200 with empty results while the embedding-server is down', async () => {
    await withStack(['empty-results-on-dependency-error'], async ({ urls, services }) => {
      await httpCall(urls.rag, 'POST', '/api/v1/indexing/file', { json: { file_path: 'sales.py', content: PANDAS_LOADER } });
      await services.embedding.stop();
      const res = await httpCall(urls.rag, 'POST', '/api/v1/search/', { json: { query: 'pandas' } });
      expect(res.status).toBe(200);
      expect((res.json as { results: unknown[] }).results).toEqual([]);
      const head = await httpCall(urls.rag, 'POST', '/api/v1/search/vector', { json: { query: 'pandas', collection_name: 'code_chunks' } });
      expect(head.json).toMatchObject({ success: true, results: [] });
    });
  });

  it('hang-on-dependency-down: no answer at all while the embedding-server is down', async () => {
    await withStack(['hang-on-dependency-down'], async ({ urls, services }) => {
      await services.embedding.stop();
      await expect(httpCall(urls.rag, 'POST', '/api/v1/search/', { json: { query: 'pandas' }, timeoutMs: 2500 })).rejects.toThrow(/timeout after 2500 ms/);
    });
  });

  it('leak-stack-traces: 5xx bodies carry a stack trace with internal paths', async () => {
    await withStack(['leak-stack-traces'], async ({ urls, services }) => {
      await services.embedding.stop();
      const res = await httpCall(urls.rag, 'POST', '/api/v1/search/', { json: { query: 'pandas' } });
      expect(res.status).toBe(503);
      expect((res.json as { detail: string }).detail).toMatch(/\n\s+at .*\/src\/.*\.[jt]s:\d+/);
    });
  });

  it('health-ignores-dependencies: /readyz stays 200 with a dependency down', async () => {
    await withStack(['health-ignores-dependencies'], async ({ urls, services }) => {
      await services.vectorDb.stop();
      expect((await httpCall(urls.rag, 'GET', '/readyz')).status).toBe(200);
      expect((await httpCall(urls.rag, 'POST', '/api/v1/search/', { json: { query: 'pandas' } })).status).toBe(503);
    });
  });

  it('without defects the same situations are answered correctly (control)', async () => {
    await withStack([], async ({ urls, services }) => {
      await services.embedding.stop();
      const res = await httpCall(urls.rag, 'POST', '/api/v1/search/', { json: { query: 'pandas' }, timeoutMs: 10_000 });
      expect(res.status).toBe(503);
      expect((res.json as { detail: string }).detail).not.toContain(' at ');
      expect((await httpCall(urls.rag, 'GET', '/readyz')).status).toBe(503);
    });
  });

  it('REFSTACK_DEFECTS switches defects on from the environment', async () => {
    const stack = await startReferenceStack({ mode: 'in-process', logLevel: 'silent', env: { REFSTACK_DEFECTS: 'drop-indexed-chunks' } });
    try {
      expect(stack.defects).toEqual(['drop-indexed-chunks']);
    } finally {
      await stack.stop();
    }
  });
});
