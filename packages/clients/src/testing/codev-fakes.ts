import type { ServerResponse } from 'node:http';
import { sendJson, type TestHandler } from './test-server.js';

/**
 * Handlers that answer as the real codev services do (shared/contract/codev-rag-server.md), quirks
 * included. They are test doubles of the *real* system, used to prove the clients cope with it; the
 * reference stack is the real implementation rag-validate ships.
 */

/** FastAPI + pydantic v2 (embedding, llm, rag@Task-06) 422 body for a missing field. */
export function pydanticV2Missing(field: string, input: unknown): unknown {
  return { detail: [{ type: 'missing', loc: ['body', field], msg: 'Field required', input, url: 'https://errors.pydantic.dev/2.5/v/missing' }] };
}

/** FastAPI + pydantic v1 (rag@HEAD) 422 body for a missing field. */
export function pydanticV1Missing(field: string): unknown {
  return { detail: [{ loc: ['body', field], msg: 'field required', type: 'value_error.missing' }] };
}

function unitVector(seed: number, size = 384): number[] {
  const raw = Array.from({ length: size }, (_, i) => Math.sin(seed * 7.13 + i * 0.37));
  const norm = Math.hypot(...raw);
  return raw.map((v) => v / norm);
}

/** The embedding-server (both commits): `/embedding/embed` echo + 384 floats; empty bulk list → 500 (the real bug). */
export const fakeEmbeddingServer: TestHandler = (req, res) => {
  const body = parseBody(req.body);
  if (req.method === 'GET' && req.url === '/health') return sendJson(res, 200, { status: 'healthy', service: 'embedding-server', model: 'sentence-transformers/all-MiniLM-L6-v2' });
  if (req.method === 'POST' && req.url === '/embedding/embed') {
    if (typeof body?.['text'] !== 'string') return sendJson(res, 422, pydanticV2Missing('text', body));
    return sendJson(res, 200, { text: body['text'], embedding: unitVector(body['text'].length), model: 'sentence-transformers/all-MiniLM-L6-v2' });
  }
  if (req.method === 'POST' && req.url === '/embedding/embed/bulk') {
    const texts = body?.['texts'];
    if (!Array.isArray(texts)) return sendJson(res, 422, pydanticV2Missing('texts', body));
    if (texts.length === 0) return sendJson(res, 500, { detail: '벌크 임베딩 생성 실패: 400: 텍스트 리스트가 비어있습니다' });
    const embeddings = texts.map((t: unknown) => ({ text: String(t), embedding: unitVector(String(t).length), model: 'sentence-transformers/all-MiniLM-L6-v2' }));
    return sendJson(res, 200, { embeddings, count: embeddings.length });
  }
  return sendJson(res, 404, { detail: 'Not Found' });
};

/** The llm-server: OpenAI chat shape with usage; `/health` without `model`; streaming as SSE. */
export function fakeLlmServer(options: { tokens?: readonly string[]; tokenDelayMs?: number; endWithDone?: boolean } = {}): TestHandler {
  const { tokens = ['def ', 'read_csv', '(path):', '\n    return 1'], tokenDelayMs = 5, endWithDone = true } = options;
  return async (req, res) => {
    if (req.method === 'GET' && req.url === '/health') return sendJson(res, 200, { status: 'healthy', service: 'llm-server' });
    if (req.method === 'GET' && req.url === '/v1/models') {
      return sendJson(res, 200, { object: 'list', data: [{ id: 'gpt-4o-mini', object: 'model', created: 1234567890, owned_by: 'openai' }] });
    }
    if (req.method === 'POST' && req.url === '/v1/chat/completions') {
      const body = parseBody(req.body);
      if (!Array.isArray(body?.['messages'])) return sendJson(res, 422, pydanticV2Missing('messages', body));
      const usage = { prompt_tokens: 12, completion_tokens: tokens.length, total_tokens: 12 + tokens.length };
      if (body['stream'] !== true) {
        return sendJson(res, 200, {
          id: 'chatcmpl-1',
          object: 'chat.completion',
          created: 1,
          model: 'gpt-4o-mini-2024-07-18',
          choices: [{ index: 0, message: { role: 'assistant', content: tokens.join('') }, finish_reason: 'stop' }],
          usage,
        });
      }
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      for (const token of tokens) {
        await new Promise((resolve) => setTimeout(resolve, tokenDelayMs));
        res.write(`data: ${JSON.stringify({ id: 'chatcmpl-1', model: 'gpt-4o-mini-2024-07-18', choices: [{ index: 0, delta: { content: token }, finish_reason: null }] })}\n\n`);
      }
      res.write(`data: ${JSON.stringify({ id: 'chatcmpl-1', model: 'gpt-4o-mini-2024-07-18', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }], usage })}\n\n`);
      if (endWithDone) res.write('data: [DONE]\n\n');
      res.end();
      return;
    }
    return sendJson(res, 404, { detail: 'Not Found' });
  };
}

/** Qdrant 1.7: `/health` is 404, `/healthz` text/plain, collection info with points_count, error envelope. */
export function fakeQdrant(): TestHandler {
  const points = new Map<string, { id: string | number; vector: number[]; payload: Record<string, unknown> }>();
  let collection: { size: number; distance: string } | undefined;
  return (req, res) => {
    const body = parseBody(req.body);
    const url = new URL(req.url ?? '/', 'http://x');
    const ok = (result: unknown) => sendJson(res, 200, { result, status: 'ok', time: 0.0001 });
    if (req.method === 'GET' && (url.pathname === '/healthz' || url.pathname === '/livez')) return text(res, 200, 'healthz check passed');
    if (req.method === 'GET' && url.pathname === '/readyz') return text(res, 200, 'all shards are ready');
    if (req.method === 'GET' && url.pathname === '/collections') return ok({ collections: collection ? [{ name: 'code_chunks' }] : [] });
    const match = /^\/collections\/([^/]+)(\/.*)?$/.exec(url.pathname);
    if (!match) return sendJson(res, 404, { status: { error: 'Not found' }, time: 0 });
    const rest = match[2] ?? '';
    if (req.method === 'PUT' && rest === '') {
      const vectors = body?.['vectors'] as { size: number; distance: string };
      collection = vectors;
      return ok(true);
    }
    if (!collection) return sendJson(res, 404, { status: { error: `Not found: Collection \`${match[1]}\` doesn't exist!` }, time: 0 });
    if (req.method === 'GET' && rest === '') {
      return ok({ status: 'green', optimizer_status: 'ok', vectors_count: points.size, points_count: points.size, segments_count: 1, config: { params: { vectors: collection } }, payload_schema: {} });
    }
    if (req.method === 'PUT' && rest === '/points') {
      for (const p of (body?.['points'] ?? []) as Array<{ id: string | number; vector: number[]; payload?: Record<string, unknown> }>) points.set(String(p.id), { id: p.id, vector: p.vector, payload: p.payload ?? {} });
      return ok({ operation_id: 1, status: 'completed' });
    }
    if (req.method === 'POST' && rest === '/points/count') return ok({ count: points.size });
    if (req.method === 'POST' && rest === '/points/scroll') {
      const all = [...points.values()].sort((a, b) => String(a.id).localeCompare(String(b.id)));
      const start = body?.['offset'] === undefined ? 0 : all.findIndex((p) => String(p.id) === String(body['offset']));
      const limit = Number(body?.['limit'] ?? 10);
      const page = all.slice(start, start + limit);
      return ok({ points: page.map((p) => ({ id: p.id, payload: p.payload })), next_page_offset: all[start + limit]?.id ?? null });
    }
    if (req.method === 'POST' && rest === '/points/search') {
      const vector = body?.['vector'] as number[];
      const scored = [...points.values()].map((p) => ({ id: p.id, version: 0, score: p.vector.reduce((s, v, i) => s + v * (vector[i] ?? 0), 0), payload: p.payload }));
      scored.sort((a, b) => b.score - a.score);
      return ok(scored.slice(0, Number(body?.['limit'] ?? 10)));
    }
    return sendJson(res, 404, { status: { error: 'Not found' }, time: 0 });
  };
}

/** The rag-server at HEAD: `POST /api/v1/search/` gives 307 to the no-slash URL, which gives 405. */
export const fakeHeadRagServer: TestHandler = (req, res) => {
  const body = parseBody(req.body);
  if (req.method === 'GET' && req.url === '/openapi.json') {
    return sendJson(res, 200, { openapi: '3.1.0', paths: { '/health': {}, '/api/v1/search/vector': {}, '/api/v1/search/bm25': {}, '/api/v1/search/hybrid': {}, '/api/v1/generate/': {} } });
  }
  if (req.method === 'POST' && req.url === '/api/v1/search/') {
    res.writeHead(307, { location: `http://${req.headers.host ?? 'localhost'}/api/v1/search` });
    return void res.end();
  }
  if (req.method === 'POST' && req.url === '/api/v1/search') return sendJson(res, 405, { detail: 'Method Not Allowed' }, { allow: 'GET, PUT, DELETE' });
  if (req.method === 'POST' && req.url === '/api/v1/search/hybrid') {
    if (typeof body?.['query'] !== 'string') return sendJson(res, 422, pydanticV1Missing('query'));
    if (body['query'] === '') return sendJson(res, 422, { detail: [{ loc: ['body', 'query'], msg: 'ensure this value has at least 1 characters', type: 'value_error.any_str.min_length', ctx: { limit_value: 1 } }] });
    return sendJson(res, 200, {
      success: true,
      results: [{ content: 'def read_csv(path): ...', score: 0.0325, metadata: { file_path: 'src/io.py', language: 'python' }, document_id: '5f0e…' }],
      total_results: 1,
      search_time_ms: 12.5,
      vector_results_count: 1,
      bm25_results_count: 1,
      fusion_method: 'rrf',
      weights_used: { vector_weight: 0.7, bm25_weight: 0.3 },
      error: null,
    });
  }
  return sendJson(res, 404, { detail: 'Not Found' });
};

/** The rag-server at Task 06: flat hybrid results; 422 in pydantic v2 form; unhandled errors as text/plain 500. */
export const fakeTask06RagServer: TestHandler = (req, res) => {
  const body = parseBody(req.body);
  if (req.method === 'GET' && req.url === '/openapi.json') {
    return sendJson(res, 200, { openapi: '3.1.0', paths: { '/health': {}, '/api/v1/search/': {}, '/api/v1/indexing/file': {}, '/api/v1/generate/': {} } });
  }
  if (req.method === 'GET' && req.url === '/health') return sendJson(res, 200, { status: 'healthy', service: 'rag-server', timestamp: '2025-06-13T00:44:40.123456' });
  if (req.method === 'POST' && req.url === '/api/v1/search/') {
    if (typeof body?.['query'] !== 'string') return sendJson(res, 422, pydanticV2Missing('query', body));
    return sendJson(res, 200, {
      query: body['query'],
      results: [
        {
          id: '0b6f2b9e-3c1c-4f7e-9d59-2b8c1f3e1a11',
          file_path: '/test-codebase/io.py',
          function_name: null,
          code_content: 'def read_csv(path):\n    return pandas.read_csv(path)',
          code_type: 'function',
          language: 'python',
          line_start: 1,
          line_end: 2,
          keywords: ['read_csv', 'pandas'],
          vector_score: 0.81,
          keyword_score: 1,
          combined_score: 0.867,
        },
      ],
      total_results: 1,
      search_time_ms: 93,
      vector_results_count: 1,
      keyword_results_count: 1,
      search_method: 'weighted',
      rrf_k: null,
    });
  }
  if (req.method === 'POST' && req.url === '/api/v1/indexing/file') {
    res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
    return void res.end('Internal Server Error');
  }
  return sendJson(res, 404, { detail: 'Not Found' });
};

function text(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(body);
}

function parseBody(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
