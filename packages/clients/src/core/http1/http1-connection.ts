import { connect, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { ResponseParser, type ResponseHead } from './response-parser.js';

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

interface Active {
  readonly pending: Http1Pending;
  readonly call: Http1Call;
  status: number;
  /** The body, when it came in one read (decoded at once, no copy). */
  text: string | undefined;
  /** Copies of the body's pieces, when it came in several. */
  readonly chunks: Buffer[];
  size: number;
  /** When the call was written, then when the last bytes of its answer arrived. */
  lastActivity: number;
  headSeen: boolean;
  received: boolean;
}

/**
 * One keep-alive TCP connection carrying one call at a time. It is told what to do by its pool
 * (`send`), reports back through the call's callback and `onFree`, and is timed out by the pool's
 * sweeper (`sweep`), so a call costs no timer of its own.
 */
export class Http1Connection {
  readonly #socket: Socket;
  readonly #parser: ResponseParser;
  readonly #hooks: Http1ConnectionHooks;
  #active: Active | undefined;
  #connected = false;
  #closed = false;
  #socketError: Error | undefined;
  #head: ResponseHead | undefined;
  /** Calls answered on this connection. */
  #served = 0;
  /** When an idle connection is closed (performance.now()). */
  idleUntil = 0;

  constructor(host: string, port: number, hooks: Http1ConnectionHooks) {
    this.#hooks = hooks;
    this.#parser = new ResponseParser({
      onHead: (head) => this.#onHead(head),
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
    return this.#active !== undefined;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Sends a call; the connection must be idle. */
  send(pending: Http1Pending): void {
    const { call } = pending;
    pending.connection = this;
    this.#active = { pending, call, status: 0, text: undefined, chunks: [], size: 0, lastActivity: performance.now(), headSeen: false, received: false };
    this.#head = undefined;
    this.#parser.expect(call.noBody);
    this.#socket.write(call.bytes);
  }

  /** Fails the call in flight (if any) with `error` and closes the connection. */
  abort(error: Error): void {
    const active = this.#active;
    this.#active = undefined;
    this.#close();
    if (active !== undefined) this.#hooks.onDone(active.pending, error, undefined);
  }

  /** Closes the connection when idle past its keep-alive time; fails a call past its deadline. */
  sweep(now: number): void {
    const active = this.#active;
    if (active === undefined) {
      if (now >= this.idleUntil) this.#close();
      return;
    }
    const { timeoutMs } = active.call;
    if (now - active.lastActivity < timeoutMs) return;
    if (!this.#connected) this.abort(new Http1TransportError('UND_ERR_CONNECT_TIMEOUT', `no connection within ${timeoutMs} ms`));
    else if (!active.headSeen) this.abort(new Http1TransportError('UND_ERR_HEADERS_TIMEOUT', `no answer within ${timeoutMs} ms`));
    else this.abort(new Http1TransportError('UND_ERR_BODY_TIMEOUT', `the body stopped arriving for ${timeoutMs} ms`));
  }

  /** Closes the connection now (idle or not, without calling back). */
  destroy(): void {
    this.#active = undefined;
    this.#close();
  }

  /** How long the server keeps this connection open when idle, if it said so. */
  get serverKeepAliveMs(): number | undefined {
    return this.#head?.keepAliveTimeoutMs;
  }

  #onData(data: Buffer, bytes: number): boolean {
    const active = this.#active;
    if (active === undefined) {
      // Bytes nobody asked for: the connection is out of step and cannot be trusted.
      this.#close();
      return false;
    }
    active.received = true;
    active.lastActivity = performance.now();
    try {
      this.#parser.push(data, bytes);
    } catch (error) {
      this.abort(error instanceof Error ? error : new Http1TransportError('HPE_INVALID_RESPONSE', String(error)));
    }
    return true;
  }

  #onHead(head: ResponseHead): void {
    const active = this.#active;
    if (active === undefined) return;
    this.#head = head;
    active.headSeen = true;
    active.status = head.status;
  }

  #onBody(data: Buffer, start: number, end: number, last: boolean): void {
    const active = this.#active;
    if (active === undefined) return;
    active.size += end - start;
    if (active.size > active.call.maxResponseBytes) {
      this.abort(new Http1TransportError(RESPONSE_TOO_LARGE_CODE, `response larger than ${active.call.maxResponseBytes} bytes`));
      return;
    }
    if (last && active.chunks.length === 0) {
      active.text = data.toString('utf8', start, end);
      return;
    }
    // A copy: `data` is the shared read buffer. Decoded at the end (a character may span reads).
    const copy = Buffer.allocUnsafe(end - start);
    data.copy(copy, 0, start, end);
    active.chunks.push(copy);
  }

  #onEnd(): void {
    const active = this.#active;
    if (active === undefined) return;
    this.#active = undefined;
    this.#served += 1;
    const { chunks } = active;
    const text = active.text ?? (chunks.length === 0 ? '' : chunks.length === 1 ? (chunks[0] as Buffer).toString('utf8') : Buffer.concat(chunks).toString('utf8'));
    const reusable = this.#head?.keepAlive === true && !this.#closed;
    if (!reusable) this.#close();
    this.#hooks.onDone(active.pending, undefined, { status: active.status, text });
    if (reusable) this.#hooks.onFree(this);
  }

  #onClose(): void {
    const wasClosed = this.#closed;
    this.#closed = true;
    const active = this.#active;
    // A body read until close is complete now (#onEnd answers the call); anything else was cut short.
    if (active !== undefined && !this.#parser.close()) {
      this.#active = undefined;
      this.#hooks.onDone(active.pending, this.#closeError(active), undefined);
    }
    if (!wasClosed) this.#hooks.onGone(this);
  }

  #closeError(active: Active): Error {
    const cause = this.#socketError;
    const code = (cause as (Error & { code?: unknown }) | undefined)?.code;
    if (!active.received && this.#served > 0 && active.call.idempotent && code !== 'ECONNREFUSED') {
      return new StaleConnectionError('UND_ERR_SOCKET', 'a reused connection was closed before the answer started', { cause });
    }
    if (cause !== undefined) return cause;
    return new Http1TransportError('UND_ERR_SOCKET', active.received ? 'the server closed the connection mid-answer' : 'the server closed the connection without answering');
  }

  #close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#socket.destroy();
    this.#hooks.onGone(this);
  }
}
