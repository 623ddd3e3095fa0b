import { setTimeout as sleep } from 'node:timers/promises';
import { VectorDbClient } from '@rag-validate/clients';
import { afterEach, describe, expect, it } from 'vitest';
import { startReferenceStack, type StartedReferenceStack } from '../start-reference-stack.js';

let stack: StartedReferenceStack | undefined;
afterEach(async () => {
  await stack?.stop();
  stack = undefined;
});

async function waitForCollection(vectorDb: VectorDbClient, name: string): Promise<boolean> {
  for (let i = 0; i < 100; i += 1) {
    if (await vectorDb.collectionExists(name)) return true;
    await sleep(100);
  }
  return false;
}

describe('rag-server startup', () => {
  it('creates its collection (384-dim, Cosine, green) before anything is indexed', async () => {
    stack = await startReferenceStack({ mode: 'in-process', logLevel: 'silent' });
    const vectorDb = new VectorDbClient({ baseUrl: stack.urls.vectorDb });
    expect(await waitForCollection(vectorDb, 'code_chunks')).toBe(true);
    expect(await vectorDb.getCollection('code_chunks')).toMatchObject({ vectorSize: 384, distance: 'Cosine', status: 'green', pointsCount: 0 });
  });

  it('creates it once the vector-db comes up after the rag-server', async () => {
    stack = await startReferenceStack({ mode: 'in-process', logLevel: 'silent' });
    const vectorDb = new VectorDbClient({ baseUrl: stack.urls.vectorDb });
    expect(await waitForCollection(vectorDb, 'code_chunks')).toBe(true);
    await vectorDb.deleteCollection('code_chunks');
    await stack.services.vectorDb.stop();
    await stack.services.rag.restart(); // its first attempt fails: the vector-db is down
    await stack.services.vectorDb.start();
    expect(await waitForCollection(vectorDb, 'code_chunks')).toBe(true); // a retry created it
  });
});
