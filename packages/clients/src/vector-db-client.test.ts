import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpStatusError } from './core/errors.js';
import { fakeQdrant } from './testing/codev-fakes.js';
import { startTestServer, type TestServer } from './testing/test-server.js';
import { VectorDbClient } from './vector-db-client.js';

let server: TestServer;
let client: VectorDbClient;
beforeAll(async () => {
  server = await startTestServer(fakeQdrant());
  client = new VectorDbClient({ baseUrl: server.url });
});
afterAll(() => server.close());

describe('VectorDbClient against a server that answers like Qdrant 1.7', () => {
  it('probes /healthz and /readyz as text/plain; Qdrant has no /health', async () => {
    expect(await client.healthz()).toMatchObject({ ok: true, status: 200, body: 'healthz check passed' });
    expect(await client.readyz()).toMatchObject({ ok: true, body: 'all shards are ready' });
    const wrong = await client.http.send({ method: 'GET', path: '/health' });
    expect(wrong.status).toBe(404);
  });

  it('tells a missing collection from an error, creates it and reads its config', async () => {
    expect(await client.collectionExists('code_chunks')).toBe(false);
    const missing = await client.getCollection('code_chunks').catch((e: unknown) => e);
    expect((missing as HttpStatusError).statusCode).toBe(404);
    expect((missing as HttpStatusError).message).toContain("doesn't exist");
    await client.createCollection('code_chunks', { size: 384, distance: 'Cosine' });
    expect(await client.getCollection('code_chunks')).toMatchObject({ status: 'green', vectorSize: 384, distance: 'Cosine', pointsCount: 0 });
    expect(await client.listCollections()).toEqual(['code_chunks']);
  });

  it('upserts with wait=true, counts exactly, scrolls every page and searches', async () => {
    const points = Array.from({ length: 7 }, (_, i) => ({ id: `p${i}`, vector: [i === 0 ? 1 : 0, i === 0 ? 0 : 1], payload: { n: i } }));
    await client.upsertPoints('code_chunks', points);
    expect(server.requests.at(-1)?.url).toBe('/collections/code_chunks/points?wait=true');
    expect(await client.count('code_chunks')).toBe(7);
    const all = await client.scrollAll('code_chunks', { pageSize: 3 });
    expect(all.map((p) => p.id).sort()).toEqual(points.map((p) => p.id).sort());
    const hits = await client.search('code_chunks', { vector: [1, 0], limit: 2 });
    expect(hits[0]).toMatchObject({ id: 'p0', payload: { n: 0 } });
    expect(hits).toHaveLength(2);
  });
});
