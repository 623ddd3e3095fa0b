import { RagApiClient } from '@rag-validate/clients';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReferenceStack, type StartedReferenceStack } from '../start-reference-stack.js';
import { BOOK_CONTROLLER_ANALYSIS, PANDAS_LOADER } from '../testing/fixtures.js';

/** The suites talk to the stack through @rag-validate/clients: both contract profiles must work end to end. */
describe('rag-server through RagApiClient (both contract profiles)', () => {
  let stack: StartedReferenceStack;
  beforeAll(async () => {
    stack = await startReferenceStack({ mode: 'in-process', logLevel: 'silent', llm: { ttftMs: 0, tokensPerSecond: 0 } });
  });
  afterAll(() => stack?.stop());

  it('is detected as the Task-06 contract and runs its whole workflow', async () => {
    const client = new RagApiClient({ baseUrl: stack.urls.rag });
    expect(await client.contract()).toBe('codev-task06');
    expect((await client.health()).ok).toBe(true);
    expect((await client.readyz()).ok).toBe(true);
    const indexed = await client.indexFile({ filePath: 'etl/sales.py', content: PANDAS_LOADER, language: 'python' });
    expect(indexed.chunksCount).toBe(4);
    const json = await client.indexJson(BOOK_CONTROLLER_ANALYSIS as never);
    expect(json.chunksCount).toBe(13);
    const chunks = await client.listChunks({ filePath: 'etl/sales.py' });
    expect(chunks.total).toBe(4);
    const found = await client.search({ query: 'pandas DataFrame', limit: 3 });
    expect(found.contract).toBe('codev-task06');
    expect(found.hits[0]?.filePath).toBe('etl/sales.py');
    const generated = await client.generate({ query: 'CSV 파일을 읽는 함수', language: 'python' });
    expect(generated.code).toContain('read_csv');
    expect(generated.contextsUsed[0]?.filePath).toBe('etl/sales.py');
    expect((await client.languages()).map((l) => l.code)).toContain('go');
    await client.createTemplate({ name: 'client_template', category: 'user', language: 'python', template: 'Hi {{ name }}' } as never);
    expect((await client.renderPrompt({ templateName: 'client_template', parameters: { name: 'x' } })).renderedPrompt).toBe('Hi x');
  });

  it('runs the HEAD workflow when the client is set to codev-head', async () => {
    const client = new RagApiClient({ baseUrl: stack.urls.rag, contract: 'codev-head', collection: 'head_collection', bm25Index: 'head_bm25' });
    const indexed = await client.indexFile({ filePath: 'etl/loader.py', content: PANDAS_LOADER, language: 'python' });
    expect(indexed.chunksCount).toBe(1);
    for (const method of ['vector', 'bm25', 'hybrid'] as const) {
      const result = await client.search({ query: 'pandas read_csv DataFrame', limit: 5, method });
      expect(result.contract).toBe('codev-head');
      expect(result.hits[0]?.filePath, method).toBe('etl/loader.py');
    }
  });
});
