import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { isRagValidateError } from '@rag-validate/config';
import { InvalidFaultOptionError } from '../../errors.js';
import type { TcpFaultProxy } from './tcp-fault-proxy.js';

const downBody = z.object({ down: z.boolean() }).strict();
const MAX_BODY_BYTES = 64 * 1024;

/**
 * The HTTP control API of a fault proxy running as its own process (loopback only):
 *
 * | call | effect |
 * |---|---|
 * | `GET /state` | listen/upstream addresses, `down`, toxics by id, counters |
 * | `PUT /toxics/{id}` | add or replace a toxic (JSON body, see `toxicSchema`) |
 * | `DELETE /toxics/{id}` | remove a toxic (404 when unknown) |
 * | `PUT /down` | `{ "down": true }` refuses connections, `false` listens again |
 * | `POST /clear` | remove every toxic and come up: plain forwarding |
 * | `POST /shutdown` | stop the proxy process |
 *
 * Errors answer `{ "error": { "code", "message" } }` with 400/404.
 */
export async function startProxyControlServer(
  proxy: TcpFaultProxy,
  options: { host?: string; port?: number; onShutdown?: () => void } = {},
): Promise<{ readonly url: string; readonly port: number; close(): Promise<void> }> {
  const { host = '127.0.0.1', port = 0, onShutdown } = options;
  const server: Server = createServer((req, res) => {
    void handle(proxy, req, res, onShutdown);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${bound}`,
    port: bound,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function handle(proxy: TcpFaultProxy, req: IncomingMessage, res: ServerResponse, onShutdown: (() => void) | undefined): Promise<void> {
  try {
    const body = await readJson(req);
    const url = new URL(req.url ?? '/', 'http://control');
    const toxic = /^\/toxics\/([A-Za-z0-9._-]{1,100})$/.exec(url.pathname);
    if (req.method === 'GET' && url.pathname === '/state') return reply(res, 200, proxy.state());
    if (toxic && req.method === 'PUT') {
      const id = proxy.addToxic(body as never, toxic[1]);
      return reply(res, 200, { id, state: proxy.state() });
    }
    if (toxic && req.method === 'DELETE') {
      const removed = proxy.removeToxic(toxic[1] ?? '');
      return removed ? reply(res, 200, proxy.state()) : reply(res, 404, { error: { code: 'RV_ERR_CHAOS_TARGET_NOT_FOUND', message: `no toxic ${toxic[1]}` } });
    }
    if (req.method === 'PUT' && url.pathname === '/down') {
      const parsed = downBody.safeParse(body);
      if (!parsed.success) return reply(res, 400, { error: { code: 'RV_ERR_CHAOS_INVALID_OPTION', message: 'expected { "down": true|false }' } });
      await proxy.setDown(parsed.data.down);
      return reply(res, 200, proxy.state());
    }
    if (req.method === 'POST' && url.pathname === '/clear') {
      await proxy.clear();
      return reply(res, 200, proxy.state());
    }
    if (req.method === 'POST' && url.pathname === '/shutdown') {
      reply(res, 200, { shuttingDown: true });
      setImmediate(() => onShutdown?.());
      return;
    }
    return reply(res, 404, { error: { code: 'RV_ERR_CHAOS_TARGET_NOT_FOUND', message: `no route ${req.method ?? ''} ${url.pathname}` } });
  } catch (error) {
    if (isRagValidateError(error)) return reply(res, 400, { error: { code: error.code, message: error.message } });
    return reply(res, 500, { error: { code: 'RV_ERR_INTERNAL', message: error instanceof Error ? error.message : String(error) } });
  }
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new InvalidFaultOptionError('body', 'larger than 64 KiB');
    chunks.push(chunk);
  }
  if (size === 0) return undefined;
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new InvalidFaultOptionError('body', 'not JSON');
  }
}
