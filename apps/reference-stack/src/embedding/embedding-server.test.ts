import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DefectSet } from '../defects.js';
import { httpCall } from '../testing/http-call.js';
import { createEmbeddingServer, DEFAULT_EMBEDDING_MODEL } from './embedding-server.js';

function norm(v: number[]): number {
  return Math.sqrt(v.reduce((s, x) => s + x * x, 0));
}

describe('embedding-server contract (real server on a free port)', () => {
  const service = createEmbeddingServer({ logLevel: 'silent', defects: new DefectSet() });
  let base = '';
  beforeAll(async () => {
    const port = await service.listen('127.0.0.1', 0);
    base = `http://127.0.0.1:${port}`;
  });
  afterAll(() => service.close());

  it('GET /health has the contract shape', async () => {
    const res = await httpCall(base, 'GET', '/health');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ status: 'healthy', service: 'embedding-server', model: DEFAULT_EMBEDDING_MODEL });
    const sub = await httpCall(base, 'GET', '/embedding/health');
    expect(sub.json).toEqual({ status: 'healthy', service: 'embedding-server' });
  });

  it('POST /embedding/embed echoes the text and returns a 384-dim unit vector', async () => {
    const res = await httpCall(base, 'POST', '/embedding/embed', { json: { text: 'def read_csv(path): return pandas.read_csv(path)' } });
    expect(res.status).toBe(200);
    const body = res.json as { text: string; embedding: number[]; model: string };
    expect(body.text).toBe('def read_csv(path): return pandas.read_csv(path)');
    expect(body.model).toBe(DEFAULT_EMBEDDING_MODEL);
    expect(body.embedding).toHaveLength(384);
    expect(norm(body.embedding)).toBeCloseTo(1, 6);
  });

  it('accepts an empty text (the contract does) and still answers a unit vector', async () => {
    const res = await httpCall(base, 'POST', '/embedding/embed', { json: { text: '' } });
    expect(res.status).toBe(200);
    expect(norm((res.json as { embedding: number[] }).embedding)).toBeCloseTo(1, 6);
  });

  it('POST /embedding/embed/bulk keeps input order and counts', async () => {
    const texts = ['alpha beta', '파일을 읽는 함수', 'class BookController'];
    const res = await httpCall(base, 'POST', '/embedding/embed/bulk', { json: { texts } });
    expect(res.status).toBe(200);
    const body = res.json as { embeddings: Array<{ text: string; embedding: number[]; model: string }>; count: number };
    expect(body.count).toBe(3);
    expect(body.embeddings.map((e) => e.text)).toEqual(texts);
    const single = await httpCall(base, 'POST', '/embedding/embed', { json: { text: texts[1] } });
    expect(body.embeddings[1]?.embedding).toEqual((single.json as { embedding: number[] }).embedding);
  });

  it('rejects an empty bulk list with 400 JSON, not 500', async () => {
    const res = await httpCall(base, 'POST', '/embedding/embed/bulk', { json: { texts: [] } });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ detail: expect.stringContaining('empty') });
  });

  it('answers bad input with pydantic-style 422 lists', async () => {
    const missing = await httpCall(base, 'POST', '/embedding/embed', { json: {} });
    expect(missing.status).toBe(422);
    expect(missing.json).toEqual({ detail: [{ type: 'missing', loc: ['body', 'text'], msg: 'Field required', input: {} }] });
    const wrongType = await httpCall(base, 'POST', '/embedding/embed', { json: { text: 5 } });
    expect(wrongType.status).toBe(422);
    expect(wrongType.json).toEqual({ detail: [{ type: 'string_type', loc: ['body', 'text'], msg: 'Input should be a valid string', input: 5 }] });
    const badJson = await httpCall(base, 'POST', '/embedding/embed', { body: '{"text": ', headers: { 'content-type': 'application/json' } });
    expect(badJson.status).toBe(422);
    expect((badJson.json as { detail: Array<{ type: string }> }).detail[0]?.type).toBe('json_invalid');
    const noBody = await httpCall(base, 'POST', '/embedding/embed', { body: '', headers: { 'content-type': 'application/json' } });
    expect(noBody.status).toBe(422);
  });

  it('answers 415 for a non-JSON content type, 404 and 405 in FastAPI form', async () => {
    const text = await httpCall(base, 'POST', '/embedding/embed', { body: 'text=hi', headers: { 'content-type': 'text/plain' } });
    expect(text.status).toBe(415);
    expect(text.json).toEqual({ detail: expect.stringContaining('Unsupported Media Type') });
    const notFound = await httpCall(base, 'GET', '/nope');
    expect(notFound.status).toBe(404);
    expect(notFound.json).toEqual({ detail: 'Not Found' });
    const wrongMethod = await httpCall(base, 'GET', '/embedding/embed');
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.json).toEqual({ detail: 'Method Not Allowed' });
    expect(wrongMethod.headers['allow']).toBe('POST');
  });

  it('answers 413 JSON for a body over the 2 MiB limit', async () => {
    const huge = JSON.stringify({ text: 'x'.repeat(2 * 1024 * 1024 + 1) });
    const res = await httpCall(base, 'POST', '/embedding/embed', { body: huge, headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(413);
    expect(res.json).toEqual({ detail: expect.stringContaining('too large') });
  });

  it('serves /openapi.json listing every route and a /docs page', async () => {
    const doc = (await httpCall(base, 'GET', '/openapi.json')).json as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toMatch(/^3\./);
    for (const route of service.routes().filter((r) => !r.hidden)) {
      expect(doc.paths[route.template]?.[route.method.toLowerCase()], `${route.method} ${route.template}`).toBeDefined();
    }
    const docs = await httpCall(base, 'GET', '/docs');
    expect(docs.status).toBe(200);
    expect(docs.headers['content-type']).toMatch(/text\/html/);
    expect(docs.text).toContain('/openapi.json');
  });

  it('exposes the contract HTTP metrics with route templates', async () => {
    await httpCall(base, 'GET', '/health');
    const res = await httpCall(base, 'GET', '/metrics');
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/http_request_duration_seconds_bucket\{le="0.005",method="GET",route="\/health",status_code="200"\}/);
    expect(res.text).toContain('http_requests_in_flight');
    expect(res.text).toContain('process_cpu_seconds_total');
    expect(res.text).not.toContain('nodejs_active_handles_total');
    expect(res.text).not.toMatch(/service="/);
  });
});
