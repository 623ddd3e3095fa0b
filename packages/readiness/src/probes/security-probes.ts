import { randomBytes } from 'node:crypto';
import { SERVICE_NAMES, type ContractVersion, type ServiceName } from '@rag-validate/config';
import { gathered, missing, type AuthProbe, type BurstProbe, type CorsProbe, type EvidenceMap, type ProbeExchange } from '../model/evidence.js';
import type { ProbeContext, ProbeRequest } from './probe-context.js';

/** The origin the CORS probes claim to come from (a reserved, never-resolving name). */
export const CORS_PROBE_ORIGIN = 'https://rag-validate-cors-probe.invalid';

interface Planned {
  readonly service: ServiceName;
  readonly purpose: string;
  readonly request: ProbeRequest;
  readonly sent: readonly string[];
}

/** The rag-server search call of a contract version. */
export function searchCall(contract: ContractVersion, collection: string, query: string, limit: number): { path: string; json: Record<string, unknown> } {
  if (contract === 'codev-head') return { path: '/api/v1/search/vector', json: { query, collection_name: collection, top_k: limit } };
  return { path: '/api/v1/search/', json: { query, limit } };
}

async function send(ctx: ProbeContext, planned: readonly Planned[], options: { anonymous?: boolean } = {}): Promise<ProbeExchange[]> {
  return Promise.all(
    planned.map(async (p): Promise<ProbeExchange> => ({
      service: p.service,
      purpose: p.purpose,
      method: p.request.method,
      path: p.request.path,
      sent: p.sent,
      observation: await ctx.observe(p.service, p.request, options),
    })),
  );
}

async function contractOrUndefined(ctx: ProbeContext): Promise<ContractVersion | undefined> {
  const contract = await ctx.get('contract');
  return contract.ok ? contract.value : undefined;
}

/** Requests that make every service answer with an error. */
export async function probeErrorResponses(ctx: ProbeContext): Promise<EvidenceMap['errorResponses']> {
  const nonce = randomBytes(4).toString('hex');
  const contract = await contractOrUndefined(ctx);
  const collection = ctx.config.target.collection.name;
  const malformed = (service: ServiceName, path: string): Planned => ({
    service,
    purpose: 'malformed JSON',
    request: { method: 'POST', path, rawBody: '{"rag_validate_probe": [1, 2', contentType: 'application/json' },
    sent: ['rag_validate_probe'],
  });
  const missingPath = `/rag-validate-probe-${nonce}/not-found`;
  const planned: Planned[] = SERVICE_NAMES.map((service) => ({ service, purpose: 'unknown path', request: { method: 'GET', path: missingPath }, sent: [missingPath] }));
  const missingCollection = `rag-validate-probe-${nonce}`;
  planned.push(
    { service: 'vectorDb', purpose: 'missing collection', request: { method: 'GET', path: `/collections/${missingCollection}` }, sent: [missingCollection] },
    malformed('vectorDb', `/collections/${missingCollection}/points/search`),
    malformed('embedding', '/embedding/embed'),
    { service: 'embedding', purpose: 'wrongly typed field', request: { method: 'POST', path: '/embedding/embed', json: { text: { rag_validate_probe: true } } }, sent: ['rag_validate_probe'] },
    malformed('llm', '/v1/chat/completions'),
    { service: 'llm', purpose: 'wrongly typed field', request: { method: 'POST', path: '/v1/chat/completions', json: { messages: 'rag_validate_probe' } }, sent: ['rag_validate_probe'] },
  );
  if (contract !== undefined) {
    const search = searchCall(contract, collection, 'rag_validate_probe', 1);
    planned.push(
      malformed('rag', search.path),
      { service: 'rag', purpose: 'wrongly typed fields', request: { method: 'POST', path: search.path, json: { ...search.json, query: ['rag_validate_probe'], [contract === 'codev-head' ? 'top_k' : 'limit']: 'many' } }, sent: ['rag_validate_probe', 'many', collection] },
      { service: 'rag', purpose: 'unsupported language', request: { method: 'POST', path: '/api/v1/generate/', json: { query: 'rag_validate_probe', language: 'rag-validate-klingon' } }, sent: ['rag_validate_probe', 'rag-validate-klingon'] },
    );
    if (contract === 'codev-task06') {
      const file = `/rag-validate-probe-${nonce}/missing.py`;
      planned.push(
        { service: 'rag', purpose: 'missing server-side file', request: { method: 'POST', path: '/api/v1/indexing/file', json: { file_path: file, force_update: false } }, sent: [file] },
        {
          service: 'rag',
          purpose: 'search in a missing collection',
          request: { method: 'POST', path: search.path, json: { query: 'rag_validate_probe', limit: 1, collection_name: missingCollection } },
          sent: ['rag_validate_probe', missingCollection],
        },
      );
    }
  }
  return gathered(await send(ctx, planned));
}

/** A valid JSON body of about `bytes` bytes to each text-accepting POST route. */
export async function probeOversizedBody(ctx: ProbeContext): Promise<EvidenceMap['oversizedBody']> {
  const bytes = ctx.settings.oversizedBodyBytes;
  const filler = 'a'.repeat(bytes);
  const contract = await contractOrUndefined(ctx);
  const planned: Planned[] = [
    { service: 'embedding', purpose: `${formatBytes(bytes)} body`, request: { method: 'POST', path: '/embedding/embed', rawBody: `{"text":"${filler}"}`, contentType: 'application/json' }, sent: [] },
    {
      service: 'llm',
      purpose: `${formatBytes(bytes)} body`,
      request: { method: 'POST', path: '/v1/chat/completions', rawBody: `{"model":${JSON.stringify(ctx.config.target.llmModel)},"max_tokens":1,"messages":[{"role":"user","content":"${filler}"}]}`, contentType: 'application/json' },
      sent: [],
    },
  ];
  if (contract !== undefined) {
    const search = searchCall(contract, ctx.config.target.collection.name, '', 1);
    const prefix = JSON.stringify(search.json).replace('"query":""', `"query":"${filler}"`);
    planned.unshift({ service: 'rag', purpose: `${formatBytes(bytes)} body`, request: { method: 'POST', path: search.path, rawBody: prefix, contentType: 'application/json' }, sent: [] });
  }
  const exchanges = await send(ctx, planned);
  return gathered(exchanges);
}

/** Absurd result sizes and token counts. */
export async function probeRequestBounds(ctx: ProbeContext): Promise<EvidenceMap['requestBounds']> {
  const contract = await contractOrUndefined(ctx);
  const timeoutMs = ctx.settings.boundsTimeoutMs;
  const planned: Planned[] = [
    {
      service: 'llm',
      purpose: 'max_tokens 10,000,000',
      request: { method: 'POST', path: '/v1/chat/completions', json: { model: ctx.config.target.llmModel, max_tokens: 10_000_000, messages: [{ role: 'user', content: 'Say OK.' }] }, timeoutMs },
      sent: [],
    },
  ];
  if (contract !== undefined) {
    const search = searchCall(contract, ctx.config.target.collection.name, 'rag-validate bounds probe', 1_000_000);
    planned.unshift({ service: 'rag', purpose: `${contract === 'codev-head' ? 'top_k' : 'limit'} 1,000,000`, request: { method: 'POST', path: search.path, json: search.json, timeoutMs }, sent: [] });
  }
  return gathered(await send(ctx, planned));
}

/** `file_path` outside any sensible root, where the contract indexes server-side files. */
export async function probePathTraversal(ctx: ProbeContext): Promise<EvidenceMap['pathTraversal']> {
  const contract = await ctx.get('contract');
  if (!contract.ok) return missing(contract.code, contract.reason);
  if (contract.value !== 'codev-task06') return missing('not-applicable', `the ${contract.value} contract has no route that reads server-side files by path`);
  const paths = ['../../../../../../../../etc/passwd', '/etc/passwd'];
  const planned: Planned[] = paths.map((file_path) => ({
    service: 'rag',
    purpose: `file_path ${file_path}`,
    request: { method: 'POST', path: '/api/v1/indexing/file', json: { file_path, force_update: false } },
    sent: [file_path],
  }));
  return gathered(await send(ctx, planned));
}

const PREFLIGHT_ROUTES: Readonly<Record<ServiceName, string>> = {
  rag: '/api/v1/search/',
  embedding: '/embedding/embed',
  llm: '/v1/chat/completions',
  vectorDb: '/collections',
};
const SIMPLE_ROUTES: Readonly<Record<ServiceName, string>> = { rag: '/health', embedding: '/health', llm: '/health', vectorDb: '/healthz' };

/** A preflight and a simple GET from a foreign origin, on every service. */
export async function probeCors(ctx: ProbeContext): Promise<EvidenceMap['cors']> {
  const probes = await Promise.all(
    SERVICE_NAMES.map(async (service): Promise<CorsProbe> => {
      const [preflight, simple] = await Promise.all([
        ctx.observe(service, {
          method: 'OPTIONS',
          path: PREFLIGHT_ROUTES[service],
          headers: { origin: CORS_PROBE_ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, authorization' },
        }),
        ctx.observe(service, { method: 'GET', path: SIMPLE_ROUTES[service], headers: { origin: CORS_PROBE_ORIGIN } }),
      ]);
      return { service, origin: CORS_PROBE_ORIGIN, preflight, simple };
    }),
  );
  return gathered(probes);
}

/** One protected call without credentials for every service that has a key configured. */
export async function probeAuthEnforcement(ctx: ProbeContext): Promise<EvidenceMap['authEnforcement']> {
  const contract = await contractOrUndefined(ctx);
  const calls: Record<ServiceName, Planned> = {
    rag: {
      service: 'rag',
      purpose: 'search without credentials',
      request: { method: 'POST', ...searchCall(contract ?? 'codev-task06', ctx.config.target.collection.name, 'rag-validate auth probe', 1) },
      sent: [],
    },
    embedding: { service: 'embedding', purpose: 'embed without credentials', request: { method: 'POST', path: '/embedding/embed', json: { text: 'rag-validate auth probe' } }, sent: [] },
    llm: { service: 'llm', purpose: 'list models without credentials', request: { method: 'GET', path: '/v1/models' }, sent: [] },
    vectorDb: { service: 'vectorDb', purpose: 'list collections without credentials', request: { method: 'GET', path: '/collections' }, sent: [] },
  };
  const probes = await Promise.all(
    SERVICE_NAMES.map(async (service): Promise<AuthProbe> => {
      const keyConfigured = ctx.config.target.services[service].auth?.apiKey !== undefined;
      if (!keyConfigured) return { service, keyConfigured };
      const [withoutKey] = await send(ctx, [calls[service]], { anonymous: true });
      return { service, keyConfigured, ...(withoutKey === undefined ? {} : { withoutKey }) };
    }),
  );
  return gathered(probes);
}

const RATE_LIMIT_HEADERS = /^(?:retry-after|ratelimit(?:-[a-z]+)?|x-ratelimit-[a-z-]+|x-rate-limit-[a-z-]+)$/;

/** `burstSize` concurrent searches (or /health calls) on the rag-server, outside the probe concurrency limit. */
export async function probeRateLimit(ctx: ProbeContext): Promise<EvidenceMap['rateLimit']> {
  const contract = await contractOrUndefined(ctx);
  const request: ProbeRequest =
    contract === undefined ? { method: 'GET', path: '/health' } : { method: 'POST', ...searchCall(contract, ctx.config.target.collection.name, 'rag-validate rate limit probe', 1) };
  const answers = await Promise.all(Array.from({ length: ctx.settings.burstSize }, () => ctx.observe('rag', request, { unlimited: true })));
  const statuses: Record<string, number> = {};
  const headers = new Set<string>();
  for (const answer of answers) {
    const key = answer.ok ? String(answer.value.status) : 'error';
    statuses[key] = (statuses[key] ?? 0) + 1;
    if (!answer.ok) continue;
    for (const [name, value] of Object.entries(answer.value.headers)) if (RATE_LIMIT_HEADERS.test(name)) headers.add(`${name}: ${value ?? ''}`);
  }
  const burst: BurstProbe = { service: 'rag', method: request.method, path: request.path, sent: answers.length, statuses, rateLimitHeaders: [...headers].sort() };
  return gathered(burst);
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MiB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KiB`;
  return `${bytes} B`;
}
