import { once } from 'node:events';
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { HttpClient } from '@rag-validate/clients';
import { closedPort, sendJson, startTestServer, type TestServer } from '@rag-validate/clients/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TcpFaultProxy } from './tcp-fault-proxy.js';

let http: TestServer;
let echo: Server;
let echoPort: number;
const proxies: TcpFaultProxy[] = [];

beforeAll(async () => {
  http = await startTestServer((req, res) => {
    if (req.url === '/big') {
      const body = 'x'.repeat(20_000);
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': body.length });
      res.end(body);
      return;
    }
    sendJson(res, 200, { ok: true, echo: req.body });
  });
  echo = createServer((socket) => socket.pipe(socket));
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
  echoPort = (echo.address() as AddressInfo).port;
});

afterEach(async () => {
  await Promise.all(proxies.splice(0).map((p) => p.close()));
});

afterAll(async () => {
  await http.close();
  await new Promise<void>((resolve) => echo.close(() => resolve()));
});

async function proxyTo(port: number, extra: { random?: () => number } = {}): Promise<TcpFaultProxy> {
  const proxy = await TcpFaultProxy.start({ upstreamHost: '127.0.0.1', upstreamPort: port, ...extra });
  proxies.push(proxy);
  return proxy;
}

function clientFor(proxy: TcpFaultProxy, timeoutMs = 5_000): HttpClient {
  return new HttpClient({ baseUrl: `http://${proxy.address}`, timeoutMs, maxRetries: 0 });
}

/** Opens a raw connection through the proxy, writes `text` and collects what comes back until close or `waitMs`. */
async function roundTrip(port: number, text: string, waitMs = 300): Promise<{ received: string; error: string | undefined; closed: boolean }> {
  const socket: Socket = connect({ host: '127.0.0.1', port });
  let received = '';
  let error: string | undefined;
  let closed = false;
  socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
  socket.on('error', (e: NodeJS.ErrnoException) => (error = e.code));
  socket.on('close', () => (closed = true));
  await once(socket, 'connect').catch(() => undefined);
  socket.write(text);
  await new Promise((resolve) => setTimeout(resolve, waitMs));
  socket.destroy();
  return { received, error, closed };
}

describe('TcpFaultProxy', () => {
  it('forwards HTTP requests and responses unchanged when no fault is set', async () => {
    const proxy = await proxyTo(http.port);
    const response = await clientFor(proxy).request<{ ok: boolean; echo: string }>({ method: 'POST', path: '/x', json: { hello: 'wörld' } });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ ok: true, echo: '{"hello":"wörld"}' });
    expect(proxy.state().stats.bytesUpstream).toBeGreaterThan(0);
    expect(proxy.state().stats.bytesDownstream).toBeGreaterThan(0);
  });

  it('delays responses by at least the injected latency', async () => {
    const proxy = await proxyTo(http.port);
    proxy.addToxic({ type: 'latency', direction: 'downstream', latencyMs: 400, jitterMs: 50 });
    const started = performance.now();
    const response = await clientFor(proxy).request({ method: 'GET', path: '/x' });
    expect(response.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(350);
  });

  it('caps bandwidth: 20 kB at 20 kB/s takes at least most of a second', async () => {
    const proxy = await proxyTo(http.port);
    proxy.addToxic({ type: 'bandwidth', direction: 'downstream', bytesPerSecond: 20_000 });
    const started = performance.now();
    const response = await clientFor(proxy).send({ method: 'GET', path: '/big' });
    expect(response.text.length).toBe(20_000);
    expect(performance.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('resets connections on their next request bytes (the client sees ECONNRESET)', async () => {
    const proxy = await proxyTo(echoPort);
    proxy.addToxic({ type: 'reset', direction: 'upstream' });
    const result = await roundTrip(proxy.port, 'ping');
    expect(result.error).toBe('ECONNRESET');
    expect(result.received).toBe('');
    expect(proxy.state().stats.resets).toBeGreaterThanOrEqual(1);
  });

  it('blackholes: the connection stays open, nothing comes back, and an HTTP client times out instead of hanging', async () => {
    const proxy = await proxyTo(http.port);
    proxy.addToxic({ type: 'blackhole', direction: 'downstream' });
    const raw = await roundTrip(proxy.port, 'GET /x HTTP/1.1\r\nhost: x\r\n\r\n', 300);
    expect(raw).toEqual({ received: '', error: undefined, closed: false });
    await expect(clientFor(proxy, 400).request({ method: 'GET', path: '/x' })).rejects.toMatchObject({ code: 'RV_ERR_TIMEOUT' });
    expect(proxy.state().stats.bytesSwallowed).toBeGreaterThan(0);
  });

  it('closes the connection after N bytes of responses (a cut-off answer)', async () => {
    const proxy = await proxyTo(echoPort);
    proxy.addToxic({ type: 'close-after', direction: 'downstream', bytes: 5 });
    const result = await roundTrip(proxy.port, 'hello world', 300);
    expect(result.received).toBe('hello');
    expect(result.closed).toBe(true);
  });

  it('down refuses connections; up listens again on the same port', async () => {
    const proxy = await proxyTo(http.port);
    const client = clientFor(proxy);
    const port = proxy.port;
    await proxy.setDown(true);
    await expect(client.request({ method: 'GET', path: '/x' })).rejects.toMatchObject({ code: 'RV_ERR_CONNECTION', reason: 'ECONNREFUSED' });
    await proxy.setDown(false);
    expect(proxy.port).toBe(port);
    expect((await client.request({ method: 'GET', path: '/x' })).status).toBe(200);
  });

  it('applies a toxic to a share of connections: the dice are rolled once per connection', async () => {
    const draws = [0.1, 0.9];
    const proxy = await proxyTo(echoPort, { random: () => draws.shift() ?? 0.9 });
    proxy.addToxic({ type: 'blackhole', direction: 'upstream', probability: 0.5 });
    const first = await roundTrip(proxy.port, 'one');
    const second = await roundTrip(proxy.port, 'two');
    expect(first.received).toBe('');
    expect(second.received).toBe('two');
  });

  it('changes apply to open connections at once, and removing a toxic restores plain forwarding', async () => {
    const proxy = await proxyTo(echoPort);
    const socket = connect({ host: '127.0.0.1', port: proxy.port });
    await once(socket, 'connect');
    const read = async (text: string): Promise<string> => {
      let got = '';
      const onData = (chunk: Buffer) => (got += chunk.toString());
      socket.on('data', onData);
      socket.write(text);
      await new Promise((resolve) => setTimeout(resolve, 250));
      socket.off('data', onData);
      return got;
    };
    try {
      expect(await read('a')).toBe('a');
      const id = proxy.addToxic({ type: 'blackhole', direction: 'upstream' });
      expect(await read('b')).toBe('');
      expect(proxy.removeToxic(id)).toBe(true);
      expect(await read('c')).toBe('c');
    } finally {
      socket.destroy();
    }
  });

  it('resets the client when the upstream refuses, and counts it', async () => {
    const proxy = await proxyTo(await closedPort());
    await expect(clientFor(proxy).request({ method: 'GET', path: '/x' })).rejects.toMatchObject({ code: 'RV_ERR_CONNECTION' });
    expect(proxy.state().stats.upstreamConnectFailures).toBe(1);
  });

  it('rejects impossible toxics with RV_ERR_CHAOS_INVALID_OPTION and keeps running', async () => {
    const proxy = await proxyTo(http.port);
    expect(() => proxy.addToxic({ type: 'latency', direction: 'upstream', latencyMs: -5 })).toThrow(expect.objectContaining({ code: 'RV_ERR_CHAOS_INVALID_OPTION' }));
    expect(() => proxy.addToxic({ type: 'blackhole', direction: 'upstream', probability: 2 })).toThrow(expect.objectContaining({ code: 'RV_ERR_CHAOS_INVALID_OPTION' }));
    expect(Object.keys(proxy.state().toxics)).toEqual([]);
  });
});
