import { HttpClient } from '@rag-validate/clients';
import { z } from 'zod';
import { toxicSchema, type ToxicInput } from './toxic.js';
import type { TcpFaultProxyState } from './tcp-fault-proxy.js';

const stateSchema = z
  .object({
    listen: z.object({ host: z.string(), port: z.number() }),
    upstream: z.object({ host: z.string(), port: z.number() }),
    down: z.boolean(),
    toxics: z.record(z.string(), toxicSchema),
    stats: z.object({
      connectionsAccepted: z.number(),
      connectionsOpen: z.number(),
      upstreamConnectFailures: z.number(),
      bytesUpstream: z.number(),
      bytesDownstream: z.number(),
      bytesSwallowed: z.number(),
      resets: z.number(),
    }),
  })
  .loose();

/** Talks to a fault proxy process over its control API (through the clients' HttpClient funnel). */
export class ProxyControlClient {
  readonly url: string;
  readonly #http: HttpClient;

  constructor(controlUrl: string, options: { timeoutMs?: number } = {}) {
    this.url = controlUrl;
    this.#http = new HttpClient({ baseUrl: controlUrl, timeoutMs: options.timeoutMs ?? 5_000, maxRetries: 1 });
  }

  async state(): Promise<TcpFaultProxyState> {
    return (await this.#http.request({ method: 'GET', path: '/state', schema: stateSchema })).body as TcpFaultProxyState;
  }

  async putToxic(id: string, toxic: ToxicInput): Promise<void> {
    await this.#http.request({ method: 'PUT', path: `/toxics/${encodeURIComponent(id)}`, json: toxic });
  }

  /** Removes a toxic; resolves false when the proxy had none with this id. */
  async deleteToxic(id: string): Promise<boolean> {
    const response = await this.#http.request({ method: 'DELETE', path: `/toxics/${encodeURIComponent(id)}`, okStatus: (s) => s === 200 || s === 404 });
    return response.status === 200;
  }

  async setDown(down: boolean): Promise<void> {
    await this.#http.request({ method: 'PUT', path: '/down', json: { down } });
  }

  async clear(): Promise<void> {
    await this.#http.request({ method: 'POST', path: '/clear', idempotent: true });
  }

  async shutdown(): Promise<void> {
    await this.#http.request({ method: 'POST', path: '/shutdown' });
  }
}
