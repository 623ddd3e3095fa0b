import { afterEach, describe, expect, it } from 'vitest';
import { SchemaMismatchError } from './core/errors.js';
import { LlmClient } from './llm-client.js';
import { fakeLlmServer } from './testing/codev-fakes.js';
import { startTestServer, type TestServer } from './testing/test-server.js';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
async function llm(options?: Parameters<typeof fakeLlmServer>[0]): Promise<{ client: LlmClient; server: TestServer }> {
  const server = await startTestServer(fakeLlmServer(options));
  servers.push(server);
  return { client: new LlmClient({ baseUrl: server.url }), server };
}

describe('LlmClient', () => {
  it('returns the OpenAI chat shape normalized, with usage', async () => {
    const { client, server } = await llm();
    const result = await client.chat({ messages: [{ role: 'user', content: 'CSV reader please' }], maxTokens: 64 });
    expect(result.content).toBe('def read_csv(path):\n    return 1');
    expect(result.model).toBe('gpt-4o-mini-2024-07-18');
    expect(result.usage).toEqual({ promptTokens: 12, completionTokens: 4, totalTokens: 16 });
    expect(JSON.parse(server.requests[0]?.body ?? '{}')).toMatchObject({ model: 'gpt-4o-mini', max_tokens: 64, stream: false });
  });

  it('streams: measures time to first token and the arrival of every token', async () => {
    const { client } = await llm({ tokens: ['a', 'b', 'c', 'd'], tokenDelayMs: 20 });
    const seen: string[] = [];
    const result = await client.chatStream({ messages: [{ role: 'user', content: 'x' }] }, { onToken: (t) => seen.push(t) });
    expect(result.content).toBe('abcd');
    expect(seen).toEqual(['a', 'b', 'c', 'd']);
    expect(result.tokenTimesMs).toHaveLength(4);
    expect(result.ttftMs).toBe(result.tokenTimesMs[0]);
    expect([...result.tokenTimesMs]).toEqual([...result.tokenTimesMs].sort((a, b) => a - b));
    expect(result.totalMs).toBeGreaterThanOrEqual(result.ttftMs);
    expect(result.usage?.completionTokens).toBe(4);
    expect(result.finishReason).toBe('stop');
  });

  it('reports a stream that ends without [DONE] as a contract mismatch', async () => {
    const { client } = await llm({ endWithDone: false });
    await expect(client.chatStream({ messages: [{ role: 'user', content: 'x' }] })).rejects.toBeInstanceOf(SchemaMismatchError);
  });

  it('lists models and reads /health (the codev llm-server has no model key)', async () => {
    const { client } = await llm();
    expect(await client.models()).toEqual([{ id: 'gpt-4o-mini', ownedBy: 'openai' }]);
    expect((await client.health()).ok).toBe(true);
  });

  it('refuses an empty message list without sending it (the real proxy answers 500)', async () => {
    const { client, server } = await llm();
    await expect(client.chat({ messages: [] })).rejects.toThrow(/messages/);
    expect(server.requests).toHaveLength(0);
  });
});
