import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpStatusError} from './core/errors.js';
import { InvalidArgumentError } from './core/errors.js';
import { EmbeddingClient } from './embedding-client.js';
import { fakeEmbeddingServer } from './testing/codev-fakes.js';
import { closedPort, startTestServer, type TestServer } from './testing/test-server.js';

let server: TestServer;
let client: EmbeddingClient;
beforeAll(async () => {
  server = await startTestServer(fakeEmbeddingServer);
  client = new EmbeddingClient({ baseUrl: server.url });
});
afterAll(() => server.close());

describe('EmbeddingClient against a server that answers like the codev embedding-server', () => {
  it('embeds one text into 384 floats', async () => {
    const result = await client.embed('def read_csv(path): ...');
    expect(result.embedding).toHaveLength(384);
    expect(result.model).toBe('sentence-transformers/all-MiniLM-L6-v2');
  });

  it('keeps the input order in bulk', async () => {
    const texts = ['a', 'bb', 'ccc'];
    const result = await client.embedBulk(texts);
    expect(result.map((r) => r.text)).toEqual(texts);
  });

  it('refuses an empty bulk list before sending it (the real server answers 500)', async () => {
    const before = server.requests.length;
    await expect(client.embedBulk([])).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(server.requests.length).toBe(before);
  });

  it('surfaces a pydantic v2 422 body with its detail list', async () => {
    const error = (await client.http.request({ method: 'POST', path: '/embedding/embed', json: {} }).catch((e: unknown) => e)) as HttpStatusError;
    expect(error.statusCode).toBe(422);
    expect(error.body).toMatchObject({ detail: [{ type: 'missing', loc: ['body', 'text'], msg: 'Field required' }] });
  });

  it('reports health, and a stopped service as not ok without throwing', async () => {
    const health = await client.health();
    expect(health).toMatchObject({ ok: true, status: 200 });
    const down = await new EmbeddingClient({ baseUrl: `http://127.0.0.1:${await closedPort()}` }).health();
    expect(down.ok).toBe(false);
    expect(down.status).toBeUndefined();
    expect(down.error?.code).toBe('RV_ERR_CONNECTION');
    expect(down.detail).toContain('connection refused');
  });
});
