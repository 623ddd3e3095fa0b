import { performance } from 'node:perf_hooks';
import { InvalidArgumentError } from '../errors.js';
import { Http1Connection, Http1TransportError, StaleConnectionError, type Http1Answer, type Http1Call, type Http1Callback, type Http1ConnectionHooks, type Http1Pending } from './http1-connection.js';

export interface Http1PoolOptions {
  /** Connections per origin; one call in flight needs one. Calls beyond that wait. Default: 256. */
  readonly connections?: number;
  /** How long an idle connection is kept (less when the server says it closes sooner). Default: 4_000. */
  readonly keepAliveTimeoutMs?: number;
}

/**
 * How often deadlines and idle connections are checked. A connection notes a change (a send, a
 * read, going idle) at the first sweep after it, so a timeout fires within two of these late.
 */
const SWEEP_MS = 25;

/** The connections of one host:port, and the hooks its connections report to (bound to it: no lookup per call). */
class Origin {
  readonly connections = new Set<Http1Connection>();
  /** Idle connections, most recently used last. */
  readonly idle: Http1Connection[] = [];
  readonly waiting: Http1Pending[] = [];
  readonly hooks: Http1ConnectionHooks;

  constructor(
    readonly host: string,
    readonly port: number,
    hooksFor: (origin: Origin) => Http1ConnectionHooks,
  ) {
    this.hooks = hooksFor(this);
  }
}

/**
 * Keep-alive HTTP/1.1 connections on raw sockets for calls whose request bytes are built once and
 * sent many times (`HttpClient.prepare()` with `http1Pool`): a load generator's path. Per call it
 * costs one socket write, one parse of the answer's head and no timer (one sweeper per pool checks
 * every deadline). Plain `http:` only. A GET/HEAD whose reused connection turns out closed by the
 * server is sent once more on a new connection. `close()` when done, or `destroy()` to cut every
 * call in flight.
 */
export class Http1Pool {
  readonly connectionsPerOrigin: number;
  readonly keepAliveTimeoutMs: number;
  readonly #origins = new Map<string, Origin>();
  /** The origin of the last call: a load generator sends to one or a few, so most calls skip the map. */
  #lastOrigin: Origin | undefined;
  #sweeper: NodeJS.Timeout | undefined;
  #state: 'open' | 'closing' | 'destroyed' = 'open';
  #closed: (() => void) | undefined;

  constructor(options: Http1PoolOptions = {}) {
    const { connections = 256, keepAliveTimeoutMs = 4_000 } = options;
    if (!Number.isInteger(connections) || connections < 1) throw new InvalidArgumentError('connections', `expected a whole number ≥ 1, got ${connections}`);
    if (!(keepAliveTimeoutMs > 0)) throw new InvalidArgumentError('keepAliveTimeoutMs', `expected a number of ms greater than 0, got ${keepAliveTimeoutMs}`);
    this.connectionsPerOrigin = connections;
    this.keepAliveTimeoutMs = keepAliveTimeoutMs;
  }

  /** No new calls are taken (closing or destroyed). */
  get closed(): boolean {
    return this.#state !== 'open';
  }

  /** Open connections, over all origins. */
  get openConnections(): number {
    let open = 0;
    for (const origin of this.#origins.values()) open += origin.connections.size;
    return open;
  }

  /** Sends `call` to host:port and calls back once with the answer or the failure. */
  dispatch(host: string, port: number, call: Http1Call, callback: Http1Callback, signal?: AbortSignal): void {
    if (this.#state !== 'open') {
      callback(new Http1TransportError(this.#state === 'destroyed' ? 'UND_ERR_DESTROYED' : 'UND_ERR_CLOSED', `the connection pool is ${this.#state === 'destroyed' ? 'destroyed' : 'closed'}`), undefined);
      return;
    }
    if (signal?.aborted === true) {
      callback(abortError(signal), undefined);
      return;
    }
    let origin = this.#lastOrigin;
    if (origin === undefined || origin.host !== host || origin.port !== port) origin = this.#lastOrigin = this.#origin(host, port);
    const pending: Http1Pending = { call, callback, signal, onAbort: undefined, retried: false, connection: undefined };
    if (signal !== undefined) {
      const bound = origin;
      pending.onAbort = () => this.#abort(bound, pending);
      signal.addEventListener('abort', pending.onAbort, { once: true });
    }
    this.#assign(origin, pending, false);
  }

  #origin(host: string, port: number): Origin {
    const key = `${host}:${port}`;
    let origin = this.#origins.get(key);
    if (origin === undefined) {
      origin = new Origin(host, port, (bound) => ({
        onFree: (connection) => this.#onFree(bound, connection),
        onGone: (connection) => this.#onGone(bound, connection),
        onDone: (done, error, answer) => this.#onDone(bound, done, error, answer),
      }));
      this.#origins.set(key, origin);
    }
    return origin;
  }

  /** Takes no new calls, lets the calls in flight finish, then closes every connection. */
  close(): Promise<void> {
    if (this.#state === 'destroyed') return Promise.resolve();
    this.#state = 'closing';
    return new Promise<void>((resolve) => {
      const previous = this.#closed;
      this.#closed = () => {
        previous?.();
        resolve();
      };
      this.#closeIfDrained();
    });
  }

  /** Fails every call in flight or waiting (UND_ERR_DESTROYED) and closes every connection at once. */
  destroy(): void {
    if (this.#state === 'destroyed') return;
    this.#state = 'destroyed';
    const error = new Http1TransportError('UND_ERR_DESTROYED', 'the connection pool was destroyed while the call was open');
    for (const origin of this.#origins.values()) {
      for (const pending of origin.waiting.splice(0)) this.#onDone(origin, pending, error, undefined);
      for (const connection of [...origin.connections]) connection.abort(error);
    }
    this.#finish();
  }

  #assign(origin: Origin, pending: Http1Pending, fresh: boolean): void {
    if (!fresh) {
      while (origin.idle.length > 0) {
        const connection = origin.idle.pop() as Http1Connection;
        if (connection.closed) continue;
        connection.send(pending);
        return;
      }
    }
    if (origin.connections.size < this.connectionsPerOrigin) {
      const connection = new Http1Connection(origin.host, origin.port, origin.hooks);
      origin.connections.add(connection);
      this.#sweeper ??= setInterval(() => this.#sweep(), SWEEP_MS).unref();
      connection.send(pending);
      return;
    }
    origin.waiting.push(pending);
  }

  #onFree(origin: Origin, connection: Http1Connection): void {
    const next = origin.waiting.shift();
    if (next !== undefined) {
      connection.send(next);
      return;
    }
    const serverMs = connection.serverKeepAliveMs;
    const keepMs = serverMs === undefined ? this.keepAliveTimeoutMs : Math.min(this.keepAliveTimeoutMs, Math.max(serverMs - 1_000, serverMs / 2));
    connection.idle(keepMs);
    origin.idle.push(connection);
    this.#closeIfDrained();
  }

  #onGone(origin: Origin, connection: Http1Connection): void {
    if (!origin.connections.delete(connection)) return;
    const at = origin.idle.indexOf(connection);
    if (at >= 0) origin.idle.splice(at, 1);
    // A connection slot is free: a waiting call gets a new connection.
    const next = origin.waiting.shift();
    if (next !== undefined && this.#state !== 'destroyed') this.#assign(origin, next, true);
    if (this.openConnections === 0 && this.#sweeper !== undefined) {
      clearInterval(this.#sweeper);
      this.#sweeper = undefined;
    }
    this.#closeIfDrained();
  }

  #onDone(origin: Origin, pending: Http1Pending, error: Error | undefined, answer: Http1Answer | undefined): void {
    pending.connection = undefined;
    if (error instanceof StaleConnectionError && !pending.retried && this.#state !== 'destroyed') {
      // The server closed a reused connection before answering: once more, on a new connection.
      pending.retried = true;
      this.#assign(origin, pending, true);
      return;
    }
    if (pending.onAbort !== undefined) pending.signal?.removeEventListener('abort', pending.onAbort);
    pending.callback(error, answer);
  }

  #abort(origin: Origin, pending: Http1Pending): void {
    const error = abortError(pending.signal);
    if (pending.connection !== undefined) {
      pending.connection.abort(error);
      return;
    }
    const at = origin.waiting.indexOf(pending);
    if (at < 0) return;
    origin.waiting.splice(at, 1);
    this.#onDone(origin, pending, error, undefined);
  }

  #sweep(): void {
    const now = performance.now();
    for (const origin of this.#origins.values()) {
      for (const connection of origin.connections) connection.sweep(now);
    }
  }

  #closeIfDrained(): void {
    if (this.#state !== 'closing' || this.#closed === undefined) return;
    for (const origin of this.#origins.values()) {
      if (origin.waiting.length > 0) return;
      for (const connection of origin.connections) if (connection.busy) return;
    }
    for (const origin of this.#origins.values()) for (const connection of [...origin.connections]) connection.destroy();
    this.#finish();
  }

  #finish(): void {
    if (this.#sweeper !== undefined) clearInterval(this.#sweeper);
    this.#sweeper = undefined;
    const closed = this.#closed;
    this.#closed = undefined;
    closed?.();
  }
}

function abortError(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  return new Http1TransportError('ABORT_ERR', 'the call was aborted', { cause: reason });
}
