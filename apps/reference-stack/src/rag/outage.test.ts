import type { ServiceName } from '@rag-validate/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReferenceStack, type StartedReferenceStack } from '../start-reference-stack.js';
import { PANDAS_LOADER } from '../testing/fixtures.js';
import { httpCall, type HttpCallResult } from '../testing/http-call.js';
import { eventually } from '../testing/process-state.js';

/**
 * Each dependency of the rag-server stopped in turn (a real child process gone): the rag-server
 * answers a JSON 503 naming it within 10 s — no hang, no stack trace, no empty 200 — keeps /health
 * at 200, reports it in /readyz, and recovers by itself once the dependency is back.
 */
describe('rag-server during dependency outages (process mode)', { timeout: 120_000 }, () => {
  let stack: StartedReferenceStack;
  const search = (): Promise<HttpCallResult> => httpCall(stack.urls.rag, 'POST', '/api/v1/search/', { json: { query: 'pandas DataFrame', limit: 3 }, timeoutMs: 30_000 });
  const generate = (): Promise<HttpCallResult> => httpCall(stack.urls.rag, 'POST', '/api/v1/generate/', { json: { query: 'CSV 파일 읽기', language: 'python' }, timeoutMs: 30_000 });
  const index = (): Promise<HttpCallResult> => httpCall(stack.urls.rag, 'POST', '/api/v1/indexing/file', { json: { file_path: 'sales.py', content: PANDAS_LOADER }, timeoutMs: 30_000 });

  beforeAll(async () => {
    stack = await startReferenceStack({ mode: 'process', logLevel: 'warn', llm: { ttftMs: 0, tokensPerSecond: 0 } });
    expect((await index()).status).toBe(200);
  });
  afterAll(() => stack?.stop());

  const cases: Array<{ dependency: ServiceName; display: string; calls: Array<() => Promise<HttpCallResult>> }> = [
    { dependency: 'embedding', display: 'embedding-server', calls: [search, index, generate] },
    { dependency: 'vectorDb', display: 'vector-db', calls: [search, index, generate] },
    { dependency: 'llm', display: 'llm-server', calls: [generate] },
  ];

  it.each(cases)('$display stopped: 503 JSON within 10 s, /readyz 503, then recovery', async ({ dependency, display, calls }) => {
    await stack.services[dependency].stop();
    try {
      for (const call of calls) {
        const res = await call();
        expect(res.status, res.text).toBe(503);
        expect(res.json).toEqual({ detail: expect.stringMatching(new RegExp(`^${display} unavailable: `)) });
        expect(res.text).not.toMatch(/\n\s+at |\.ts:\d+|\.js:\d+/);
        expect(res.elapsedMs).toBeLessThan(10_000);
      }
      const ready = await httpCall(stack.urls.rag, 'GET', '/readyz');
      expect(ready.status).toBe(503);
      expect(ready.json).toMatchObject({ status: 'not_ready', dependencies: { [display]: { status: 'down' } } });
      expect((await httpCall(stack.urls.rag, 'GET', '/health')).status).toBe(200);
    } finally {
      await stack.services[dependency].start();
    }
    for (const call of calls) expect(await eventually(async () => (await call()).status === 200, 20_000)).toBe(true);
    expect((await httpCall(stack.urls.rag, 'GET', '/readyz')).status).toBe(200);
    const results = (await search()).json as { results: Array<{ file_path: string }> };
    expect(results.results[0]?.file_path).toBe('sales.py');
  });

  it('paused embedding-server (SIGSTOP): 503 after the call deadline, not a hang; recovers on SIGCONT', async () => {
    await stack.services.embedding.kill('SIGSTOP');
    try {
      const res = await search();
      expect(res.status).toBe(503);
      expect(res.json).toEqual({ detail: expect.stringMatching(/^embedding-server unavailable: no answer within 3000 ms/) });
      expect(res.elapsedMs).toBeLessThan(10_000);
    } finally {
      await stack.services.embedding.kill('SIGCONT');
    }
    expect(await eventually(async () => (await search()).status === 200, 20_000)).toBe(true);
  });

  it('paused llm-server (SIGSTOP): 503 when no first token comes, not a hang; recovers on SIGCONT', async () => {
    await stack.services.llm.kill('SIGSTOP');
    try {
      const res = await generate();
      expect(res.status).toBe(503);
      expect(res.json).toEqual({ detail: expect.stringMatching(/^llm-server unavailable: no first token within 8000 ms/) });
      // 8 s first-token watchdog plus scheduling slack on a loaded 2-core machine.
      expect(res.elapsedMs).toBeLessThan(12_000);
    } finally {
      await stack.services.llm.kill('SIGCONT');
    }
    expect(await eventually(async () => (await generate()).status === 200, 20_000)).toBe(true);
  });
});
