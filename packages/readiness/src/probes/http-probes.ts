import { SERVICE_NAMES, type ServiceName } from '@rag-validate/config';
import { APP_SERVICES, gathered, missing, type AppService, type EvidenceMap, type ExposureProbe, type HttpProbe, type RouteProbe } from '../model/evidence.js';
import { probeableGetRoutes } from '../openapi/validate-openapi.js';
import type { ProbeContext } from './probe-context.js';

/** GET `path` on each of `services`, concurrently (within the context's limit). */
async function getEach<S extends ServiceName>(ctx: ProbeContext, services: readonly S[], path: (service: S) => string): Promise<Record<S, HttpProbe>> {
  const entries = await Promise.all(services.map(async (service) => [service, await ctx.observe(service, { method: 'GET', path: path(service) })] as const));
  return Object.fromEntries(entries) as Record<S, HttpProbe>;
}

export async function probeContract(ctx: ProbeContext): Promise<EvidenceMap['contract']> {
  try {
    return gathered(await ctx.clients.rag.contract({ timeoutMs: ctx.settings.probeTimeoutMs }));
  } catch (error) {
    const e = error as Error & { code?: string };
    return missing(e.code === 'RV_ERR_CONNECTION' || e.code === 'RV_ERR_TIMEOUT' ? 'unreachable' : 'failed', `the rag-server contract is unknown: ${e.message}`);
  }
}

export const probeHealth = (ctx: ProbeContext): Promise<EvidenceMap['health']> => getEach(ctx, APP_SERVICES, () => '/health');

export async function probeRagReadiness(ctx: ProbeContext): Promise<EvidenceMap['ragReadiness']> {
  const [readyz, livez] = await Promise.all([ctx.observe('rag', { method: 'GET', path: '/readyz' }), ctx.observe('rag', { method: 'GET', path: '/livez' })]);
  return { readyz, livez };
}

export async function probeVectorDb(ctx: ProbeContext): Promise<EvidenceMap['vectorDbProbes']> {
  const get = (path: string) => ctx.observe('vectorDb', { method: 'GET', path });
  const [healthz, readyz, livez] = await Promise.all([get('/healthz'), get('/readyz'), get('/livez')]);
  return { healthz, readyz, livez };
}

export const probeMetrics = (ctx: ProbeContext): Promise<EvidenceMap['metrics']> => getEach(ctx, SERVICE_NAMES, () => '/metrics');
export const probeOpenApi = (ctx: ProbeContext): Promise<EvidenceMap['openapi']> => getEach(ctx, APP_SERVICES, () => '/openapi.json');
export const probeDocsPage = (ctx: ProbeContext): Promise<EvidenceMap['docsPage']> => getEach(ctx, APP_SERVICES, () => '/docs');

const NOT_PROBED_AS_ROUTES: ReadonlySet<string> = new Set(['/metrics', '/docs', '/redoc', '/openapi.json', '/docs/oauth2-redirect']);
const ROUTES_PER_SERVICE = 20;

/** Calls up to 8 documented GET routes without parameters per service. */
export async function probeDocumentedRoutes(ctx: ProbeContext): Promise<EvidenceMap['documentedRoutes']> {
  const openapi = await ctx.get('openapi');
  const entries = await Promise.all(
    APP_SERVICES.map(async (service): Promise<[AppService, EvidenceMap['documentedRoutes'][AppService]]> => {
      const probe = openapi[service];
      if (!probe.ok) return [service, missing('unreachable', `no /openapi.json: ${probe.reason}`)];
      if (probe.value.status !== 200) return [service, missing('failed', `/openapi.json answered ${probe.value.status}`)];
      let document: unknown;
      try {
        document = JSON.parse(probe.value.text);
      } catch {
        return [service, missing('failed', '/openapi.json is not JSON')];
      }
      const paths = probeableGetRoutes(document).filter((p) => !NOT_PROBED_AS_ROUTES.has(p)).slice(0, ROUTES_PER_SERVICE);
      const routes = await Promise.all(paths.map(async (path): Promise<RouteProbe> => ({ path, observation: await ctx.observe(service, { method: 'GET', path }) })));
      return [service, gathered(routes)];
    }),
  );
  return Object.fromEntries(entries) as EvidenceMap['documentedRoutes'];
}

const EXPOSED_PATHS: Readonly<Record<ServiceName, readonly string[]>> = {
  rag: ['/docs', '/openapi.json', '/metrics'],
  embedding: ['/docs', '/openapi.json', '/metrics'],
  llm: ['/docs', '/openapi.json', '/metrics'],
  vectorDb: ['/metrics', '/dashboard'],
};

/** GETs without credentials of the endpoints that should stay internal. */
export async function probeExposure(ctx: ProbeContext): Promise<EvidenceMap['exposure']> {
  const probes = await Promise.all(
    SERVICE_NAMES.flatMap((service) =>
      EXPOSED_PATHS[service].map(async (path): Promise<ExposureProbe> => ({ service, path, observation: await ctx.observe(service, { method: 'GET', path }, { anonymous: true }) })),
    ),
  );
  return gathered(probes);
}
