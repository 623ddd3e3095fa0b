import type { ServiceApp } from '../../http/service-app.js';
import { naiveIsoNow, type RagContext } from '../rag-context.js';

const PROBE_TIMEOUT_MS = 2000;

/** `/`, `/health` (liveness), `/readyz` (dependencies) and the routers' static health endpoints. */
export function registerHealthRoutes(service: ServiceApp, ctx: RagContext): void {
  service.route({ method: 'GET', url: '/', summary: 'Service info', tags: ['health'], handler: () => ({ service: 'rag-server', status: 'running' }) });
  service.route({
    method: 'GET',
    url: '/health',
    summary: 'Liveness (does not check dependencies; see /readyz)',
    tags: ['health'],
    handler: () => ({ status: 'healthy', service: 'rag-server', timestamp: naiveIsoNow() }),
  });
  service.route({
    method: 'GET',
    url: '/readyz',
    summary: 'Readiness: 200 when every dependency answers its health check, else 503 with each state',
    tags: ['health'],
    handler: async ({ reply }) => {
      if (ctx.defects.has('health-ignores-dependencies')) return { status: 'ready', service: 'rag-server', dependencies: {} };
      const checks = await ctx.deps.probe(PROBE_TIMEOUT_MS);
      const dependencies = Object.fromEntries(
        Object.entries(checks).map(([name, check]) => [name, { status: check.ok ? 'up' : 'down', http_status: check.status ?? null, latency_ms: Math.round(check.latencyMs), detail: check.detail }]),
      );
      const ready = Object.values(checks).every((c) => c.ok);
      reply.code(ready ? 200 : 503);
      return { status: ready ? 'ready' : 'not_ready', service: 'rag-server', dependencies };
    },
  });
  service.route({ method: 'GET', url: '/api/v1/indexing/health', summary: 'Indexing router health', tags: ['indexing'], handler: () => ({ status: 'healthy', service: 'indexing' }) });
  service.route({ method: 'GET', url: '/api/v1/search/health', summary: 'Search router health', tags: ['search'], handler: () => ({ status: 'healthy', service: 'search-service' }) });
  service.route({ method: 'GET', url: '/api/v1/generate/health', summary: 'Generation router health', tags: ['generation'], handler: () => ({ status: 'healthy', service: 'generation-service' }) });
}
