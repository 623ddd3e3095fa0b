import { performance } from 'node:perf_hooks';
import type { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { createRedactor, isRagValidateError, type ServiceAuth } from '@rag-validate/config';
import { request as undiciRequest, type Dispatcher } from 'undici';
import type { z } from 'zod';
import {
  AbortedError,
  ConnectionError,
  HttpStatusError,
  InvalidArgumentError,
  ResponseTooLargeError,
  SchemaMismatchError,
  TimeoutError,
  type HttpMethod,
} from './errors.js';
import { earlyAnswerBody } from './early-answer-body.js';
import { Http1TransportError, RESPONSE_TOO_LARGE_CODE } from './http1/http1-connection.js';
import type { Http1Pool } from './http1/http1-pool.js';
import { PreparedRequest, type PreparedRequestSpec, type QueryValue } from './prepared-request.js';
import { sharedAgent } from './shared-agent.js';

export interface HttpClientOptions {
  /** Base URL every path is appended to, e.g. `http://localhost:8000`. */
  readonly baseUrl: string;
  /** Deadline of one call, from the first byte sent to the last byte read. Default: 10_000. */
  readonly timeoutMs?: number;
  /** Credentials sent on every call; never printed. */
  readonly auth?: ServiceAuth | undefined;
  /** Retries of idempotent calls after a connection error or a 502/503/504. Default: 2. */
  readonly maxRetries?: number;
  /** First retry delay; doubled on every further retry. Default: 200. */
  readonly retryDelayMs?: number;
  /** Largest response body read before giving up. Default: 32 MiB. */
  readonly maxResponseBytes?: number;
  /** undici dispatcher (Agent/Pool). Default: one process-wide keep-alive Agent. */
  readonly dispatcher?: Dispatcher;
  /**
   * Raw keep-alive sockets for prepared calls (`prepare()`) to an http: origin: their request bytes
   * are built once and written straight to a socket (much less CPU per call than undici: see
   * packages/perf/bench). For load generators. Other calls, and https: origins, use the dispatcher. Default: none.
   */
  readonly http1Pool?: Http1Pool | undefined;
}

export interface HttpRequest<T = unknown> {
  readonly method: HttpMethod;
  /** Path below the base URL, starting with `/`. */
  readonly path: string;
  readonly query?: Readonly<Record<string, QueryValue>>;
  /** Sent as JSON. */
  readonly json?: unknown;
  /** Sent as is, with `contentType`. For bad-input tests (malformed JSON, wrong content type). */
  readonly rawBody?: string | Uint8Array;
  /**
   * The server may refuse the body from its headers (e.g. 413 for an oversized one): a body over
   * 1 MiB goes out as its first 64 KiB, a pause of up to 2 s for an early answer, then the rest —
   * so the answer is read instead of lost to a broken pipe. Smaller bodies fit the socket buffers
   * and are sent at once. Default: false.
   */
  readonly expectEarlyAnswer?: boolean;
  readonly contentType?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Overrides the client's timeout for this call. */
  readonly timeoutMs?: number | undefined;
  readonly signal?: AbortSignal | undefined;
  /** Safe to retry. Default: true for GET, HEAD, OPTIONS, PUT and DELETE. */
  readonly idempotent?: boolean;
  /** Statuses that count as success. Default: 200–299. */
  readonly okStatus?: (status: number) => boolean;
  /** Validates the JSON body; a mismatch throws SchemaMismatchError. */
  readonly schema?: z.ZodType<T>;
}

/** What came back, whatever the status. */
export interface RawResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly text: string;
  readonly elapsedMs: number;
  /** The call's URL without credentials. */
  readonly url: string;
}

export interface HttpResponse<T> extends RawResponse {
  readonly body: T;
}

const IDEMPOTENT: ReadonlySet<HttpMethod> = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);
const RETRY_STATUSES: ReadonlySet<number> = new Set([502, 503, 504]);
const EXCERPT_CHARS = 300;
const BODY_CHARS = 2_000;
/** Longest pause for an early answer before the rest of an `expectEarlyAnswer` body goes out. */
const EARLY_ANSWER_WAIT_MS = 2_000;
/** Bodies up to this size fit the socket buffers: no early answer can be lost to a broken pipe. */
const EARLY_ANSWER_MIN_BYTES = 1024 * 1024;

/**
 * The one funnel every HTTP call of rag-validate goes through: a keep-alive undici dispatcher, a
 * deadline on every call, retries for idempotent calls only, and every failure mapped to a typed
 * error with a stable code. Credentials are added here and never appear in errors.
 */
export class HttpClient {
  readonly baseUrl: string;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  readonly retryDelayMs: number;
  readonly maxResponseBytes: number;
  readonly #dispatcher: Dispatcher;
  readonly #http1Pool: Http1Pool | undefined;
  readonly #authHeaders: Readonly<Record<string, string>>;
  readonly #redact: (text: string) => string;

  constructor(options: HttpClientOptions) {
    const {
      baseUrl,
      timeoutMs = 10_000,
      auth,
      maxRetries = 2,
      retryDelayMs = 200,
      maxResponseBytes = 32 * 1024 * 1024,
      dispatcher = sharedAgent(),
      http1Pool,
    } = options;
    let parsed: URL;
    try {
      parsed = new URL(baseUrl);
    } catch {
      throw new InvalidArgumentError('baseUrl', `expected an absolute http(s) URL, got ${JSON.stringify(baseUrl)}`);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new InvalidArgumentError('baseUrl', `expected http: or https:, got ${parsed.protocol}`);
    assertPositive('timeoutMs', timeoutMs);
    assertPositive('maxResponseBytes', maxResponseBytes);
    if (!Number.isInteger(maxRetries) || maxRetries < 0) throw new InvalidArgumentError('maxRetries', `expected a whole number ≥ 0, got ${maxRetries}`);
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    this.timeoutMs = timeoutMs;
    this.maxRetries = maxRetries;
    this.retryDelayMs = retryDelayMs;
    this.maxResponseBytes = maxResponseBytes;
    this.#dispatcher = dispatcher;
    this.#http1Pool = http1Pool;
    this.#authHeaders = authHeaders(auth);
    this.#redact = createRedactor(Object.values(this.#authHeaders).map((v) => v.replace(/^Bearer /, '')));
  }

  /** Sends a call and returns what came back whatever the status. Throws only when nothing usable came back. */
  async send(req: Omit<HttpRequest, 'schema' | 'okStatus'>): Promise<RawResponse> {
    const idempotent = req.idempotent ?? IDEMPOTENT.has(req.method);
    for (let attempt = 0; ; attempt += 1) {
      try {
        const response = await this.#once(req);
        if (idempotent && attempt < this.maxRetries && RETRY_STATUSES.has(response.status)) {
          await this.#backoff(attempt, req.signal);
          continue;
        }
        return response;
      } catch (error) {
        if (!(error instanceof ConnectionError) || !idempotent || attempt >= this.maxRetries) throw error;
        await this.#backoff(attempt, req.signal);
      }
    }
  }

  /**
   * Sends a call that must succeed: a status outside `okStatus` throws HttpStatusError, a body that
   * is not JSON or does not match `schema` throws SchemaMismatchError.
   */
  async request<T>(req: HttpRequest<T>): Promise<HttpResponse<T>> {
    const response = await this.send(req);
    const okStatus = req.okStatus ?? ((status: number) => status >= 200 && status < 300);
    const facts = { method: req.method, url: response.url, elapsedMs: response.elapsedMs };
    if (!okStatus(response.status)) {
      const body = parseJsonOrText(response.text);
      throw new HttpStatusError({
        ...facts,
        statusCode: response.status,
        body: typeof body === 'string' ? this.#redact(body.slice(0, BODY_CHARS)) : body,
        excerpt: this.#excerpt(response.text),
      });
    }
    if (req.schema === undefined) return { ...response, body: parseJsonOrText(response.text) as T };
    let json: unknown;
    try {
      json = JSON.parse(response.text);
    } catch (cause) {
      throw new SchemaMismatchError(
        { ...facts, statusCode: response.status, reason: 'invalid-json', issues: [], bodyExcerpt: this.#excerpt(response.text) },
        { cause },
      );
    }
    const result = req.schema.safeParse(json);
    if (!result.success) {
      const issues = result.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
      throw new SchemaMismatchError({ ...facts, statusCode: response.status, reason: 'shape', issues, bodyExcerpt: this.#excerpt(response.text) });
    }
    return { ...response, body: result.data };
  }

  /** Opens a call and hands back the live response stream (for SSE). The caller must consume or destroy the body. */
  async stream(req: Omit<HttpRequest, 'schema' | 'okStatus' | 'idempotent'>): Promise<StreamingResponse> {
    const { url, publicUrl, init, deadline, started, answered } = this.#prepare(req);
    try {
      const response = await undiciRequest(url, init).finally(answered);
      const headers = flattenHeaders(response.headers);
      if (response.statusCode < 200 || response.statusCode >= 300) {
        const text = await readBody(response.body, this.maxResponseBytes).catch(() => '');
        deadline.clear();
        const body = parseJsonOrText(text);
        throw new HttpStatusError({
          method: req.method,
          url: publicUrl,
          elapsedMs: performance.now() - started,
          statusCode: response.statusCode,
          body: typeof body === 'string' ? this.#redact(body.slice(0, BODY_CHARS)) : body,
          excerpt: this.#excerpt(text),
        });
      }
      return {
        status: response.statusCode,
        headers,
        url: publicUrl,
        startedAt: started,
        body: response.body,
        mapError: (error: unknown) => this.#mapError(error, req, publicUrl, started, deadline),
        done: () => deadline.clear(),
      };
    } catch (error) {
      deadline.clear();
      if (error instanceof HttpStatusError) throw error;
      throw this.#mapError(error, req, publicUrl, started, deadline);
    }
  }

  /**
   * Prepares a call that is sent many times (a load generator's health check, the same search
   * again): the URL, headers and credentials are worked out once. With `http1Pool` (http: only)
   * the request's bytes are built here too and each `send()` writes them to a pooled socket;
   * otherwise it goes straight to the dispatcher. Either way the deadlines are the transport's
   * own (for the answer to start, then between body reads), not a URL parse, an AbortController
   * and a timer per call. Prepared calls are never retried (a load test counts every failure),
   * except that a GET/HEAD on a reused raw connection the server had closed is sent once more on
   * a new one. Failures are the same typed errors as `send()`; any status is returned, not thrown.
   */
  prepare(req: PreparedRequestSpec): PreparedRequest {
    if (!req.path.startsWith('/')) throw new InvalidArgumentError('path', `expected a path starting with "/", got ${JSON.stringify(req.path)}`);
    const timeoutMs = req.timeoutMs ?? this.timeoutMs;
    assertPositive('timeoutMs', timeoutMs);
    const target = new URL(this.baseUrl + req.path);
    for (const [key, value] of Object.entries(req.query ?? {})) {
      if (value !== undefined) target.searchParams.set(key, String(value));
    }
    const headers: Record<string, string> = { accept: 'application/json, text/plain;q=0.9, */*;q=0.5', ...this.#authHeaders, ...req.headers };
    if (req.contentType !== undefined) headers['content-type'] = req.contentType;
    const raw = this.#http1Pool !== undefined && target.protocol === 'http:';
    if (raw) assertHeadersSafe(headers);
    return new PreparedRequest({
      dispatcher: this.#dispatcher,
      http1: raw ? { pool: this.#http1Pool as Http1Pool, host: target.hostname.replace(/^\[|\]$/g, ''), port: Number(target.port || 80) } : undefined,
      origin: target.origin,
      path: `${target.pathname}${target.search}`,
      method: req.method,
      headers: Object.freeze(headers),
      timeoutMs,
      publicUrl: stripCredentials(target),
      maxResponseBytes: this.maxResponseBytes,
      mapError: (error, url, started, callerAborted) => this.#mapPreparedError(error, req.method, url, started, timeoutMs, callerAborted),
    });
  }

  #mapPreparedError(error: unknown, method: HttpMethod, url: string, started: number, timeoutMs: number, callerAborted: boolean): Error {
    if (callerAborted && errorCode(error) !== RESPONSE_TOO_LARGE_CODE) return new AbortedError(method, url, { cause: error });
    return this.#mapTransportError(error, method, url, started, timeoutMs);
  }

  async #once(req: Omit<HttpRequest, 'schema' | 'okStatus'>): Promise<RawResponse> {
    const { url, publicUrl, init, deadline, started, answered } = this.#prepare(req);
    try {
      const response = await undiciRequest(url, init).finally(answered);
      const text = await readBody(response.body, this.maxResponseBytes);
      return {
        status: response.statusCode,
        headers: flattenHeaders(response.headers),
        text,
        elapsedMs: performance.now() - started,
        url: publicUrl,
      };
    } catch (error) {
      throw this.#mapError(error, req, publicUrl, started, deadline);
    } finally {
      deadline.clear();
    }
  }

  #prepare(req: Omit<HttpRequest, 'schema' | 'okStatus'>) {
    if (!req.path.startsWith('/')) throw new InvalidArgumentError('path', `expected a path starting with "/", got ${JSON.stringify(req.path)}`);
    const timeoutMs = req.timeoutMs ?? this.timeoutMs;
    assertPositive('timeoutMs', timeoutMs);
    const target = new URL(this.baseUrl + req.path);
    for (const [key, value] of Object.entries(req.query ?? {})) {
      if (value !== undefined) target.searchParams.set(key, String(value));
    }
    const publicUrl = stripCredentials(target);
    const headers: Record<string, string> = { accept: 'application/json, text/plain;q=0.9, */*;q=0.5', ...this.#authHeaders, ...req.headers };
    let body: string | Uint8Array | undefined;
    if (req.json !== undefined) {
      body = JSON.stringify(req.json);
      headers['content-type'] = 'application/json';
    } else if (req.rawBody !== undefined) {
      body = req.rawBody;
      if (req.contentType !== undefined) headers['content-type'] = req.contentType;
    }
    let sendBody: string | Uint8Array | Readable | undefined = body;
    let answered: () => void = () => undefined;
    if (body !== undefined && req.expectEarlyAnswer === true && Buffer.byteLength(body) > EARLY_ANSWER_MIN_BYTES) {
      const paced = earlyAnswerBody(body, new Promise<void>((resolve) => (answered = resolve)), Math.min(EARLY_ANSWER_WAIT_MS, timeoutMs));
      headers['content-length'] = String(paced.bytes);
      sendBody = paced.stream;
    }
    const deadline = new Deadline(timeoutMs, req.signal);
    const init = {
      method: req.method,
      headers,
      body: sendBody ?? null,
      dispatcher: this.#dispatcher,
      signal: deadline.signal,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    };
    return { url: target, publicUrl, init, deadline, started: performance.now(), timeoutMs, answered };
  }

  #mapError(error: unknown, req: Omit<HttpRequest, 'schema' | 'okStatus'>, url: string, started: number, deadline: Deadline): Error {
    if (errorCode(error) !== RESPONSE_TOO_LARGE_CODE) {
      if (deadline.timedOut) return new TimeoutError({ method: req.method, url, elapsedMs: performance.now() - started, timeoutMs: deadline.timeoutMs, phase: 'total' }, { cause: error });
      if (deadline.callerAborted) return new AbortedError(req.method, url, { cause: error });
    }
    return this.#mapTransportError(error, req.method, url, started, deadline.timeoutMs);
  }

  /** An undici error (or our own marker) as a typed client error. */
  #mapTransportError(error: unknown, method: HttpMethod, url: string, started: number, timeoutMs: number): Error {
    const facts = { method, url, elapsedMs: performance.now() - started };
    const code = errorCode(error);
    if (code === RESPONSE_TOO_LARGE_CODE) return new ResponseTooLargeError({ ...facts, limitBytes: this.maxResponseBytes });
    if (code === 'UND_ERR_HEADERS_TIMEOUT') return new TimeoutError({ ...facts, timeoutMs, phase: 'headers' }, { cause: error });
    if (code === 'UND_ERR_BODY_TIMEOUT') return new TimeoutError({ ...facts, timeoutMs, phase: 'body' }, { cause: error });
    if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ETIMEDOUT') return new TimeoutError({ ...facts, timeoutMs, phase: 'connect' }, { cause: error });
    if (isRagValidateError(error)) return error;
    return new ConnectionError({ ...facts, reason: code ?? 'UNKNOWN', detail: code === undefined && error instanceof Error ? this.#redact(error.message) : '' }, { cause: error });
  }

  async #backoff(attempt: number, signal: AbortSignal | undefined): Promise<void> {
    await sleep(this.retryDelayMs * 2 ** attempt, undefined, signal ? { signal } : {}).catch(() => undefined);
  }

  #excerpt(text: string): string {
    const flat = text.replace(/\s+/g, ' ').trim();
    return this.#redact(flat.length > EXCERPT_CHARS ? `${flat.slice(0, EXCERPT_CHARS)}…` : flat);
  }
}

/** A response whose body is read by the caller (SSE). */
export interface StreamingResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly url: string;
  /** performance.now() when the call started. */
  readonly startedAt: number;
  readonly body: AsyncIterable<Buffer | string> & { destroy(error?: Error): unknown };
  /** Maps an error thrown while reading the body to a typed client error. */
  mapError(error: unknown): Error;
  /** Releases the deadline timer; call when the body is done. */
  done(): void;
}

class Deadline {
  readonly signal: AbortSignal;
  readonly timeoutMs: number;
  timedOut = false;
  callerAborted = false;
  readonly #controller = new AbortController();
  readonly #timer: NodeJS.Timeout;
  readonly #caller: AbortSignal | undefined;
  readonly #onCallerAbort = () => {
    this.callerAborted = true;
    this.#controller.abort();
  };

  constructor(timeoutMs: number, caller: AbortSignal | undefined) {
    this.timeoutMs = timeoutMs;
    this.signal = this.#controller.signal;
    this.#timer = setTimeout(() => {
      this.timedOut = true;
      this.#controller.abort();
    }, timeoutMs);
    this.#caller = caller;
    if (caller?.aborted) this.#onCallerAbort();
    else caller?.addEventListener('abort', this.#onCallerAbort, { once: true });
  }

  clear(): void {
    clearTimeout(this.#timer);
    this.#caller?.removeEventListener('abort', this.#onCallerAbort);
  }
}

async function readBody(body: AsyncIterable<Buffer | string> & { destroy(error?: Error): unknown }, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += buffer.length;
    if (size > limit) {
      const marker = new Http1TransportError(RESPONSE_TOO_LARGE_CODE, `response larger than ${limit} bytes`);
      body.destroy(marker);
      throw marker;
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function authHeaders(auth: ServiceAuth | undefined): Record<string, string> {
  if (auth === undefined) return {};
  const headers: Record<string, string> = { ...auth.headers };
  if (auth.apiKey !== undefined) {
    headers[auth.apiKeyHeader] = auth.apiKeyHeader === 'authorization' ? `Bearer ${auth.apiKey}` : auth.apiKey;
  }
  return headers;
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(headers)) out[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  return out;
}

function stripCredentials(url: URL): string {
  const copy = new URL(url.href);
  copy.username = '';
  copy.password = '';
  for (const key of [...copy.searchParams.keys()]) {
    if (/key|token|secret|password|auth/i.test(key)) copy.searchParams.set(key, '***');
  }
  return copy.href;
}

function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth += 1) {
    const code = (current as Error & { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'UND_ERR_ABORTED' && code !== 'ABORT_ERR') return code;
    current = (current as Error & { cause?: unknown }).cause;
  }
  return undefined;
}

/** Parses JSON when the text is JSON, else returns the text. */
export function parseJsonOrText(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.parse(trimmed) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

/** Header names and values go into raw request bytes: a CR, LF or NUL would split the request. */
function assertHeadersSafe(headers: Readonly<Record<string, string>>): void {
  for (const [name, value] of Object.entries(headers)) {
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) throw new InvalidArgumentError('headers', `invalid header name ${JSON.stringify(name)}`);
    if (/[\r\n\0]/.test(value)) throw new InvalidArgumentError('headers', `the value of header ${JSON.stringify(name)} contains a line break or NUL`);
  }
}

function assertPositive(name: string, value: number): void {
  if (!Number.isFinite(value) || value <= 0) throw new InvalidArgumentError(name, `expected a number greater than 0, got ${value}`);
}

