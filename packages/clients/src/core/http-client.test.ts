import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { closedPort, sendJson, startTestServer, type TestServer } from '../testing/test-server.js';
import { AbortedError, ConnectionError, HttpStatusError, InvalidArgumentError, ResponseTooLargeError, SchemaMismatchError, TimeoutError } from './errors.js';
import { HttpClient } from './http-client.js';
import { Http1Pool } from './http1/http1-pool.js';

const servers: TestServer[] = [];
async function serve(handler: Parameters<typeof startTestServer>[0]): Promise<TestServer> {
  const server = await startTestServer(handler);
  servers.push(server);
  return server;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe('HttpClient', () => {
  it('maps a refused connection to RV_ERR_CONNECTION with reason ECONNREFUSED', async () => {
    const client = new HttpClient({ baseUrl: `http://127.0.0.1:${await closedPort()}`, maxRetries: 0 });
    const error = await client.send({ method: 'GET', path: '/health' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).code).toBe('RV_ERR_CONNECTION');
    expect((error as ConnectionError).reason).toBe('ECONNREFUSED');
    expect((error as ConnectionError).message).toContain('connection refused');
  });

  it('gives up on a server that never answers with RV_ERR_TIMEOUT instead of hanging', async () => {
    const server = await serve(() => undefined);
    const client = new HttpClient({ baseUrl: server.url, timeoutMs: 200, maxRetries: 0 });
    const error = await client.send({ method: 'GET', path: '/slow' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).timeoutMs).toBe(200);
    expect((error as TimeoutError).url).toBe(`${server.url}/slow`);
  });

  it('gives up on a body that never ends with RV_ERR_TIMEOUT', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"status":');
    });
    const client = new HttpClient({ baseUrl: server.url, timeoutMs: 250 });
    const error = await client.request({ method: 'GET', path: '/health' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
  });

  it('stops reading a body past maxResponseBytes with RV_ERR_RESPONSE_TOO_LARGE', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const chunk = 'x'.repeat(64 * 1024);
      const pump = () => {
        while (res.write(chunk)) {
          /* keep writing until the socket pushes back */
        }
        res.once('drain', pump);
      };
      pump();
    });
    const client = new HttpClient({ baseUrl: server.url, maxResponseBytes: 1024 * 1024, timeoutMs: 10_000 });
    const error = await client.send({ method: 'GET', path: '/endless' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect((error as ResponseTooLargeError).limitBytes).toBe(1024 * 1024);
  });

  it('reports a plain-text 500 as RV_ERR_HTTP_STATUS with the status and the text', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('Internal Server Error');
    });
    const error = await new HttpClient({ baseUrl: server.url }).request({ method: 'POST', path: '/api/v1/indexing/file', json: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpStatusError);
    expect((error as HttpStatusError).statusCode).toBe(500);
    expect((error as HttpStatusError).body).toBe('Internal Server Error');
    expect((error as HttpStatusError).method).toBe('POST');
  });

  it('reports malformed JSON as RV_ERR_SCHEMA (invalid-json) and a wrong shape with the path of each issue', async () => {
    const server = await serve((req, res) => {
      if (req.url === '/bad-json') {
        res.writeHead(200, { 'content-type': 'application/json' });
        return void res.end('{"status": "healthy",');
      }
      sendJson(res, 200, { status: 42 });
    });
    const client = new HttpClient({ baseUrl: server.url });
    const schema = z.object({ status: z.string() });
    const invalid = await client.request({ method: 'GET', path: '/bad-json', schema }).catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(SchemaMismatchError);
    expect((invalid as SchemaMismatchError).reason).toBe('invalid-json');
    const shape = await client.request({ method: 'GET', path: '/shape', schema }).catch((e: unknown) => e);
    expect((shape as SchemaMismatchError).reason).toBe('shape');
    expect((shape as SchemaMismatchError).issues[0]?.path).toBe('status');
  });

  it('retries an idempotent call after a 503 and not a POST', async () => {
    let calls = 0;
    const server = await serve((_req, res) => {
      calls += 1;
      if (calls === 1) return sendJson(res, 503, { detail: 'warming up' });
      sendJson(res, 200, { ok: true });
    });
    const client = new HttpClient({ baseUrl: server.url, retryDelayMs: 1 });
    const response = await client.request({ method: 'GET', path: '/x' });
    expect(response.status).toBe(200);
    expect(calls).toBe(2);

    calls = 0;
    const error = await client.request({ method: 'POST', path: '/x', json: {} }).catch((e: unknown) => e);
    expect((error as HttpStatusError).statusCode).toBe(503);
    expect(calls).toBe(1);
  });

  it('sends the API key and never shows it in an error', async () => {
    const server = await serve((req, res) => sendJson(res, 401, { detail: `bad credentials: ${req.headers.authorization ?? ''}` }));
    const client = new HttpClient({ baseUrl: server.url, auth: { apiKey: 'sk-very-secret-key', apiKeyHeader: 'authorization', headers: {} } });
    const error = (await client.request({ method: 'GET', path: '/v1/models' }).catch((e: unknown) => e)) as HttpStatusError;
    expect(server.requests[0]?.headers.authorization).toBe('Bearer sk-very-secret-key');
    expect(error.statusCode).toBe(401);
    expect(error.message).not.toContain('sk-very-secret-key');
    expect(JSON.stringify(error)).not.toContain('sk-very-secret-key');
  });

  it('maps a connection closed mid-response to RV_ERR_CONNECTION', async () => {
    const server = await serve((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"partial":');
      setTimeout(() => req.socket.destroy(), 10);
    });
    const error = await new HttpClient({ baseUrl: server.url, maxRetries: 0 }).send({ method: 'GET', path: '/' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
  });

  it('reads the 413 of a server that refuses a 16 MB body from its Content-Length and closes, every time (expectEarlyAnswer)', async () => {
    const limit = 1024 * 1024;
    const received: number[] = [];
    // A plain node:http server (startTestServer reads every body first): it answers an oversized
    // body at once and closes the connection with the body unread (at once, not after a lingering read).
    const server = createServer((req, res) => {
      if (Number(req.headers['content-length']) > limit) {
        sendJson(res, 413, { detail: 'Request body too large' });
        res.on('finish', () => req.socket.destroy());
        return;
      }
      let bytes = 0;
      req.on('data', (chunk: Buffer) => (bytes += chunk.length));
      req.on('end', () => {
        received.push(bytes);
        sendJson(res, 200, { bytes });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const client = new HttpClient({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, timeoutMs: 10_000 });
      const huge = `{"padding":"${'x'.repeat(16 * limit)}"}`;
      const statuses = await Promise.all(Array.from({ length: 8 }, () => client.send({ method: 'POST', path: '/search', rawBody: huge, contentType: 'application/json', expectEarlyAnswer: true }).then((r) => r.status)));
      expect(statuses).toEqual(Array.from({ length: 8 }, () => 413));
      // A body the server accepts still arrives whole.
      const small = `{"padding":"${'y'.repeat(limit / 2)}"}`;
      const accepted = await client.send({ method: 'POST', path: '/search', rawBody: small, contentType: 'application/json', expectEarlyAnswer: true });
      expect(accepted.status).toBe(200);
      expect(received).toEqual([Buffer.byteLength(small)]);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it("stops when the caller's signal aborts, with RV_ERR_ABORTED", async () => {
    const server = await serve(() => undefined);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const error = await new HttpClient({ baseUrl: server.url, timeoutMs: 10_000 }).send({ method: 'GET', path: '/', signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortedError);
  });

  it('never follows redirects (the HEAD contract answers 307 then 405)', async () => {
    const server = await serve((req, res) => {
      if (req.url === '/api/v1/search/') {
        res.writeHead(307, { location: '/api/v1/search' });
        return void res.end();
      }
      sendJson(res, 405, { detail: 'Method Not Allowed' });
    });
    const response = await new HttpClient({ baseUrl: server.url }).send({ method: 'POST', path: '/api/v1/search/', json: { query: 'x' } });
    expect(response.status).toBe(307);
    expect(response.headers['location']).toBe('/api/v1/search');
  });

  it('rejects unusable options at construction', () => {
    expect(() => new HttpClient({ baseUrl: 'localhost:8000' })).toThrow(InvalidArgumentError);
    expect(() => new HttpClient({ baseUrl: 'http://x', timeoutMs: 0 })).toThrow(/timeoutMs/);
    expect(() => new HttpClient({ baseUrl: 'http://x', maxRetries: -1 })).toThrow(/maxRetries/);
  });
});

// Each prepared-call test runs on both transports: undici's dispatcher and the raw-socket Http1Pool.
const pools: Http1Pool[] = [];
afterEach(() => {
  for (const pool of pools.splice(0)) pool.destroy();
});
const TRANSPORTS = [
  { transport: 'undici dispatcher', options: (): { http1Pool?: Http1Pool } => ({}) },
  {
    transport: 'Http1Pool (raw sockets)',
    options: (): { http1Pool?: Http1Pool } => {
      const pool = new Http1Pool();
      pools.push(pool);
      return { http1Pool: pool };
    },
  },
];

describe.each(TRANSPORTS)('HttpClient.prepare over $transport', ({ options }) => {
  it('sends the same call many times, concurrently, with query, headers and credentials worked out once', async () => {
    const server = await serve((req, res) => sendJson(res, 200, { url: req.url, n: Number(req.headers['x-n'] ?? 0) }));
    const client = new HttpClient({ ...options(), baseUrl: `${server.url}/base/`, auth: { apiKey: 'sk-prep-secret', apiKeyHeader: 'authorization', headers: {} } });
    const prepared = client.prepare({ method: 'GET', path: '/health', query: { deep: true, skip: undefined }, headers: { 'x-n': '7' } });
    expect(prepared.url).toBe(`${server.url}/base/health?deep=true`);
    const responses = await Promise.all(Array.from({ length: 20 }, () => prepared.send()));
    expect(responses.map((r) => r.status)).toEqual(new Array(20).fill(200));
    expect(JSON.parse(responses[0]?.text ?? '')).toEqual({ url: '/base/health?deep=true', n: 7 });
    expect(server.requests).toHaveLength(20);
    expect(server.requests.every((r) => r.headers.authorization === 'Bearer sk-prep-secret')).toBe(true);
    expect(responses[0]?.elapsedMs).toBeGreaterThan(0);
  });

  it('sends a body per call with the prepared content type', async () => {
    const server = await serve((req, res) => sendJson(res, 201, { got: JSON.parse(req.body) as unknown, type: req.headers['content-type'] }));
    const prepared = new HttpClient({ ...options(), baseUrl: server.url }).prepare({ method: 'POST', path: '/api/v1/search/', contentType: 'application/json' });
    const response = await prepared.send({ body: JSON.stringify({ query: 'pandas DataFrame' }) });
    expect(response.status).toBe(201);
    expect(JSON.parse(response.text)).toEqual({ got: { query: 'pandas DataFrame' }, type: 'application/json' });
  });

  it('returns error statuses instead of throwing, and never retries', async () => {
    let calls = 0;
    const server = await serve((_req, res) => {
      calls += 1;
      sendJson(res, 503, { detail: 'busy' });
    });
    const response = await new HttpClient({ ...options(), baseUrl: server.url, retryDelayMs: 1 }).prepare({ method: 'GET', path: '/x' }).send();
    expect(response.status).toBe(503);
    expect(calls).toBe(1);
  });

  it('maps a refused connection to RV_ERR_CONNECTION', async () => {
    const prepared = new HttpClient({ ...options(), baseUrl: `http://127.0.0.1:${await closedPort()}` }).prepare({ method: 'GET', path: '/health' });
    const error = await prepared.send().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).reason).toBe('ECONNREFUSED');
  });

  it('gives up on an answer that does not start within the timeout with RV_ERR_TIMEOUT (headers)', async () => {
    const server = await serve(() => undefined);
    const prepared = new HttpClient({ ...options(), baseUrl: server.url }).prepare({ method: 'GET', path: '/slow', timeoutMs: 200 });
    const error = await prepared.send().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).phase).toBe('headers');
    expect((error as TimeoutError).timeoutMs).toBe(200);
  });

  it('gives up on a body that stops arriving with RV_ERR_TIMEOUT (body)', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"status":');
    });
    const error = await new HttpClient({ ...options(), baseUrl: server.url }).prepare({ method: 'GET', path: '/', timeoutMs: 200 }).send().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).phase).toBe('body');
  });

  it('stops reading past maxResponseBytes with RV_ERR_RESPONSE_TOO_LARGE', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('x'.repeat(64 * 1024));
    });
    const error = await new HttpClient({ ...options(), baseUrl: server.url, maxResponseBytes: 1024 }).prepare({ method: 'GET', path: '/' }).send().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseTooLargeError);
  });

  it("stops when the caller's signal aborts, with RV_ERR_ABORTED", async () => {
    const server = await serve(() => undefined);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const error = await new HttpClient({ ...options(), baseUrl: server.url }).prepare({ method: 'GET', path: '/' }).send({ signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortedError);
  });

  it('rejects a path without a leading slash before sending anything', () => {
    expect(() => new HttpClient({ ...options(), baseUrl: 'http://127.0.0.1:1' }).prepare({ method: 'GET', path: 'health' })).toThrow(InvalidArgumentError);
  });

  it('sendWith calls back once with the response, or with the typed error', async () => {
    const server = await serve((_req, res) => sendJson(res, 200, { status: 'healthy' }));
    const prepared = new HttpClient({ ...options(), baseUrl: server.url }).prepare({ method: 'GET', path: '/health' });
    const answered = await new Promise<unknown[]>((resolve) => prepared.sendWith((...args) => resolve(args)));
    expect(answered[0]).toBeUndefined();
    expect(answered[1]).toMatchObject({ status: 200, text: '{"status":"healthy"}' });
    const refused = new HttpClient({ ...options(), baseUrl: `http://127.0.0.1:${await closedPort()}` }).prepare({ method: 'GET', path: '/health' });
    const failed = await new Promise<unknown[]>((resolve) => refused.sendWith((...args) => resolve(args)));
    expect(failed[0]).toBeInstanceOf(ConnectionError);
    expect(failed[1]).toBeUndefined();
  });
});
