import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QdrantClient } from '@qdrant/js-client-rest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DefectSet } from '../defects.js';
import { createVectorDbServer, type VectorDbServer } from './vector-db-server.js';

/** The official Qdrant client (1.18) driving the reference vector-db: proof of wire compatibility. */
describe('vector-db through the official @qdrant/js-client-rest', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'refstack-qdrant-js-'));
  let server: VectorDbServer;
  let client: QdrantClient;
  beforeAll(async () => {
    server = createVectorDbServer({ logLevel: 'silent', defects: new DefectSet(), dataDir });
    const port = await server.service.listen('127.0.0.1', 0);
    client = new QdrantClient({ url: `http://127.0.0.1:${port}`, checkCompatibility: false });
  });
  afterAll(async () => {
    await server.service.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs the collection lifecycle', async () => {
    expect(await client.createCollection('js', { vectors: { size: 4, distance: 'Cosine' } })).toBe(true);
    expect((await client.collectionExists('js')).exists).toBe(true);
    expect((await client.getCollections()).collections.map((c) => c.name)).toContain('js');
    const info = await client.getCollection('js');
    expect(info.status).toBe('green');
    expect(info.points_count).toBe(0);
    expect(info.config.params.vectors).toEqual({ size: 4, distance: 'Cosine' });
  });

  it('upserts with wait, searches, queries, scrolls, counts, retrieves and deletes', async () => {
    const upsert = await client.upsert('js', {
      wait: true,
      points: [
        { id: 1, vector: [1, 0, 0, 0], payload: { lang: 'python', name: 'read_csv' } },
        { id: 2, vector: [0, 1, 0, 0], payload: { lang: 'java', name: 'BookController' } },
        { id: 'c6f2a3d4-6a57-4bb6-9f0c-9e2f6c1d8b11', vector: [0.7, 0.7, 0, 0], payload: { lang: 'python', name: 'load' } },
      ],
    });
    expect(upsert.status).toBe('completed');

    const hits = await client.search('js', { vector: [1, 0, 0, 0], limit: 2, with_payload: true });
    expect(hits.map((h) => h.id)).toEqual([1, 'c6f2a3d4-6a57-4bb6-9f0c-9e2f6c1d8b11']);
    expect(hits[0]?.payload?.['name']).toBe('read_csv');

    const queried = await client.query('js', { query: [0, 1, 0, 0], limit: 1, with_payload: true });
    expect(queried.points[0]?.id).toBe(2);

    const filtered = await client.search('js', { vector: [1, 0, 0, 0], limit: 5, filter: { must: [{ key: 'lang', match: { value: 'java' } }] } });
    expect(filtered.map((h) => h.id)).toEqual([2]);

    const page = await client.scroll('js', { limit: 2, with_payload: true });
    expect(page.points.map((p) => p.id)).toEqual([1, 2]);
    expect(page.next_page_offset).toBe('c6f2a3d4-6a57-4bb6-9f0c-9e2f6c1d8b11');

    expect((await client.count('js', { exact: true })).count).toBe(3);
    expect((await client.count('js', { filter: { must: [{ key: 'lang', match: { value: 'python' } }] } })).count).toBe(2);

    const got = await client.retrieve('js', { ids: [2], with_payload: true, with_vector: true });
    expect(got[0]?.payload).toEqual({ lang: 'java', name: 'BookController' });
    expect(got[0]?.vector).toEqual([0, 1, 0, 0]);

    await client.delete('js', { wait: true, filter: { must: [{ key: 'lang', match: { value: 'python' } }] } });
    await client.delete('js', { wait: true, points: [2] });
    expect((await client.count('js')).count).toBe(0);
  });

  it('surfaces errors as the client expects (404 for a missing collection)', async () => {
    await expect(client.getCollection('missing')).rejects.toMatchObject({ status: 404 });
    expect(await client.deleteCollection('js')).toBe(true);
  });
});
