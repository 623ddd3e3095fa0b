import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContractDetectionError, HttpStatusError, UnsupportedOperationError } from '../core/errors.js';
import { fakeHeadRagServer, fakeTask06RagServer } from '../testing/codev-fakes.js';
import { sendJson, startTestServer, type TestServer } from '../testing/test-server.js';
import { RagApiClient, uuidFromText } from './rag-api-client.js';

let task06: TestServer;
let head: TestServer;
beforeAll(async () => {
  task06 = await startTestServer(fakeTask06RagServer);
  head = await startTestServer(fakeHeadRagServer);
});
afterAll(async () => {
  await Promise.all([task06.close(), head.close()]);
});

describe('RagApiClient', () => {
  it('detects the Task-06 contract and normalizes its flat hybrid hits', async () => {
    const client = new RagApiClient({ baseUrl: task06.url });
    expect(await client.contract()).toBe('codev-task06');
    const result = await client.search({ query: 'pandas DataFrame', limit: 5 });
    expect(result.contract).toBe('codev-task06');
    expect(result.hits[0]).toMatchObject({ filePath: '/test-codebase/io.py', score: 0.867, language: 'python', codeType: 'function', lineStart: 1 });
    const sent = JSON.parse(task06.requests.at(-1)?.body ?? '{}') as Record<string, unknown>;
    expect(sent).toMatchObject({ query: 'pandas DataFrame', limit: 5, vector_weight: 0.7, keyword_weight: 0.3, collection_name: 'code_chunks' });
  });

  it('detects the HEAD contract and searches /api/v1/search/hybrid with HEAD field names', async () => {
    const client = new RagApiClient({ baseUrl: head.url });
    const result = await client.search({ query: 'read csv', limit: 3 });
    expect(result.contract).toBe('codev-head');
    expect(result.hits[0]).toMatchObject({ filePath: 'src/io.py', content: 'def read_csv(path): ...', language: 'python' });
    const last = head.requests.at(-1);
    expect(last?.url).toBe('/api/v1/search/hybrid');
    expect(JSON.parse(last?.body ?? '{}')).toMatchObject({ top_k: 3, bm25_weight: 0.3, index_name: 'default' });
  });

  it('speaking Task 06 to a HEAD server shows the 307 the real server gives, not a crash', async () => {
    const client = new RagApiClient({ baseUrl: head.url, contract: 'codev-task06' });
    const error = (await client.search({ query: 'x' }).catch((e: unknown) => e)) as HttpStatusError;
    expect(error).toBeInstanceOf(HttpStatusError);
    expect(error.statusCode).toBe(307);
  });

  it('HEAD has no server-path indexing or chunk listing: a typed RV_ERR_UNSUPPORTED, nothing sent', async () => {
    const client = new RagApiClient({ baseUrl: head.url, contract: 'codev-head' });
    const before = head.requests.length;
    await expect(client.indexFile({ filePath: '/srv/a.py' })).rejects.toBeInstanceOf(UnsupportedOperationError);
    await expect(client.listChunks()).rejects.toMatchObject({ code: 'RV_ERR_UNSUPPORTED' });
    expect(head.requests.length).toBe(before);
  });

  it('surfaces the Task-06 text/plain 500 as an HTTP status error', async () => {
    const client = new RagApiClient({ baseUrl: task06.url, contract: 'codev-task06' });
    const error = (await client.indexFile({ filePath: '/test-codebase/x.rb' }).catch((e: unknown) => e)) as HttpStatusError;
    expect(error.statusCode).toBe(500);
    expect(error.body).toBe('Internal Server Error');
  });

  it('fails detection with a hint to set target.contract when the server is neither', async () => {
    const other = await startTestServer((_req, res) => sendJson(res, 404, { detail: 'Not Found' }));
    try {
      const error = await new RagApiClient({ baseUrl: other.url }).contract().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ContractDetectionError);
      expect((error as ContractDetectionError).message).toContain('target.contract');
    } finally {
      await other.close();
    }
  });

  it('derives stable UUIDs for HEAD document ids', () => {
    const id = uuidFromText('src/io.py');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(uuidFromText('src/io.py')).toBe(id);
    expect(uuidFromText('src/other.py')).not.toBe(id);
  });
});
