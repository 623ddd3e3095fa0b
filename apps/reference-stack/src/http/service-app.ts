import type { Writable } from 'node:stream';
import Fastify, { LogController, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { ErrorStyle } from './error-style.js';
import { HttpProblem } from './http-problem.js';
import type { LogLevel } from './log-level.js';
import { buildOpenApiDocument, type OpenApiInfo } from './openapi-document.js';
import { docsPage } from './docs-page.js';
import { ServiceMetrics } from './service-metrics.js';
import { toValidationIssues, type RequestPart, type ValidationIssue } from './validation-issue.js';

/** What `onResponse` listeners learn about each answered request. */
export interface CompletedRequest {
  readonly method: string;
  /** Route template (`/collections/{name}`), or `unmatched`. */
  readonly route: string;
  readonly statusCode: number;
  readonly seconds: number;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';

export interface RouteContext<B, Q, P> {
  readonly body: B;
  readonly query: Q;
  readonly params: P;
  readonly request: FastifyRequest;
  readonly reply: FastifyReply;
}

/** One HTTP route: its validation schemas (zod), its OpenAPI text and its handler. */
export interface RouteSpec<B = unknown, Q = unknown, P = unknown> {
  readonly method: HttpMethod;
  /** Fastify pattern (`/collections/:name`). */
  readonly url: string;
  readonly summary: string;
  readonly tags?: readonly string[];
  readonly body?: z.ZodType<B>;
  readonly query?: z.ZodType<Q>;
  readonly params?: z.ZodType<P>;
  /** Largest accepted body; larger bodies get 413. */
  readonly bodyLimitBytes?: number;
  /** Status of a successful answer. Default: 200. */
  readonly successStatus?: number;
  /** Content type of a successful answer, for the OpenAPI document. Default: application/json. */
  readonly produces?: string;
  /** Leave the route out of /openapi.json (e.g. /docs itself). */
  readonly hidden?: boolean;
  /** Returns the JSON body, or the reply when the handler sent it itself. */
  readonly handler: (ctx: RouteContext<B, Q, P>) => unknown;
}

export interface ServiceAppOptions {
  /** Display name (`rag-server`), used in logs. */
  readonly name: string;
  readonly logLevel: LogLevel;
  /** Where JSON log lines go. Default: stdout. */
  readonly logStream?: Writable;
  readonly errorStyle: ErrorStyle;
  /** Default body limit; routes may set their own. */
  readonly bodyLimitBytes: number;
  /** Serve /openapi.json and /docs with this info. */
  readonly openApi?: OpenApiInfo;
  /** Include the stack and file paths in 500 bodies (the `leak-stack-traces` defect). */
  readonly exposeStackTraces?: boolean;
}

interface RegisteredRoute {
  readonly spec: RouteSpec<unknown, unknown, unknown>;
  readonly pattern: RegExp;
}

function routePattern(url: string): RegExp {
  const escaped = url
    .split('/')
    .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${escaped}$`);
}

/** `/collections/:name` → `/collections/{name}` (the form used in OpenAPI and the `route` label). */
export function templateOf(url: string): string {
  return url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

const UNMATCHED_ROUTE = 'unmatched';

/**
 * A Fastify app with what every reference service shares: JSON logs, the metric contract's HTTP
 * metrics and `/metrics`, zod validation turned into the service's error style, 404 and 405 (with
 * `Allow`) in that style, 413/415 as JSON, and an OpenAPI document built from the routes.
 */
export class ServiceApp {
  readonly app: FastifyInstance;
  readonly metrics = new ServiceMetrics();
  readonly name: string;
  readonly #routes: RegisteredRoute[] = [];
  readonly #options: ServiceAppOptions;
  readonly #responseListeners: Array<(info: CompletedRequest) => void> = [];

  constructor(options: ServiceAppOptions) {
    this.#options = options;
    this.name = options.name;
    this.app = Fastify({
      logger: {
        level: options.logLevel,
        base: { name: options.name },
        ...(options.logStream === undefined ? {} : { stream: options.logStream }),
        redact: { paths: ['req.headers.authorization', 'req.headers["api-key"]', 'headers.authorization'], censor: '[REDACTED]' },
      },
      // One line per completed request is written by the onResponse hook instead.
      logController: new LogController({ disableRequestLogging: true }),
      bodyLimit: options.bodyLimitBytes,
      forceCloseConnections: true,
      return503OnClosing: true,
    });
    // Only JSON bodies are accepted; text/plain would otherwise reach handlers as a string.
    this.app.removeContentTypeParser('text/plain');
    this.#installHooks();
    this.route({
      method: 'GET',
      url: '/metrics',
      summary: 'Prometheus metrics',
      tags: ['observability'],
      produces: 'text/plain',
      handler: async ({ reply }) => {
        const { contentType, body } = await this.metrics.render();
        return reply.type(contentType).send(body);
      },
    });
    if (options.openApi !== undefined) {
      const info = options.openApi;
      this.route({
        method: 'GET',
        url: '/openapi.json',
        summary: 'OpenAPI document',
        tags: ['docs'],
        handler: () => buildOpenApiDocument(info, this.#routes.filter((r) => r.spec.hidden !== true).map((r) => r.spec)),
      });
      this.route({
        method: 'GET',
        url: '/docs',
        summary: 'API documentation page',
        tags: ['docs'],
        produces: 'text/html',
        handler: ({ reply }) => reply.type('text/html; charset=utf-8').send(docsPage(info.title)),
      });
    }
  }

  /** Registers a route; the handler receives validated input. */
  route<B, Q, P>(spec: RouteSpec<B, Q, P>): void {
    const generic = spec as unknown as RouteSpec<unknown, unknown, unknown>;
    this.#routes.push({ spec: generic, pattern: routePattern(spec.url) });
    this.app.route({
      method: spec.method,
      url: spec.url,
      ...(spec.bodyLimitBytes === undefined ? {} : { bodyLimit: spec.bodyLimitBytes }),
      handler: async (request, reply) => {
        const body = this.#parse(spec.body, request.body, 'body');
        const query = this.#parse(spec.query, request.query, 'query');
        const params = this.#parse(spec.params, request.params, 'path');
        if (spec.successStatus !== undefined) reply.code(spec.successStatus);
        const result = await spec.handler({ body, query, params, request, reply });
        if (result === reply) return reply;
        return result;
      },
    });
  }

  /** Calls `listener` after every response (e.g. for service-specific metrics). */
  onResponse(listener: (info: CompletedRequest) => void): void {
    this.#responseListeners.push(listener);
  }

  /** The routes registered so far (for tests and the OpenAPI document). */
  routes(): ReadonlyArray<{ method: HttpMethod; url: string; template: string; hidden: boolean }> {
    return this.#routes.map((r) => ({ method: r.spec.method, url: r.spec.url, template: templateOf(r.spec.url), hidden: r.spec.hidden === true }));
  }

  async listen(host: string, port: number): Promise<number> {
    await this.app.listen({ host, port });
    const address = this.app.server.address();
    if (address === null || typeof address === 'string') throw new Error(`${this.name}: unexpected listen address ${String(address)}`);
    return address.port;
  }

  async close(): Promise<void> {
    await this.app.close();
  }

  #parse<T>(schema: z.ZodType<T> | undefined, value: unknown, part: RequestPart): T {
    if (schema === undefined) return value as T;
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    throw new RequestValidationError(toValidationIssues(result.error.issues, part, value));
  }

  #allowedMethods(path: string): string[] {
    const methods = new Set<string>();
    for (const route of this.#routes) {
      if (!route.pattern.test(path)) continue;
      methods.add(route.spec.method);
      if (route.spec.method === 'GET') methods.add('HEAD');
    }
    return [...methods].sort();
  }

  #installHooks(): void {
    const style = this.#options.errorStyle;
    this.app.addHook('onRequest', (request, reply, done) => {
      this.metrics.httpRequestsInFlight.inc();
      let finished = false;
      reply.raw.once('close', () => {
        if (finished) return;
        finished = true;
        this.metrics.httpRequestsInFlight.dec();
      });
      done();
    });
    this.app.addHook('onResponse', (request, reply, done) => {
      const url = request.routeOptions.url;
      const route = url === undefined ? UNMATCHED_ROUTE : templateOf(url);
      const seconds = reply.elapsedTime / 1000;
      this.metrics.httpRequestDuration.observe({ method: request.method, route, status_code: String(reply.statusCode) }, seconds);
      request.log.info({ method: request.method, route, statusCode: reply.statusCode, durationMs: Math.round(reply.elapsedTime * 10) / 10 }, 'request completed');
      for (const listener of this.#responseListeners) listener({ method: request.method, route, statusCode: reply.statusCode, seconds });
      done();
    });
    this.app.setNotFoundHandler((request, reply) => {
      const path = request.url.split('?')[0] ?? request.url;
      const allowed = this.#allowedMethods(path);
      if (allowed.length > 0) {
        return reply.code(405).header('allow', allowed.join(', ')).send(style.error(405, 'Method Not Allowed'));
      }
      return reply.code(404).send(style.error(404, 'Not Found'));
    });
    this.app.setErrorHandler((error: FastifyError | Error, request, reply) => {
      if (error instanceof RequestValidationError) {
        const { status, body } = style.validation(error.issues);
        return reply.code(status).send(body);
      }
      if (error instanceof HttpProblem) {
        if (error.status >= 500) request.log.warn({ status: error.status, detail: error.message }, 'request failed');
        reply.code(error.status).headers(error.headers);
        if (error.body !== undefined) return reply.send(error.body);
        const leak = this.#options.exposeStackTraces === true && error.status >= 500;
        const stack = error.cause instanceof Error ? error.cause.stack : error.stack;
        return reply.send(style.error(error.status, leak ? `${error.message}\n${stack ?? ''}` : error.message));
      }
      const code = (error as FastifyError).code;
      switch (code) {
        case 'FST_ERR_CTP_INVALID_JSON_BODY': {
          const { status, body } = style.invalidJson('Body is not valid JSON');
          return reply.code(status).send(body);
        }
        case 'FST_ERR_CTP_EMPTY_JSON_BODY': {
          const { status, body } = style.validation([{ type: 'missing', loc: ['body'], msg: 'Field required', input: null }]);
          return reply.code(status).send(body);
        }
        case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
          return reply.code(415).send(style.error(415, `Unsupported Media Type: ${request.headers['content-type'] ?? '(none)'}; send application/json`));
        case 'FST_ERR_CTP_BODY_TOO_LARGE':
          return reply.code(413).send(style.error(413, `Request body too large: the limit for ${request.method} ${templateOf(request.routeOptions.url ?? request.url)} is ${request.routeOptions.bodyLimit ?? this.#options.bodyLimitBytes} bytes`));
        default:
          break;
      }
      const statusCode = (error as FastifyError).statusCode;
      if (statusCode !== undefined && statusCode >= 400 && statusCode < 500) {
        return reply.code(statusCode).send(style.error(statusCode, error.message));
      }
      request.log.error({ err: error }, 'unhandled error');
      const message = this.#options.exposeStackTraces === true ? `Internal Server Error: ${error.stack ?? error.message}` : 'Internal Server Error';
      return reply.code(500).send(style.error(500, message));
    });
  }
}

/** Thrown by the route wrapper when zod rejects a request part. */
class RequestValidationError extends Error {
  readonly issues: readonly ValidationIssue[];

  constructor(issues: readonly ValidationIssue[]) {
    super('request validation failed');
    this.issues = issues;
  }
}
