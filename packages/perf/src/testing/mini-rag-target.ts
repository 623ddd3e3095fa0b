import type { ServerResponse } from 'node:http';
import { sendJson, startTestServer, type TestServer } from '@rag-validate/clients/testing';

export interface MiniTargetOptions {
  /** Time a search takes (ms), or a function of the call number. Default: 0. */
  readonly searchDelayMs?: number | ((n: number) => number);
  /** Time a generation takes (ms). Default: 0. */
  readonly generateDelayMs?: number;
  /** Time an indexing call takes (ms). Default: 0. */
  readonly indexDelayMs?: number;
  /** Streamed LLM answers: time to the first token and the token rate. Default: 20 ms, 200 tokens/s. */
  readonly llm?: { readonly ttftMs?: number; readonly tokensPerSecond?: number; readonly tokens?: number };
  /** Every n-th search answers 500. Default: never. */
  readonly failSearchEvery?: number;
}

export interface MiniTarget extends TestServer {
  /** Calls answered, per endpoint. */
  readonly calls: Record<'health' | 'search' | 'generate' | 'index' | 'chat', number>;
}

/**
 * A small HTTP server on a free loopback port that answers the few Task-06 endpoints the perf
 * scenarios call (health, search, generate, index, streamed chat) in the shapes the clients
 * validate, with configurable delays: a stand-in target until the reference stack is wired in.
 */
export async function startMiniTarget(options: MiniTargetOptions = {}): Promise<MiniTarget> {
  const calls = { health: 0, search: 0, generate: 0, index: 0, chat: 0 };
  const delay = (ms: number) => (ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve());
  const server = await startTestServer(async (req, res) => {
    const url = req.url ?? '/';
    const body = parse(req.body);
    if (req.method === 'GET' && url === '/health') {
      calls.health += 1;
      return sendJson(res, 200, { status: 'healthy', service: 'rag-server', timestamp: '2025-06-13T00:44:40.123456' });
    }
    if (req.method === 'GET' && url === '/openapi.json') {
      return sendJson(res, 200, { openapi: '3.1.0', paths: { '/health': {}, '/api/v1/search/': {}, '/api/v1/generate/': {}, '/api/v1/indexing/file': {} } });
    }
    if (req.method === 'POST' && url === '/api/v1/search/') {
      const n = calls.search++;
      const ms = typeof options.searchDelayMs === 'function' ? options.searchDelayMs(n) : (options.searchDelayMs ?? 0);
      await delay(ms);
      if (typeof body['query'] !== 'string') return sendJson(res, 422, { detail: [{ type: 'missing', loc: ['body', 'query'], msg: 'Field required' }] });
      if (options.failSearchEvery !== undefined && (n + 1) % options.failSearchEvery === 0) return sendJson(res, 500, { detail: '검색 중 오류가 발생했습니다' });
      return sendJson(res, 200, {
        query: body['query'],
        results: [
          {
            id: 'c0ffee00-0000-4000-8000-000000000001',
            file_path: 'src/io.py',
            function_name: 'read_csv',
            code_content: 'def read_csv(path):\n    return pandas.read_csv(path)',
            code_type: 'function',
            language: 'python',
            line_start: 1,
            line_end: 2,
            keywords: ['pandas'],
            vector_score: 0.8,
            keyword_score: 0.5,
            combined_score: 0.71,
          },
        ],
        total_results: 1,
        search_time_ms: ms,
        search_method: 'weighted',
      });
    }
    if (req.method === 'POST' && url === '/api/v1/generate/') {
      calls.generate += 1;
      await delay(options.generateDelayMs ?? 0);
      if (typeof body['query'] !== 'string') return sendJson(res, 422, { detail: [{ type: 'missing', loc: ['body', 'query'], msg: 'Field required' }] });
      return sendJson(res, 200, {
        query: body['query'],
        generated_code: 'def read_csv(path):\n    return pandas.read_csv(path)\n',
        contexts_used: [{ file_path: 'src/io.py', code_content: 'def read_csv(path): ...', relevance_score: 0.7, code_type: 'function', language: 'python' }],
        generation_time_ms: options.generateDelayMs ?? 0,
        model_used: 'gpt-4o-mini',
        language: String(body['language'] ?? 'python'),
        tokens_used: 42,
        search_results_count: 1,
      });
    }
    if (req.method === 'POST' && url === '/api/v1/indexing/file') {
      calls.index += 1;
      await delay(options.indexDelayMs ?? 0);
      if (typeof body['file_path'] !== 'string') return sendJson(res, 422, { detail: [{ type: 'missing', loc: ['body', 'file_path'], msg: 'Field required' }] });
      return sendJson(res, 200, { file_path: body['file_path'], chunks_count: 2, message: '인덱싱 성공: 2개 청크 처리', indexed_at: '2025-06-13T00:44:40' });
    }
    if (req.method === 'POST' && url === '/v1/chat/completions') {
      calls.chat += 1;
      return chat(res, body, options.llm ?? {}, delay);
    }
    return sendJson(res, 404, { detail: 'Not Found' });
  });
  return Object.assign(server, { calls });
}

async function chat(res: ServerResponse, body: Record<string, unknown>, llm: NonNullable<MiniTargetOptions['llm']>, delay: (ms: number) => Promise<unknown>): Promise<void> {
  const { ttftMs = 20, tokensPerSecond = 200, tokens = 10 } = llm;
  const words = Array.from({ length: tokens }, (_, i) => (i === 0 ? 'def' : ` t${i}`));
  const usage = { prompt_tokens: 10, completion_tokens: tokens, total_tokens: 10 + tokens };
  if (body['stream'] !== true) {
    await delay(ttftMs + (tokens * 1_000) / tokensPerSecond);
    return sendJson(res, 200, {
      id: 'chatcmpl-mini',
      object: 'chat.completion',
      created: 1,
      model: 'mini',
      choices: [{ index: 0, message: { role: 'assistant', content: words.join('') }, finish_reason: 'stop' }],
      usage,
    });
  }
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  await delay(ttftMs);
  for (const [i, word] of words.entries()) {
    if (i > 0) await delay(1_000 / tokensPerSecond);
    res.write(`data: ${JSON.stringify({ id: 'chatcmpl-mini', model: 'mini', choices: [{ index: 0, delta: { content: word }, finish_reason: null }] })}\n\n`);
  }
  res.write(`data: ${JSON.stringify({ id: 'chatcmpl-mini', model: 'mini', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }], usage })}\n\n`);
  res.end('data: [DONE]\n\n');
}

function parse(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
