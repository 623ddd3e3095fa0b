import { SERVICE_DISPLAY_NAMES, SERVICE_NAMES, type ServiceName } from '@rag-validate/config';
import type { HealthCheck } from './core/health-check.js';
import type { ServiceClients } from './service-clients.js';

/** One endpoint probed for a service. */
export interface EndpointProbe {
  readonly endpoint: string;
  readonly ok: boolean;
  readonly status: number | undefined;
  readonly latencyMs: number;
  readonly detail: string;
  readonly errorCode?: string;
}

/** The health of one service: ok when every probed endpoint is ok. JSON-serialisable. */
export interface ServiceHealth {
  readonly service: ServiceName;
  readonly displayName: string;
  readonly url: string;
  readonly ok: boolean;
  /** The slowest probe's latency. */
  readonly latencyMs: number;
  readonly probes: readonly EndpointProbe[];
}

/**
 * Probes all four services at once with the right endpoint for each: `GET /health` for the
 * rag-, embedding- and llm-servers; `GET /healthz` and `GET /readyz` for Qdrant (which has no
 * `/health`). Never throws for a failing service.
 */
export async function probeServices(clients: ServiceClients, options: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<ServiceHealth[]> {
  const call = { ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }), ...(options.signal ? { signal: options.signal } : {}) };
  const plans: Record<ServiceName, () => Promise<Array<[string, HealthCheck]>>> = {
    rag: async () => [['/health', await clients.rag.health(call)]],
    embedding: async () => [['/health', await clients.embedding.health(call)]],
    llm: async () => [['/health', await clients.llm.health(call)]],
    vectorDb: async () => {
      const [healthz, readyz] = await Promise.all([clients.vectorDb.healthz(call), clients.vectorDb.readyz(call)]);
      return [
        ['/healthz', healthz],
        ['/readyz', readyz],
      ];
    },
  };
  const urls: Record<ServiceName, string> = {
    rag: clients.rag.http.baseUrl,
    embedding: clients.embedding.http.baseUrl,
    llm: clients.llm.http.baseUrl,
    vectorDb: clients.vectorDb.http.baseUrl,
  };
  return Promise.all(
    SERVICE_NAMES.map(async (service) => {
      const probes = (await plans[service]()).map(([endpoint, check]): EndpointProbe => ({
        endpoint,
        ok: check.ok,
        status: check.status,
        latencyMs: Math.round(check.latencyMs * 10) / 10,
        detail: check.detail,
        ...(check.error ? { errorCode: check.error.code } : {}),
      }));
      return {
        service,
        displayName: SERVICE_DISPLAY_NAMES[service],
        url: urls[service],
        ok: probes.every((p) => p.ok),
        latencyMs: Math.max(...probes.map((p) => p.latencyMs)),
        probes,
      };
    }),
  );
}
