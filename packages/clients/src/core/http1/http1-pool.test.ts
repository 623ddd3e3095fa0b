import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer, type Socket } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sendJson, startTestServer, type TestServer } from '../../testing/test-server.js';
import { AbortedError, ConnectionError, InvalidArgumentError, TimeoutError } from '../errors.js';
import { HttpClient } from '../http-client.js';
import { Http1Pool } from './http1-pool.js';

// Every test talks to a real server on a loopback port: node:http, or a raw TCP server where the
// test needs bytes node:http would never send (garbage, interim answers, a close mid-answer).

const closers: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function httpServer(handler: Parameters<typeof startTestServer>[0]): Promise<TestServer> {
  const server = await startTestServer(handler);
  closers.push(() => server.close());
  return server;
}

interface RawServer {
  readonly url: string;
  /** Connections accepted so far. */
  connections: number;
}

/** A TCP server that answers each request with `answer(requestIndexOnThisConnection, socket)`. */
async function rawServer(answer: (index: number, socket: Socket) => void): Promise<RawServer> {
  const sockets = new Set<Socket>();
  const state = { url: '', connections: 0 };
  const server: TcpServer = createTcpServer((socket) => {
    state.connections += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let seen = '';
    let index = 0;
    socket.on('data', (chunk: Buffer) => {
      seen += chunk.toString('latin1');
      // One request per blank line (the tests send GETs and small POSTs whose body has no CRLF).
      for (let end = seen.indexOf('\r\n\r\n'); end >= 0; end = seen.indexOf('\r\n\r\n')) {
        const length = Number(/content-length: (\d+)/i.exec(seen.slice(0, end))?.[1] ?? 0);
        if (seen.length < end + 4 + length) break;
        seen = seen.slice(end + 4 + length);
        answer(index, socket);
        index += 1;
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  );
  return state;
}

function pool(options: ConstructorParameters<typeof Http1Pool>[0] = {}): Http1Pool {
  const created = new Http1Pool(options);
  closers.push(() => created.destroy());
  return created;
}

const OK_200 = 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok';

describe('Http1Pool (through HttpClient.prepare)', () => {
  it('carries calls one after another on one keep-alive connection', async () => {
    const server = await rawServer((_i, socket) => socket.write(OK_200));
    const http1Pool = pool();
    const prepared = new HttpClient({ baseUrl: server.url, http1Pool }).prepare({ method: 'GET', path: '/health' });
    for (let i = 0; i < 20; i += 1) expect((await prepared.send()).text).toBe('ok');
    expect(server.connections).toBe(1);
    expect(http1Pool.openConnections).toBe(1);
  });

  it('keeps the connections of each origin apart when calls to two servers interleave', async () => {
    const a = await rawServer((_i, socket) => socket.write('HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\na'));
    const b = await rawServer((_i, socket) => socket.write('HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nb'));
    const http1Pool = pool();
    const toA = new HttpClient({ baseUrl: a.url, http1Pool }).prepare({ method: 'GET', path: '/health' });
    const toB = new HttpClient({ baseUrl: b.url, http1Pool }).prepare({ method: 'GET', path: '/health' });
    const texts: string[] = [];
    for (let i = 0; i < 6; i += 1) texts.push((await (i % 3 === 2 ? toB : toA).send()).text);
    expect(texts.join('')).toBe('aabaab');
    expect([a.connections, b.connections, http1Pool.openConnections]).toEqual([1, 1, 2]);
  });

  it('opens at most `connections` connections per origin; calls beyond that wait their turn', async () => {
    let open = 0;
    let peak = 0;
    const server = await httpServer((_req, res) => {
      open += 1;
      peak = Math.max(peak, open);
      setTimeout(() => {
        open -= 1;
        sendJson(res, 200, { status: 'healthy' });
      }, 30);
    });
    const prepared = new HttpClient({ baseUrl: server.url, http1Pool: pool({ connections: 2 }) }).prepare({ method: 'GET', path: '/health' });
    const answers = await Promise.all(Array.from({ length: 8 }, () => prepared.send()));
    expect(answers.map((a) => a.status)).toEqual(new Array(8).fill(200));
    expect(peak).toBe(2);
  });

  it('reads a chunked body written in pieces, and a body that ends with the connection', async () => {
    const chunked = await httpServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      res.write('검색 ');
      setTimeout(() => res.end('결과'), 10);
    });
    const http1Pool = pool();
    expect((await new HttpClient({ baseUrl: chunked.url, http1Pool }).prepare({ method: 'GET', path: '/' }).send()).text).toBe('검색 결과');
    const untilClose = await rawServer((_i, socket) => socket.end('HTTP/1.1 200 OK\r\n\r\nread until close'));
    const prepared = new HttpClient({ baseUrl: untilClose.url, http1Pool }).prepare({ method: 'GET', path: '/' });
    expect((await prepared.send()).text).toBe('read until close');
    expect((await prepared.send()).text).toBe('read until close');
    expect(untilClose.connections).toBe(2);
  });

  it('skips an interim 100 Continue before the answer', async () => {
    const server = await rawServer((_i, socket) => socket.write(`HTTP/1.1 100 Continue\r\n\r\n${OK_200}`));
    const answer = await new HttpClient({ baseUrl: server.url, http1Pool: pool() }).prepare({ method: 'POST', path: '/', contentType: 'text/plain' }).send({ body: 'x' });
    expect(answer).toMatchObject({ status: 200, text: 'ok' });
  });

  it('fails a garbage answer with RV_ERR_CONNECTION (HPE_INVALID_RESPONSE) and keeps serving other calls', async () => {
    const garbage = await rawServer((_i, socket) => socket.write('SSH-2.0-OpenSSH_9.6\r\n\r\n'));
    const good = await rawServer((_i, socket) => socket.write(OK_200));
    const http1Pool = pool();
    const error = await new HttpClient({ baseUrl: garbage.url, http1Pool }).prepare({ method: 'GET', path: '/health' }).send().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).reason).toBe('HPE_INVALID_RESPONSE');
    expect((error as ConnectionError).message).toContain('not valid HTTP/1.1');
    expect((await new HttpClient({ baseUrl: good.url, http1Pool }).prepare({ method: 'GET', path: '/health' }).send()).text).toBe('ok');
  });

  it('sends a GET once more on a new connection when the server closed the reused one unanswered; a POST is not resent', async () => {
    // The second request on every connection is met with a close: a keep-alive timeout racing the send.
    const server = await rawServer((index, socket) => (index === 0 ? socket.write(OK_200) : socket.destroy()));
    const http1Pool = pool();
    const client = new HttpClient({ baseUrl: server.url, http1Pool });
    const get = client.prepare({ method: 'GET', path: '/health' });
    expect((await get.send()).text).toBe('ok');
    expect((await get.send()).text).toBe('ok');
    expect(server.connections).toBe(2);
    const post = client.prepare({ method: 'POST', path: '/index', contentType: 'application/json' });
    const error = await post.send({ body: '{}' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).reason).toBe('UND_ERR_SOCKET');
    expect(server.connections).toBe(2);
  });

  it('fails an answer cut off mid-body with RV_ERR_CONNECTION (UND_ERR_SOCKET)', async () => {
    const server = await rawServer((_i, socket) => socket.end('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly part'));
    const error = await new HttpClient({ baseUrl: server.url, http1Pool: pool() }).prepare({ method: 'GET', path: '/' }).send().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).reason).toBe('UND_ERR_SOCKET');
  });

  it('destroy() fails the calls in flight at once and refuses new ones', async () => {
    const server = await rawServer(() => undefined); // never answers
    const http1Pool = pool();
    const prepared = new HttpClient({ baseUrl: server.url, http1Pool, timeoutMs: 60_000 }).prepare({ method: 'GET', path: '/' });
    const inFlight = prepared.send().catch((e: unknown) => e);
    await vi.waitFor(() => expect(server.connections).toBe(1));
    http1Pool.destroy();
    const error = await inFlight;
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).reason).toBe('UND_ERR_DESTROYED');
    expect(await prepared.send().catch((e: unknown) => (e as ConnectionError).reason)).toBe('UND_ERR_DESTROYED');
    expect(http1Pool.openConnections).toBe(0);
  });

  it('close() lets the call in flight finish, then closes every connection', async () => {
    const server = await httpServer((_req, res) => {
      setTimeout(() => sendJson(res, 200, { status: 'healthy' }), 50);
    });
    const http1Pool = pool();
    const prepared = new HttpClient({ baseUrl: server.url, http1Pool }).prepare({ method: 'GET', path: '/health' });
    const answer = prepared.send();
    await vi.waitFor(() => expect(http1Pool.openConnections).toBe(1));
    await http1Pool.close();
    expect((await answer).status).toBe(200);
    expect(http1Pool.openConnections).toBe(0);
    expect(await prepared.send().catch((e: unknown) => (e as ConnectionError).reason)).toBe('UND_ERR_CLOSED');
  });

  it('closes connections left idle past keepAliveTimeoutMs', async () => {
    const server = await rawServer((_i, socket) => socket.write(OK_200));
    const http1Pool = pool({ keepAliveTimeoutMs: 100 });
    await new HttpClient({ baseUrl: server.url, http1Pool }).prepare({ method: 'GET', path: '/' }).send();
    expect(http1Pool.openConnections).toBe(1);
    await vi.waitFor(() => expect(http1Pool.openConnections).toBe(0), { timeout: 5_000 });
  });

  it('times a call from its last read: a body trickling in within timeoutMs completes; a silent server fails it, never before timeoutMs', async () => {
    const trickle = await rawServer((_i, socket) => {
      socket.write('HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n');
      let sent = 0;
      const timer = setInterval(() => {
        socket.write('x');
        sent += 1;
        if (sent === 5) clearInterval(timer);
      }, 80);
    });
    const http1Pool = pool();
    // 5 × 80 ms = 400 ms in all, twice the timeout, but never 200 ms without a read.
    const answer = await new HttpClient({ baseUrl: trickle.url, http1Pool }).prepare({ method: 'GET', path: '/', timeoutMs: 200 }).send();
    expect(answer.text).toBe('xxxxx');
    const silent = await rawServer(() => undefined);
    const started = performance.now();
    const error = await new HttpClient({ baseUrl: silent.url, http1Pool }).prepare({ method: 'GET', path: '/', timeoutMs: 200 }).send().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).phase).toBe('headers');
    expect(performance.now() - started).toBeGreaterThanOrEqual(200);
  });

  it("aborts a call waiting for a connection when its signal fires, without touching the call ahead of it", async () => {
    let release: (() => void) | undefined;
    const server = await rawServer((_i, socket) => {
      release = () => socket.write(OK_200);
    });
    const prepared = new HttpClient({ baseUrl: server.url, http1Pool: pool({ connections: 1 }) }).prepare({ method: 'GET', path: '/' });
    const first = prepared.send();
    const controller = new AbortController();
    const second = prepared.send({ signal: controller.signal }).catch((e: unknown) => e);
    controller.abort();
    expect(await second).toBeInstanceOf(AbortedError);
    await vi.waitFor(() => expect(release).toBeDefined());
    release?.();
    expect((await first).text).toBe('ok');
  });

  it('refuses header values that would split the raw request, before sending anything', () => {
    const client = new HttpClient({ baseUrl: 'http://127.0.0.1:1', http1Pool: pool() });
    expect(() => client.prepare({ method: 'GET', path: '/', headers: { 'x-evil': 'a\r\nhost: elsewhere' } })).toThrow(InvalidArgumentError);
    expect(() => client.prepare({ method: 'GET', path: '/', headers: { 'bad name': 'x' } })).toThrow(InvalidArgumentError);
  });

  it('rejects unusable options at construction', () => {
    expect(() => new Http1Pool({ connections: 0 })).toThrow(InvalidArgumentError);
    expect(() => new Http1Pool({ keepAliveTimeoutMs: -1 })).toThrow(/keepAliveTimeoutMs/);
  });
});
