import { randomUUID } from 'node:crypto';
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';
import { InvalidFaultOptionError } from '../../errors.js';
import { toxicSchema, type Toxic, type ToxicDirection, type ToxicInput } from './toxic.js';

export interface TcpFaultProxyOptions {
  /** Host the proxy listens on. Default: `127.0.0.1`. */
  readonly listenHost?: string;
  /** Port the proxy listens on; 0 picks a free one. Default: `0`. */
  readonly listenPort?: number;
  /** Where connections are forwarded to. */
  readonly upstreamHost: string;
  readonly upstreamPort: number;
  /** Bytes queued (delayed) per direction before the sender is paused. Default: `1_048_576`. */
  readonly maxQueuedBytes?: number;
  /** Source of randomness for probability and jitter (tests pass a seeded one). Default: `Math.random`. */
  readonly random?: () => number;
}

/** Counters since the proxy started. */
export interface TcpFaultProxyStats {
  readonly connectionsAccepted: number;
  readonly connectionsOpen: number;
  readonly upstreamConnectFailures: number;
  readonly bytesUpstream: number;
  readonly bytesDownstream: number;
  readonly bytesSwallowed: number;
  readonly resets: number;
}

/** What the proxy is doing right now. */
export interface TcpFaultProxyState {
  readonly listen: { readonly host: string; readonly port: number };
  readonly upstream: { readonly host: string; readonly port: number };
  /** True while the proxy refuses connections (`down`). */
  readonly down: boolean;
  readonly toxics: Readonly<Record<string, Toxic>>;
  readonly stats: TcpFaultProxyStats;
}

interface Queued {
  readonly chunk: Buffer;
  readonly dueAt: number;
}

/**
 * A TCP proxy that injects faults: latency with jitter, a bandwidth cap, connection resets,
 * blackholes, close-after-N-bytes, and `down` (connections refused). Faults are "toxics" that can be
 * added and removed while connections are open; they apply to new chunks at once.
 *
 * It is the fault path rag-validate uses where the kernel has no netem: put it between the
 * rag-server and one dependency, or between the validator and the rag-server.
 */
export class TcpFaultProxy {
  readonly host: string;
  readonly upstream: { readonly host: string; readonly port: number };
  #port = 0;
  #server: Server;
  #down = false;
  #closed = false;
  readonly #toxics = new Map<string, Toxic>();
  readonly #connections = new Set<ProxiedConnection>();
  readonly #random: () => number;
  readonly #maxQueuedBytes: number;
  readonly #stats = { connectionsAccepted: 0, upstreamConnectFailures: 0, bytesUpstream: 0, bytesDownstream: 0, bytesSwallowed: 0, resets: 0 };

  private constructor(options: TcpFaultProxyOptions) {
    const { listenHost = '127.0.0.1', upstreamHost, upstreamPort, maxQueuedBytes = 1_048_576, random = Math.random } = options;
    if (!Number.isInteger(upstreamPort) || upstreamPort <= 0 || upstreamPort > 65_535) throw new InvalidFaultOptionError('upstreamPort', `expected a TCP port, got ${upstreamPort}`);
    if (!(maxQueuedBytes > 0)) throw new InvalidFaultOptionError('maxQueuedBytes', `expected a number > 0, got ${maxQueuedBytes}`);
    this.host = listenHost;
    this.upstream = { host: upstreamHost, port: upstreamPort };
    this.#random = random;
    this.#maxQueuedBytes = maxQueuedBytes;
    this.#server = this.#createServer();
  }

  /** Starts a proxy and resolves once it listens. */
  static async start(options: TcpFaultProxyOptions): Promise<TcpFaultProxy> {
    const { listenPort = 0 } = options;
    if (!Number.isInteger(listenPort) || listenPort < 0 || listenPort > 65_535) throw new InvalidFaultOptionError('listenPort', `expected a TCP port or 0, got ${listenPort}`);
    const proxy = new TcpFaultProxy(options);
    await proxy.#listen(listenPort);
    return proxy;
  }

  get port(): number {
    return this.#port;
  }

  /** `host:port` clients connect to. */
  get address(): string {
    return `${this.host}:${this.#port}`;
  }

  get down(): boolean {
    return this.#down;
  }

  /** Adds (or replaces, with the same id) a toxic; it applies to open connections at once. Returns its id. */
  addToxic(input: ToxicInput, id: string = randomUUID()): string {
    const parsed = toxicSchema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new InvalidFaultOptionError(`toxic.${issue?.path.join('.') ?? ''}`, issue?.message ?? 'invalid toxic');
    }
    this.#toxics.set(id, parsed.data);
    return id;
  }

  /** Removes a toxic; returns false when there was none with this id. */
  removeToxic(id: string): boolean {
    return this.#toxics.delete(id);
  }

  /**
   * `down`: stop listening (new connections are refused) and reset every open connection.
   * `up`: listen again on the same port.
   */
  async setDown(down: boolean): Promise<void> {
    if (down === this.#down || this.#closed) return;
    this.#down = down;
    if (down) {
      const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
      for (const connection of this.#connections) connection.reset();
      await closed;
    } else {
      this.#server = this.#createServer();
      await this.#listen(this.#port);
    }
  }

  /** Removes every toxic and brings the proxy up: plain forwarding again. */
  async clear(): Promise<void> {
    this.#toxics.clear();
    await this.setDown(false);
  }

  state(): TcpFaultProxyState {
    return {
      listen: { host: this.host, port: this.#port },
      upstream: this.upstream,
      down: this.#down,
      toxics: Object.fromEntries(this.#toxics),
      stats: { ...this.#stats, connectionsOpen: this.#connections.size },
    };
  }

  /** Stops listening and closes every connection. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const connection of this.#connections) connection.destroy();
    if (!this.#down) await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  /** The toxics that currently apply to `direction` (for one connection's own dice rolls). */
  toxicsFor(direction: ToxicDirection): Array<[string, Toxic]> {
    return [...this.#toxics].filter(([, toxic]) => toxic.direction === direction);
  }

  #createServer(): Server {
    const server = createServer({ noDelay: true }, (client) => this.#accept(client));
    server.on('error', () => undefined);
    return server;
  }

  #listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      this.#server.once('error', onError);
      this.#server.listen(port, this.host, () => {
        this.#server.off('error', onError);
        this.#port = (this.#server.address() as AddressInfo).port;
        resolve();
      });
    });
  }

  #accept(client: Socket): void {
    this.#stats.connectionsAccepted += 1;
    const connection = new ProxiedConnection(this, client, {
      random: this.#random,
      maxQueuedBytes: this.#maxQueuedBytes,
      onBytes: (direction, bytes) => {
        if (direction === 'upstream') this.#stats.bytesUpstream += bytes;
        else this.#stats.bytesDownstream += bytes;
      },
      onSwallowed: (bytes) => {
        this.#stats.bytesSwallowed += bytes;
      },
      onReset: () => {
        this.#stats.resets += 1;
      },
      onConnectFailure: () => {
        this.#stats.upstreamConnectFailures += 1;
      },
      onClose: () => this.#connections.delete(connection),
    });
    this.#connections.add(connection);
  }
}

interface ConnectionHooks {
  readonly random: () => number;
  readonly maxQueuedBytes: number;
  onBytes(direction: ToxicDirection, bytes: number): void;
  onSwallowed(bytes: number): void;
  onReset(): void;
  onConnectFailure(): void;
  onClose(): void;
}

/** One client connection and its upstream connection, with a fault pipe per direction. */
class ProxiedConnection {
  readonly #client: Socket;
  readonly #server: Socket;
  readonly #hooks: ConnectionHooks;
  readonly #openedAt = Date.now();
  /** Per toxic id: whether this connection drew it (decided at first use). */
  readonly #drawn = new Map<string, boolean>();
  readonly #pipes: Record<ToxicDirection, Pipe>;
  #finished = false;

  constructor(proxy: TcpFaultProxy, client: Socket, hooks: ConnectionHooks) {
    this.#client = client;
    this.#hooks = hooks;
    this.#server = connect({ host: proxy.upstream.host, port: proxy.upstream.port, noDelay: true });
    this.#pipes = {
      upstream: new Pipe(this, 'upstream', client, this.#server, proxy, hooks),
      downstream: new Pipe(this, 'downstream', this.#server, client, proxy, hooks),
    };
    // Until the upstream connection is up, bytes written to it are buffered by the socket.
    let connected = false;
    this.#server.once('connect', () => {
      connected = true;
    });
    this.#server.on('error', () => {
      if (!connected) hooks.onConnectFailure();
      this.reset();
    });
    this.#client.on('error', () => this.reset());
    this.#client.on('close', () => this.#finish());
    this.#server.on('close', () => this.#finish());
  }

  get openedAt(): number {
    return this.#openedAt;
  }

  /** Whether this connection suffers `toxic` (rolled once per connection and toxic). */
  draws(id: string, toxic: Toxic): boolean {
    let drawn = this.#drawn.get(id);
    if (drawn === undefined) {
      drawn = toxic.probability >= 1 ? true : toxic.probability <= 0 ? false : this.#hooks.random() < toxic.probability;
      this.#drawn.set(id, drawn);
    }
    return drawn;
  }

  random(): number {
    return this.#hooks.random();
  }

  /** Abort both sides with a TCP RST. */
  reset(): void {
    if (this.#finished) return;
    this.#hooks.onReset();
    for (const socket of [this.#client, this.#server]) {
      if (socket.destroyed) continue;
      if (typeof socket.resetAndDestroy === 'function' && socket.readyState !== 'opening') socket.resetAndDestroy();
      else socket.destroy();
    }
  }

  /** Close both sides normally (FIN), after what was already forwarded. */
  end(): void {
    this.#client.end();
    this.#server.end();
  }

  destroy(): void {
    this.#client.destroy();
    this.#server.destroy();
  }

  #finish(): void {
    if (this.#finished) return;
    this.#finished = true;
    this.#pipes.upstream.dispose();
    this.#pipes.downstream.dispose();
    this.#client.destroy();
    this.#server.destroy();
    this.#hooks.onClose();
  }
}

/** Bytes of one direction: through the toxics, then queued until due, then written. */
class Pipe {
  readonly #connection: ProxiedConnection;
  readonly #direction: ToxicDirection;
  readonly #from: Socket;
  readonly #to: Socket;
  readonly #proxy: TcpFaultProxy;
  readonly #hooks: ConnectionHooks;
  readonly #queue: Queued[] = [];
  #queuedBytes = 0;
  #lastDueAt = 0;
  #bandwidthFreeAt = 0;
  #bytesSeen = 0;
  #timer: NodeJS.Timeout | undefined;
  #ended = false;
  #disposed = false;

  constructor(connection: ProxiedConnection, direction: ToxicDirection, from: Socket, to: Socket, proxy: TcpFaultProxy, hooks: ConnectionHooks) {
    this.#connection = connection;
    this.#direction = direction;
    this.#from = from;
    this.#to = to;
    this.#proxy = proxy;
    this.#hooks = hooks;
    from.on('data', (chunk: Buffer) => this.#onData(chunk));
    from.on('end', () => {
      this.#ended = true;
      this.#flush();
    });
    to.on('drain', () => this.#maybeResume());
  }

  dispose(): void {
    this.#disposed = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#queue.length = 0;
  }

  #onData(chunk: Buffer): void {
    if (this.#disposed) return;
    let dueAt = Date.now();
    let data: Buffer | undefined = chunk;
    let closeAfter = false;
    for (const [id, toxic] of this.#proxy.toxicsFor(this.#direction)) {
      if (data === undefined) break;
      if (!this.#connection.draws(id, toxic)) continue;
      switch (toxic.type) {
        case 'blackhole':
          this.#hooks.onSwallowed(data.length);
          data = undefined;
          break;
        case 'reset':
          if (Date.now() - this.#connection.openedAt >= toxic.afterMs) {
            this.#connection.reset();
            return;
          }
          break;
        case 'close-after': {
          const room = toxic.bytes - this.#bytesSeen;
          if (room <= data.length) {
            data = room > 0 ? data.subarray(0, room) : undefined;
            closeAfter = true;
          }
          break;
        }
        case 'latency': {
          const jitter = toxic.jitterMs > 0 ? (this.#connection.random() * 2 - 1) * toxic.jitterMs : 0;
          dueAt += Math.max(0, toxic.latencyMs + jitter);
          break;
        }
        case 'bandwidth': {
          const start = Math.max(dueAt, this.#bandwidthFreeAt);
          this.#bandwidthFreeAt = start + (data.length / toxic.bytesPerSecond) * 1_000;
          dueAt = this.#bandwidthFreeAt;
          break;
        }
      }
    }
    if (data !== undefined && data.length > 0) {
      this.#bytesSeen += data.length;
      // Order is kept: a chunk is never due before the one queued ahead of it.
      dueAt = Math.max(dueAt, this.#lastDueAt);
      this.#lastDueAt = dueAt;
      this.#queue.push({ chunk: data, dueAt });
      this.#queuedBytes += data.length;
      if (this.#queuedBytes > this.#hooks.maxQueuedBytes) this.#from.pause();
    }
    if (closeAfter) {
      this.#flush();
      this.#connection.end();
      return;
    }
    this.#flush();
  }

  #flush(): void {
    if (this.#disposed) return;
    if (this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    const now = Date.now();
    for (let next = this.#queue[0]; next !== undefined && next.dueAt <= now; next = this.#queue[0]) {
      this.#queue.shift();
      const { chunk } = next;
      this.#queuedBytes -= chunk.length;
      this.#hooks.onBytes(this.#direction, chunk.length);
      if (!this.#to.destroyed) this.#to.write(chunk);
    }
    if (this.#to.writableNeedDrain) this.#from.pause();
    const head = this.#queue[0];
    if (head !== undefined) {
      this.#timer = setTimeout(() => this.#flush(), Math.max(1, head.dueAt - now));
    } else if (this.#ended && !this.#to.destroyed) {
      this.#to.end();
    }
    this.#maybeResume();
  }

  #maybeResume(): void {
    if (this.#queuedBytes <= this.#hooks.maxQueuedBytes && !this.#to.writableNeedDrain && this.#from.isPaused()) this.#from.resume();
  }
}
