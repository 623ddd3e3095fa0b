import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DefectSet } from '../defects.js';
import { httpCall } from '../testing/http-call.js';
import { createVectorDbServer, type VectorDbServer } from './vector-db-server.js';

const UUID_A = '0b5c6f0e-3d6c-4b58-9a77-5f3f9d2f2a01';

describe('vector-db Qdrant REST contract (real server on a free port)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'refstack-vdb-'));
  let server: VectorDbServer;
  let base = '';
  beforeAll(async () => {
    server = createVectorDbServer({ logLevel: 'silent', defects: new DefectSet(), dataDir });
    base = `http://127.0.0.1:${await server.service.listen('127.0.0.1', 0)}`;
  });
  afterAll(async () => {
    await server.service.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers the probes in text/plain exactly as Qdrant, and /health with 404', async () => {
    for (const [path, text] of [['/healthz', 'healthz check passed'], ['/livez', 'healthz check passed'], ['/readyz', 'all shards are ready']] as const) {
      const res = await httpCall(base, 'GET', path);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain/);
      expect(res.text).toBe(text);
    }
    expect((await httpCall(base, 'GET', '/health')).status).toBe(404);
    const root = await httpCall(base, 'GET', '/');
    expect(root.json).toEqual({ title: 'qdrant - vector search engine', version: '1.7.0' });
  });

  it('creates, lists, describes, checks and deletes collections', async () => {
    const created = await httpCall(base, 'PUT', '/collections/c1', { json: { vectors: { size: 3, distance: 'Cosine' } } });
    expect(created.status).toBe(200);
    expect(created.json).toMatchObject({ result: true, status: 'ok', time: expect.any(Number) });
    const again = await httpCall(base, 'PUT', '/collections/c1', { json: { vectors: { size: 3, distance: 'Cosine' } } });
    expect(again.status).toBe(409);
    expect(again.json).toMatchObject({ status: { error: expect.stringContaining('already exists') } });
    const list = await httpCall(base, 'GET', '/collections');
    expect(list.json).toMatchObject({ result: { collections: [{ name: 'c1' }] } });
    const info = await httpCall(base, 'GET', '/collections/c1');
    expect(info.json).toMatchObject({ result: { status: 'green', points_count: 0, vectors_count: 0, config: { params: { vectors: { size: 3, distance: 'Cosine' } } } } });
    expect((await httpCall(base, 'GET', '/collections/c1/exists')).json).toMatchObject({ result: { exists: true } });
    expect((await httpCall(base, 'GET', '/collections/nope/exists')).json).toMatchObject({ result: { exists: false } });
    const missing = await httpCall(base, 'GET', '/collections/nope');
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual({ status: { error: 'Not found: Collection `nope` doesn\'t exist!' }, time: 0 });
    expect((await httpCall(base, 'DELETE', '/collections/c1')).json).toMatchObject({ result: true });
    expect((await httpCall(base, 'DELETE', '/collections/c1')).json).toMatchObject({ result: false });
  });

  it('upserts, searches with exact cosine, scrolls, counts, retrieves and deletes points', async () => {
    await httpCall(base, 'PUT', '/collections/pts', { json: { vectors: { size: 3, distance: 'Cosine' } } });
    const upsert = await httpCall(base, 'PUT', '/collections/pts/points?wait=true', {
      json: {
        points: [
          { id: 1, vector: [1, 0, 0], payload: { file_path: 'a.py', n: 1 } },
          { id: 2, vector: [0.9, 0.1, 0], payload: { file_path: 'a.py', n: 2 } },
          { id: UUID_A, vector: [0, 1, 0], payload: { file_path: 'b.py', n: 3 } },
          { id: 3, vector: [0, 0, 2], payload: { file_path: 'c.py', n: 4 } },
        ],
      },
    });
    expect(upsert.status).toBe(200);
    expect(upsert.json).toMatchObject({ result: { operation_id: expect.any(Number), status: 'completed' } });

    const search = await httpCall(base, 'POST', '/collections/pts/points/search', { json: { vector: [1, 0, 0], limit: 2, with_payload: true } });
    const hits = (search.json as { result: Array<{ id: number; score: number; payload: unknown; vector: unknown }> }).result;
    expect(hits.map((h) => h.id)).toEqual([1, 2]);
    expect(hits[0]?.score).toBeCloseTo(1, 6);
    expect(hits[1]?.score).toBeCloseTo(0.9 / Math.sqrt(0.82), 6);
    expect(hits[0]?.payload).toEqual({ file_path: 'a.py', n: 1 });
    expect(hits[0]?.vector).toBeNull();

    const filtered = await httpCall(base, 'POST', '/collections/pts/points/search', {
      json: { vector: [1, 0, 0], limit: 10, filter: { must: [{ key: 'file_path', match: { value: 'b.py' } }] }, with_payload: ['n'] },
    });
    expect((filtered.json as { result: Array<{ id: string; payload: unknown }> }).result).toEqual([expect.objectContaining({ id: UUID_A, payload: { n: 3 } })]);

    const page1 = await httpCall(base, 'POST', '/collections/pts/points/scroll', { json: { limit: 2 } });
    const p1 = (page1.json as { result: { points: Array<{ id: unknown }>; next_page_offset: unknown } }).result;
    expect(p1.points.map((p) => p.id)).toEqual([1, 2]);
    expect(p1.next_page_offset).toBe(3);
    const page2 = await httpCall(base, 'POST', '/collections/pts/points/scroll', { json: { limit: 2, offset: p1.next_page_offset } });
    const p2 = (page2.json as { result: { points: Array<{ id: unknown }>; next_page_offset: unknown } }).result;
    expect(p2.points.map((p) => p.id)).toEqual([3, UUID_A]);
    expect(p2.next_page_offset).toBeNull();

    const count = await httpCall(base, 'POST', '/collections/pts/points/count', { json: { exact: true, filter: { must: [{ key: 'file_path', match: { value: 'a.py' } }] } } });
    expect(count.json).toMatchObject({ result: { count: 2 } });

    const retrieved = await httpCall(base, 'POST', '/collections/pts/points', { json: { ids: [3, 99], with_vector: true } });
    const r = (retrieved.json as { result: Array<{ id: number; vector: number[] }> }).result;
    expect(r).toHaveLength(1);
    expect(r[0]?.vector).toEqual([0, 0, 1]);
    expect((await httpCall(base, 'GET', `/collections/pts/points/${UUID_A}`)).json).toMatchObject({ result: { id: UUID_A, payload: { n: 3 } } });
    expect((await httpCall(base, 'GET', '/collections/pts/points/42')).status).toBe(404);

    await httpCall(base, 'POST', '/collections/pts/points/delete?wait=true', { json: { filter: { must: [{ key: 'file_path', match: { value: 'a.py' } }] } } });
    await httpCall(base, 'POST', '/collections/pts/points/delete?wait=true', { json: { points: [3] } });
    expect((await httpCall(base, 'POST', '/collections/pts/points/count', { json: {} })).json).toMatchObject({ result: { count: 1 } });
  });

  it('answers a batch of searches like the same searches one by one', async () => {
    await httpCall(base, 'PUT', '/collections/batch', { json: { vectors: { size: 3, distance: 'Cosine' } } });
    await httpCall(base, 'PUT', '/collections/batch/points?wait=true', {
      json: { points: [1, 2, 3, 4, 5, 6].map((i) => ({ id: i, vector: [Math.cos(i), Math.sin(i), i % 2], payload: { tag: i % 2 === 0 ? 'even' : 'odd' } })) },
    });
    const searches = [
      { vector: [1, 0.2, 0], limit: 3, with_payload: true },
      { vector: [1, 0.2, 0], limit: 2, with_payload: true, filter: { must: [{ key: 'tag', match: { value: 'even' } }] } },
      { vector: [0, 1, 1], limit: 2 },
    ];
    const batch = await httpCall(base, 'POST', '/collections/batch/points/search/batch', { json: { searches } });
    expect(batch.status).toBe(200);
    const single = await Promise.all(searches.map(async (s) => ((await httpCall(base, 'POST', '/collections/batch/points/search', { json: s })).json as { result: unknown }).result));
    expect((batch.json as { result: unknown[] }).result).toEqual(single);
  });

  it('rejects bad input with Qdrant-style 4xx errors', async () => {
    await httpCall(base, 'PUT', '/collections/bad', { json: { vectors: { size: 2, distance: 'Dot' } } });
    const dim = await httpCall(base, 'PUT', '/collections/bad/points', { json: { points: [{ id: 1, vector: [1, 2, 3] }] } });
    expect(dim.status).toBe(400);
    expect(dim.json).toMatchObject({ status: { error: 'Wrong input: Vector dimension error: expected dim: 2, got 3' } });
    const badId = await httpCall(base, 'PUT', '/collections/bad/points', { json: { points: [{ id: 'abc', vector: [1, 2] }] } });
    expect(badId.status).toBe(400);
    expect(badId.json).toMatchObject({ status: { error: expect.stringContaining('not a valid point ID') } });
    const badDistance = await httpCall(base, 'PUT', '/collections/x2', { json: { vectors: { size: 2, distance: 'Hamming' } } });
    expect(badDistance.status).toBe(422);
    const missing = await httpCall(base, 'POST', '/collections/bad/points/search', { json: { limit: 1 } });
    expect(missing.status).toBe(400);
    const badFilter = await httpCall(base, 'POST', '/collections/bad/points/count', { json: { filter: { must: [{ key: 'x' }] } } });
    expect(badFilter.status).toBe(400);
    const noCollection = await httpCall(base, 'POST', '/collections/none/points/search', { json: { vector: [1, 2], limit: 1 } });
    expect(noCollection.status).toBe(404);
    const badJson = await httpCall(base, 'PUT', '/collections/bad/points', { body: '{', headers: { 'content-type': 'application/json' } });
    expect(badJson.status).toBe(400);
    expect(badJson.json).toMatchObject({ status: { error: expect.stringContaining('Format error') } });
  });

  it('exposes Qdrant metrics and the HTTP metric contract', async () => {
    const res = await httpCall(base, 'GET', '/metrics');
    expect(res.text).toMatch(/^collections_total \d+$/m);
    expect(res.text).toMatch(/^collections_vector_total \d+$/m);
    expect(res.text).toMatch(/rest_responses_total\{method="GET",endpoint="\/collections\/\{name\}",status="404"\} \d+/);
    expect(res.text).toContain('http_request_duration_seconds_bucket');
  });
});
