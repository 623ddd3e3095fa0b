import { performance } from 'node:perf_hooks';
import type { Dispatcher } from 'undici';
import type { HttpMethod } from './errors.js';
import { Http1TransportError, RESPONSE_TOO_LARGE_CODE, type Http1Answer, type Http1Call } from './http1/http1-connection.js';
import type { Http1Pool } from './http1/http1-pool.js';

export type QueryValue = string | number | boolean | undefined;

/** What `HttpClient.prepare()` takes: the parts of a call that stay the same from send to send. */
export interface PreparedRequestSpec {
  readonly method: HttpMethod;
  /** Path below the base URL, starting with `/`. */
  readonly path: string;
  readonly query?: Readonly<Record<string, QueryValue>>;
  readonly headers?: Readonly<Record<string, string>>;
  /** Content type of the bodies `send()` is given. */
  readonly contentType?: string;
  /** Longest wait for the answer to start, and between two body chunks. Default: the client's timeoutMs. */
  readonly timeoutMs?: number;
}

/** What a prepared call got back, whatever the status. */
export interface PreparedResponse {
  readonly status: number;
  readonly text: string;
  readonly elapsedMs: number;
}

/** Everything a prepared call needs, worked out once by `HttpClient.prepare()`. */
export interface PreparedParts {
  readonly method: HttpMethod;
  /** Origin (`http://host:port`) and path with query. */
  readonly origin: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  readonly publicUrl: string;
  readonly maxResponseBytes: number;
  /** undici's path. */
  readonly dispatcher: Dispatcher;
  /** The raw-socket path, used instead of the dispatcher when set (plain http: only). */
  readonly http1: { readonly pool: Http1Pool; readonly host: string; readonly port: number } | undefined;
  readonly mapError: (error: unknown, url: string, started: number, callerAborted: boolean) => Error;
}

/** Methods whose calls are sent again when a reused connection turns out closed before answering. */
const IDEMPOTENT = new Set<HttpMethod>(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);
/** Methods that carry a body: without one they still say `content-length: 0`, as undici does. */
const BODY_METHODS = new Set<HttpMethod>(['POST', 'PUT', 'PATCH']);

/** A call prepared by `HttpClient.prepare()`; `send()` it as often as needed, concurrently too. */
export class PreparedRequest {
  readonly method: HttpMethod;
  /** The call's URL without credentials. */
  readonly url: string;
  readonly #parts: PreparedParts;
  /** Raw path: the request line and headers, up to (not including) the blank line. */
  readonly #head: Buffer | undefined;
  /** Raw path: the whole request of a call sent without a body. */
  readonly #bodyless: Http1Call | undefined;

  constructor(parts: PreparedParts) {
    this.#parts = parts;
    this.method = parts.method;
    this.url = parts.publicUrl;
    if (parts.http1 !== undefined) {
      const { host, port } = parts.http1;
      let head = `${parts.method} ${parts.path} HTTP/1.1\r\nhost: ${host.includes(':') ? `[${host}]` : host}:${port}\r\n`;
      for (const [name, value] of Object.entries(parts.headers)) head += `${name}: ${value}\r\n`;
      this.#head = Buffer.from(head, 'latin1');
      const bodyless = BODY_METHODS.has(parts.method) ? `${head}content-length: 0\r\n\r\n` : `${head}\r\n`;
      this.#bodyless = this.#call(Buffer.from(bodyless, 'latin1'));
    }
  }

  /**
   * Sends the call (with `body`, if given) and reads the whole answer. Throws only when nothing
   * usable came back. With an `http1Pool` the request's bytes were built once and go straight to
   * a pooled socket; otherwise the call goes through `dispatcher.dispatch()` with a handler of its
   * own (no response stream object per call).
   */
  send(options: { readonly body?: string | Uint8Array; readonly signal?: AbortSignal } = {}): Promise<PreparedResponse> {
    if (this.#parts.http1 === undefined) return this.#sendUndici(options);
    return new Promise<PreparedResponse>((resolve, reject) => {
      this.sendWith((error, response) => (response === undefined ? reject(error) : resolve(response)), options);
    });
  }

  /**
   * `send()` with a callback instead of a promise, called once with the typed error or the
   * response. On an `http1Pool` it is called straight from the socket's read (no promise, no
   * microtask per call): the load generator's path.
   */
  sendWith(callback: (error: Error | undefined, response: PreparedResponse | undefined) => void, options: { readonly body?: string | Uint8Array; readonly signal?: AbortSignal } = {}): void {
    if (this.#parts.http1 === undefined) {
      this.#sendUndici(options).then(
        (response) => callback(undefined, response),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), undefined),
      );
      return;
    }
    this.#sendHttp1(options, callback);
  }

  #call(bytes: Buffer): Http1Call {
    const parts = this.#parts;
    return { bytes, noBody: parts.method === 'HEAD', timeoutMs: parts.timeoutMs, maxResponseBytes: parts.maxResponseBytes, idempotent: IDEMPOTENT.has(parts.method) };
  }

  #sendHttp1(options: { readonly body?: string | Uint8Array; readonly signal?: AbortSignal }, callback: (error: Error | undefined, response: PreparedResponse | undefined) => void): void {
    const parts = this.#parts;
    const http1 = parts.http1 as NonNullable<PreparedParts['http1']>;
    const { body, signal } = options;
    let call = this.#bodyless as Http1Call;
    if (body !== undefined) {
      const bytes = typeof body === 'string' ? Buffer.from(body) : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
      call = this.#call(Buffer.concat([this.#head as Buffer, Buffer.from(`content-length: ${bytes.length}\r\n\r\n`, 'latin1'), bytes]));
    }
    const started = performance.now();
    http1.pool.dispatch(
      http1.host,
      http1.port,
      call,
      (error: Error | undefined, answer: Http1Answer | undefined) => {
        if (answer !== undefined) callback(undefined, { status: answer.status, text: answer.text, elapsedMs: performance.now() - started });
        else callback(parts.mapError(error, parts.publicUrl, started, signal?.aborted === true), undefined);
      },
      signal,
    );
  }

  #sendUndici(options: { readonly body?: string | Uint8Array; readonly signal?: AbortSignal }): Promise<PreparedResponse> {
    const parts = this.#parts;
    const { signal } = options;
    const started = performance.now();
    return new Promise<PreparedResponse>((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let status = 0;
      let onAbort: (() => void) | undefined;
      const settle = () => {
        if (onAbort !== undefined) signal?.removeEventListener('abort', onAbort);
      };
      const fail = (error: unknown) => {
        settle();
        reject(parts.mapError(error, parts.publicUrl, started, signal?.aborted === true));
      };
      if (signal?.aborted) {
        fail(signal.reason);
        return;
      }
      const handler: Dispatcher.DispatchHandler = {
        onRequestStart(controller) {
          if (signal === undefined) return;
          onAbort = () => controller.abort(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
          signal.addEventListener('abort', onAbort, { once: true });
        },
        onResponseStart(_controller, statusCode) {
          status = statusCode;
        },
        onResponseData(controller, chunk) {
          size += chunk.length;
          if (size > parts.maxResponseBytes) controller.abort(new Http1TransportError(RESPONSE_TOO_LARGE_CODE, `response larger than ${parts.maxResponseBytes} bytes`));
          else chunks.push(chunk);
        },
        onResponseEnd() {
          settle();
          const text = chunks.length === 1 ? (chunks[0] as Buffer).toString('utf8') : Buffer.concat(chunks).toString('utf8');
          resolve({ status, text, elapsedMs: performance.now() - started });
        },
        onResponseError(_controller, error) {
          fail(error);
        },
      };
      try {
        parts.dispatcher.dispatch(
          {
            origin: parts.origin,
            path: parts.path,
            method: parts.method,
            headers: parts.headers,
            body: options.body ?? null,
            headersTimeout: parts.timeoutMs,
            bodyTimeout: parts.timeoutMs,
          },
          handler,
        );
      } catch (error) {
        fail(error);
      }
    });
  }
}
