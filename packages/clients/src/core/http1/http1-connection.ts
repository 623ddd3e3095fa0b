import { connect, type Socket } from 'node:net';
import { ResponseParser } from './response-parser.js';

/** One call as the pool sends it: the request's bytes are built by the caller, once per request. */
export interface Http1Call {
  /** The whole request: request line, headers, blank line and body. */
  readonly bytes: Buffer;
  /** A HEAD call: the answer has no body whatever its headers say. */
  readonly noBody: boolean;
  /** Longest wait for the connection, for the answer to start, and between two body reads. */
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
  /** Safe to send again on a new connection when a reused one turns out closed (GET, HEAD…). */
  readonly idempotent: boolean;
}

export interface Http1Answer {
  readonly status: number;
  /** The body as UTF-8 text. */
  readonly text: string;
}

export type Http1Callback = (error: Error | undefined, answer: Http1Answer | undefined) => void;

/** One send of a call, as the pool tracks it from dispatch to answer. */
export interface Http1Pending {
  readonly call: Http1Call;
  readonly callback: Http1Callback;
  readonly signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
  /** Already sent again after a stale connection. */
  retried: boolean;
  /** The connection carrying it (undefined while it waits for one). */
  connection: Http1Connection | undefined;
}

export interface Http1ConnectionHooks {
  /** The connection can carry another call. */
  onFree(connection: Http1Connection): void;
  /** The connection is closed (it calls this once). */
  onGone(connection: Http1Connection): void;
  /** A call is answered or failed. */
  onDone(pending: Http1Pending, error: Error | undefined, answer: Http1Answer | undefined): void;
}

/** The error code both prepared-call transports use for an answer over `maxResponseBytes`. */
export const RESPONSE_TOO_LARGE_CODE = 'RV_RESPONSE_TOO_LARGE';

/** A transport failure, with a code the clients' error mapping knows (the same codes as undici's). */
export class Http1TransportError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** A failure on a reused connection before any answer arrived: the pool may send the call again. */
export class StaleConnectionError extends Http1TransportError {}

const READ_BUFFER_BYTES = 64 * 1024;
/** The read buffer every connection shares: read callbacks run one at a time, to completion. */
let readBuffer: Buffer | undefined;

/**
 * One keep-alive TCP connection carrying one call at a time. It is told what to do by its pool
 * (`send`), reports back through the call's callback and `onFree`, and is timed out by the pool's
 * sweeper (`sweep`), so a call costs no timer of its own.
 */
export class Http1Connection {
  readonly #socket: Socket;
  readonly #parser: ResponseParser;
  readonly #hooks: Http1ConnectionHooks;
  // The call in flight, in fields of the connection rather than an object per call.
  #pending: Http1Pending | undefined;
  /** The answer's status; 0 until its head is read. */
  #status = 0;
  /** The body, when it came in one read (decoded at once, no copy). */
  #text: string | undefined;
  /** Copies of the body's pieces, when it came in several (one array, emptied after each call). */
  readonly #chunks: Buffer[] = [];
  #size = 0;
  #received = false;
  /** The last answer's head said the connection stays open / how long the server keeps it. */
  #keepAlive = false;
  #serverKeepAliveMs: number | undefined;
  #connected = false;
  #closed = false;
  #socketError: Error | undefined;
  /** Calls answered on this connection. */
  #served = 0;
  // Deadlines without a clock read per call: sends and reads bump `#activity`; the sweeper notes
  // when it last saw it change (`#quietSince`) and when the connection became idle.
  #activity = 0;
  #sweptActivity = -1;
  #quietSince = 0;
  #idleForMs = 0;
  #idleUntil = Number.NaN;

  constructor(host: string, port: number, hooks: Http1ConnectionHooks) {
    this.#hooks = hooks;
    this.#parser = new ResponseParser({
      onHead: (status, keepAlive, keepAliveTimeoutMs) => this.#onHead(status, keepAlive, keepAliveTimeoutMs),
      onBody: (data, start, end, last) => this.#onBody(data, start, end, last),
      onEnd: () => this.#onEnd(),
    });
    // Reads land in one shared buffer and go straight to the parser (no stream chunk per read);
    // whatever outlives the callback is copied (body chunks here, partial heads in the parser).
    readBuffer ??= Buffer.allocUnsafe(READ_BUFFER_BYTES);
    this.#socket = connect({
      host,
      port,
      noDelay: true,
      onread: { buffer: readBuffer, callback: (bytes: number) => this.#onData(readBuffer as Buffer, bytes) },
    });
    this.#socket.on('connect', () => {
      this.#connected = true;
    });
    this.#socket.on('error', (error) => {
      this.#socketError ??= error;
    });
    this.#socket.on('close', () => this.#onClose());
  }

  get busy(): boolean {
    return this.#pending !== undefined;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Sends a call; the connection must be idle. */
  send(pending: Http1Pending): void {
    const { call } = pending;
    pending.connection = this;
    this.#pending = pending;
    this.#status = 0;
    this.#text = undefined;
    this.#size = 0;
    this.#received = false;
    this.#keepAlive = false;
    this.#activity += 1;
    this.#parser.expect(call.noBody);
    this.#socket.write(call.bytes);
  }

  /** The connection waits for its next call: the sweeper closes it once idle for `keepMs`. */
  idle(keepMs: number): void {
    this.#idleForMs = keepMs;
    this.#idleUntil = Number.NaN;
  }

  /** Fails the call in flight (if any) with `error` and closes the connection. */
  abort(error: Error): void {
    const pending = this.#release();
    this.#close();
    if (pending !== undefined) this.#hooks.onDone(pending, error, undefined);
  }

  /**
   * Called every few ms by the pool with performance.now(): closes the connection when idle past
   * its keep-alive time and fails a call with nothing sent or received for its timeout. Both are
   * timed from the first sweep that sees the change, so they come within two sweep intervals late
   * and never early.
   */
  sweep(now: number): void {
    const pending = this.#pending;
    if (pending === undefined) {
      if (Number.isNaN(this.#idleUntil)) this.#idleUntil = now + this.#idleForMs;
      else if (now >= this.#idleUntil) this.#close();
      return;
    }
    if (this.#activity !== this.#sweptActivity) {
      this.#sweptActivity = this.#activity;
      this.#quietSince = now;
      return;
    }
    const { timeoutMs } = pending.call;
    if (now - this.#quietSince < timeoutMs) return;
    if (!this.#connected) this.abort(new Http1TransportError('UND_ERR_CONNECT_TIMEOUT', `no connection within ${timeoutMs} ms`));
    else if (this.#status === 0) this.abort(new Http1TransportError('UND_ERR_HEADERS_TIMEOUT', `no answer within ${timeoutMs} ms`));
    else this.abort(new Http1TransportError('UND_ERR_BODY_TIMEOUT', `the body stopped arriving for ${timeoutMs} ms`));
  }

  /** Closes the connection now (idle or not, without calling back). */
  destroy(): void {
    this.#release();
    this.#close();
  }

  /** How long the server keeps this connection open when idle, if it said so. */
  get serverKeepAliveMs(): number | undefined {
    return this.#serverKeepAliveMs;
  }

  /** Ends the call in flight (if any) and returns it. */
  #release(): Http1Pending | undefined {
    const pending = this.#pending;
    this.#pending = undefined;
    this.#text = undefined;
    // Setting an array's length goes through the runtime even when it does not change.
    if (this.#chunks.length !== 0) this.#chunks.length = 0;
    return pending;
  }

  #onData(data: Buffer, bytes: number): boolean {
    if (this.#pending === undefined) {
      // Bytes nobody asked for: the connection is out of step and cannot be trusted.
      this.#close();
      return false;
    }
    this.#received = true;
    this.#activity += 1;
    try {
      this.#parser.push(data, bytes);
    } catch (error) {
      this.abort(error instanceof Error ? error : new Http1TransportError('HPE_INVALID_RESPONSE', String(error)));
    }
    return true;
  }

  #onHead(status: number, keepAlive: boolean, keepAliveTimeoutMs: number | undefined): void {
    if (this.#pending === undefined) return;
    this.#status = status;
    this.#keepAlive = keepAlive;
    this.#serverKeepAliveMs = keepAliveTimeoutMs;
  }

  #onBody(data: Buffer, start: number, end: number, last: boolean): void {
    const pending = this.#pending;
    if (pending === undefined) return;
    this.#size += end - start;
    const { maxResponseBytes } = pending.call;
    if (this.#size > maxResponseBytes) {
      this.abort(new Http1TransportError(RESPONSE_TOO_LARGE_CODE, `response larger than ${maxResponseBytes} bytes`));
      return;
    }
    const chunks = this.#chunks;
    if (last && chunks.length === 0) {
      this.#text = data.toString('utf8', start, end);
      return;
    }
    // A copy: `data` is the shared read buffer. Decoded at the end (a character may span reads).
    const copy = Buffer.allocUnsafe(end - start);
    data.copy(copy, 0, start, end);
    chunks.push(copy);
  }

  #onEnd(): void {
    if (this.#pending === undefined) return;
    this.#served += 1;
    const chunks = this.#chunks;
    const text = this.#text ?? (chunks.length === 0 ? '' : chunks.length === 1 ? (chunks[0] as Buffer).toString('utf8') : Buffer.concat(chunks).toString('utf8'));
    const status = this.#status;
    const pending = this.#release() as Http1Pending;
    const reusable = this.#keepAlive && !this.#closed;
    if (!reusable) this.#close();
    this.#hooks.onDone(pending, undefined, { status, text });
    if (reusable) this.#hooks.onFree(this);
  }

  #onClose(): void {
    const wasClosed = this.#closed;
    this.#closed = true;
    // A body read until close is complete now (#onEnd answers the call); anything else was cut short.
    if (this.#pending !== undefined && !this.#parser.close()) {
      const error = this.#closeError(this.#pending);
      const pending = this.#release() as Http1Pending;
      this.#hooks.onDone(pending, error, undefined);
    }
    if (!wasClosed) this.#hooks.onGone(this);
  }

  #closeError(pending: Http1Pending): Error {
    const cause = this.#socketError;
    const code = (cause as (Error & { code?: unknown }) | undefined)?.code;
    if (!this.#received && this.#served > 0 && pending.call.idempotent && code !== 'ECONNREFUSED') {
      return new StaleConnectionError('UND_ERR_SOCKET', 'a reused connection was closed before the answer started', { cause });
    }
    if (cause !== undefined) return cause;
    return new Http1TransportError('UND_ERR_SOCKET', this.#received ? 'the server closed the connection mid-answer' : 'the server closed the connection without answering');
  }

  #close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#socket.destroy();
    this.#hooks.onGone(this);
  }
}
