import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DefectSet } from '../defects.js';
import { httpCall } from '../testing/http-call.js';
import { PYTHON3_AVAILABLE, pythonParseError } from '../testing/real-syntax.js';
import { buildRagUserPrompt } from '../text/rag-prompt.js';
import { createLlmServer } from './llm-server.js';

const CHAT = {
  model: 'gpt-4o-mini',
  messages: [
    { role: 'system', content: 'You are an expert python developer.' },
    { role: 'user', content: buildRagUserPrompt({ language: 'python', request: 'CSV 파일을 읽는 함수', contexts: [{ filePath: 'loader.py', language: 'python', code: 'import pandas as pd\n\ndef load(p):\n    return pd.read_csv(p)\n' }], includeTests: false }) },
  ],
  max_tokens: 2000,
  temperature: 0.1,
};

function sseEvents(text: string): unknown[] {
  return text
    .split('\n\n')
    .filter((block) => block.startsWith('data: '))
    .map((block) => block.slice(6))
    .map((data) => (data === '[DONE]' ? '[DONE]' : (JSON.parse(data) as unknown)));
}

describe('llm-server OpenAI-compatible contract (real server, fast mode)', () => {
  const service = createLlmServer({ logLevel: 'silent', defects: new DefectSet(), ttftMs: 0, tokensPerSecond: 0 });
  let base = '';
  beforeAll(async () => {
    base = `http://127.0.0.1:${await service.listen('127.0.0.1', 0)}`;
  });
  afterAll(() => service.close());

  it('GET /health and /v1/models have the contract shapes', async () => {
    expect((await httpCall(base, 'GET', '/health')).json).toEqual({ status: 'healthy', service: 'llm-server' });
    const models = await httpCall(base, 'GET', '/v1/models');
    expect(models.json).toEqual({ object: 'list', data: expect.arrayContaining([{ id: 'gpt-4o-mini', object: 'model', created: expect.any(Number), owned_by: 'rag-validate' }]) });
  });

  it('answers a chat completion with choices, usage and parseable Python', async () => {
    const res = await httpCall(base, 'POST', '/v1/chat/completions', { json: CHAT });
    expect(res.status).toBe(200);
    const body = res.json as { id: string; object: string; model: string; choices: Array<{ index: number; message: { role: string; content: string }; finish_reason: string }>; usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number } };
    expect(body.object).toBe('chat.completion');
    expect(body.id).toMatch(/^chatcmpl-/);
    expect(body.model).toBe('gpt-4o-mini');
    expect(body.choices[0]?.message.role).toBe('assistant');
    expect(body.choices[0]?.finish_reason).toBe('stop');
    const code = body.choices[0]?.message.content ?? '';
    expect(code).toContain('pd.read_csv');
    if (PYTHON3_AVAILABLE) expect(pythonParseError(code)).toBeUndefined();
    expect(body.usage.completion_tokens).toBeGreaterThan(10);
    expect(body.usage.total_tokens).toBe(body.usage.prompt_tokens + body.usage.completion_tokens);
  });

  it('streams SSE chunks that add up to the same answer, with usage and [DONE]', async () => {
    const plain = (await httpCall(base, 'POST', '/v1/chat/completions', { json: CHAT })).json as { choices: Array<{ message: { content: string } }>; usage: unknown };
    const res = await httpCall(base, 'POST', '/v1/chat/completions', { json: { ...CHAT, stream: true, stream_options: { include_usage: true } } });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
    const events = sseEvents(res.text);
    expect(events.at(-1)).toBe('[DONE]');
    const chunks = events.slice(0, -1) as Array<{ object: string; choices: Array<{ delta: { content?: string; role?: string }; finish_reason: string | null }>; usage: unknown }>;
    expect(chunks.every((c) => c.object === 'chat.completion.chunk')).toBe(true);
    expect(chunks[0]?.choices[0]?.delta.role).toBe('assistant');
    const content = chunks.flatMap((c) => c.choices.map((ch) => ch.delta.content ?? '')).join('');
    expect(content).toBe(plain.choices[0]?.message.content);
    expect(chunks.some((c) => c.choices[0]?.finish_reason === 'stop')).toBe(true);
    const last = chunks.at(-1);
    expect(last?.choices).toEqual([]);
    expect(last?.usage).toEqual(plain.usage);
  });

  it('honours max_tokens (finish_reason length) and stop', async () => {
    const short = (await httpCall(base, 'POST', '/v1/chat/completions', { json: { ...CHAT, max_tokens: 5 } })).json as { choices: Array<{ finish_reason: string }>; usage: { completion_tokens: number } };
    expect(short.choices[0]?.finish_reason).toBe('length');
    expect(short.usage.completion_tokens).toBe(5);
    const stopped = (await httpCall(base, 'POST', '/v1/chat/completions', { json: { ...CHAT, stop: 'import' } })).json as { choices: Array<{ message: { content: string } }> };
    expect(stopped.choices[0]?.message.content).not.toContain('import');
  });

  it('rejects invalid requests with 422 lists', async () => {
    const noMessages = await httpCall(base, 'POST', '/v1/chat/completions', { json: { model: 'x' } });
    expect(noMessages.status).toBe(422);
    expect(noMessages.json).toMatchObject({ detail: [{ type: 'missing', loc: ['body', 'messages'] }] });
    const badRole = await httpCall(base, 'POST', '/v1/chat/completions', { json: { messages: [{ role: 'tool', content: 'x' }] } });
    expect(badRole.status).toBe(422);
    expect(badRole.json).toMatchObject({ detail: [{ type: 'enum', loc: ['body', 'messages', 0, 'role'] }] });
    const empty = await httpCall(base, 'POST', '/v1/chat/completions', { json: { messages: [] } });
    expect(empty.status).toBe(422);
    const zeroTokens = await httpCall(base, 'POST', '/v1/chat/completions', { json: { ...CHAT, max_tokens: 0 } });
    expect(zeroTokens.status).toBe(422);
    const absurdTokens = await httpCall(base, 'POST', '/v1/chat/completions', { json: { ...CHAT, max_tokens: 10_000_000 } });
    expect(absurdTokens.status).toBe(422);
    expect(absurdTokens.json).toMatchObject({ detail: [{ loc: ['body', 'max_tokens'] }] });
    const huge = JSON.stringify({ messages: [{ role: 'user', content: 'x'.repeat(4 * 1024 * 1024) }] });
    const tooLarge = await httpCall(base, 'POST', '/v1/chat/completions', { body: huge, headers: { 'content-type': 'application/json' } });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.json).toEqual({ detail: expect.stringContaining('too large') });
  });

  it('counts generated tokens and time to first token in /metrics', async () => {
    const text = (await httpCall(base, 'GET', '/metrics')).text;
    expect(text).toMatch(/^llm_generated_tokens_total\{model="gpt-4o-mini"\} \d+$/m);
    expect(text).toMatch(/^llm_time_to_first_token_seconds_count\{model="gpt-4o-mini"\} \d+$/m);
  });
});

describe('llm-server pacing', () => {
  it('delays the first token by ttftMs and then streams at tokensPerSecond', async () => {
    const service = createLlmServer({ logLevel: 'silent', defects: new DefectSet(), ttftMs: 200, tokensPerSecond: 100 });
    const base = `http://127.0.0.1:${await service.listen('127.0.0.1', 0)}`;
    try {
      const res = await httpCall(base, 'POST', '/v1/chat/completions', { json: { ...CHAT, max_tokens: 21 } });
      // 200 ms to the first token + 20 more tokens at 100/s = at least 400 ms; no upper bound (busy machine).
      expect(res.elapsedMs).toBeGreaterThanOrEqual(390);
    } finally {
      await service.close();
    }
  });
});
