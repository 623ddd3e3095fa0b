import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson, type TestHandler } from '@rag-validate/clients/testing';

type RouteHandler = (req: IncomingMessage & { body: string }, res: ServerResponse) => void | Promise<void>;

/**
 * A handler that answers `METHOD /path` from `routes` and everything else from `base`, to give a
 * test double one specific misconfiguration (or one fix): `overrideRoutes(task06Qdrant(), {
 * 'GET /readyz': (_req, res) => sendText(res, 503, 'some shards are not ready') })`.
 */
export function overrideRoutes(base: TestHandler, routes: Readonly<Record<string, RouteHandler>>): TestHandler {
  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const route = routes[`${req.method ?? 'GET'} ${path}`];
    return route === undefined ? base(req, res) : route(req, res);
  };
}

/** Writes a text/plain answer. */
export function sendText(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers });
  res.end(body);
}

export { sendJson };
