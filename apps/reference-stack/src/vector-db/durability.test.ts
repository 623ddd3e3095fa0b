import { HttpStatusError, VectorDbClient } from '@rag-validate/clients';
import { describe, expect, it } from 'vitest';
import type { DefectName } from '../defects.js';
import { startReferenceStack } from '../start-reference-stack.js';
import { PANDAS_LOADER } from '../testing/fixtures.js';
import { httpCall } from '../testing/http-call.js';

const POINTS = 300;
const DIM = 8;

function vectorOf(i: number): number[] {
  return Array.from({ length: DIM }, (_, d) => Math.sin(i * 7 + d * 3) + (d === i % DIM ? 2 : 0));
}

describe.each([
  { defects: [] as DefectName[], survives: true },
  { defects: ['in-memory-vector-db'] as DefectName[], survives: false },
])('vector-db durability across kill -9 (defects: $defects)', { timeout: 180_000 }, ({ defects, survives }) => {
  it(survives ? 'keeps every acknowledged upsert, and the rag-server\'s chunks' : 'loses everything on restart (the defect is detectable)', async () => {
    await using stack = await startReferenceStack({ mode: 'process', logLevel: 'warn', defects, llm: { ttftMs: 0, tokensPerSecond: 0 } });
    const db = new VectorDbClient({ baseUrl: stack.urls.vectorDb, maxRetries: 0 });
    await db.createCollection('durable', { size: DIM, distance: 'Cosine' });
    for (let start = 0; start < POINTS; start += 50) {
      const batch = Array.from({ length: 50 }, (_, k) => start + k).map((i) => ({ id: i + 1, vector: vectorOf(i), payload: { text: `point ${i}`, n: i } }));
      await db.upsertPoints('durable', batch, { wait: true });
    }
    const indexed = await httpCall(stack.urls.rag, 'POST', '/api/v1/indexing/file', { json: { file_path: 'sales.py', content: PANDAS_LOADER } });
    expect(indexed.status).toBe(200);
    const chunksBefore = ((await httpCall(stack.urls.rag, 'GET', '/api/v1/indexing/chunks')).json as { total: number }).total;
    expect(await db.count('durable')).toBe(POINTS);
    const probe = await db.search('durable', { vector: vectorOf(123), limit: 1 });
    expect(probe[0]?.payload).toEqual({ text: 'point 123', n: 123 });

    await stack.services.vectorDb.kill('SIGKILL');
    await stack.services.vectorDb.start();

    if (survives) {
      expect(await db.count('durable')).toBe(POINTS);
      const all = await db.scrollAll('durable');
      expect(all.map((p) => p.payload['text']).sort()).toEqual(Array.from({ length: POINTS }, (_, i) => `point ${i}`).sort());
      const again = await db.search('durable', { vector: vectorOf(123), limit: 1 });
      expect(again[0]).toEqual({ id: 124, score: probe[0]?.score, payload: { text: 'point 123', n: 123 } });
      const chunksAfter = (await httpCall(stack.urls.rag, 'GET', '/api/v1/indexing/chunks')).json as { total: number };
      expect(chunksAfter.total).toBe(chunksBefore);
      const search = (await httpCall(stack.urls.rag, 'POST', '/api/v1/search/', { json: { query: 'pandas DataFrame', limit: 3 } })).json as { results: Array<{ file_path: string }> };
      expect(search.results[0]?.file_path).toBe('sales.py');
    } else {
      const lost = await db.count('durable').catch((error: unknown) => error);
      expect(lost).toBeInstanceOf(HttpStatusError);
      expect((lost as HttpStatusError).statusCode).toBe(404);
      const chunksAfter = (await httpCall(stack.urls.rag, 'GET', '/api/v1/indexing/chunks')).json as { total: number };
      expect(chunksAfter.total).toBe(0);
    }
  });
});
