import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestServer, type TestHandler, type TestServer } from '@rag-validate/clients/testing';
import type { RagValidateConfig } from '@rag-validate/config';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runReadiness, type RunReadinessOptions } from '../run-readiness.js';
import { configFor } from '../testing/config-for.js';
import { expectCheck } from '../testing/expect-check.js';
import { startFakeNpmRegistry } from '../testing/fake-npm-registry.js';
import { FIXTURES_DIR } from '../testing/fixture-paths.js';
import { overrideRoutes, sendJson, sendText } from '../testing/override-routes.js';
import { task06EmbeddingServer, task06LlmServer, task06Qdrant, task06RagServer } from '../testing/task06-system.js';

const started: TestServer[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.close()));
});

type Handlers = { rag?: TestHandler; embedding?: TestHandler; llm?: TestHandler; vectorDb?: TestHandler };

async function serve(handlers: Handlers = {}, target: Record<string, unknown> = {}): Promise<RagValidateConfig> {
  const urls: Record<string, string> = {};
  for (const [name, handler] of Object.entries({ rag: task06RagServer, embedding: task06EmbeddingServer, llm: task06LlmServer, vectorDb: task06Qdrant(), ...handlers })) {
    const server = await startTestServer(handler);
    started.push(server);
    urls[name] = server.url;
  }
  return configFor(urls as { rag: string; embedding: string; llm: string; vectorDb: string }, target);
}

async function runSecurity(checks: string[], handlers: Handlers = {}, options: Partial<RunReadinessOptions> & { target?: Record<string, unknown> } = {}) {
  const { target, ...rest } = options;
  return runReadiness({ config: await serve(handlers, target), checks, probeTimeoutMs: 5_000, oversizedBodyBytes: 2 * 1024 * 1024, burstSize: 10, ...rest });
}

const CLEAN_422 = (_req: unknown, res: Parameters<typeof sendJson>[0]) => sendJson(res, 422, { detail: 'invalid request' });
/** Every route the error probes hit answers a generic error (no framework links, no echo). */
const CLEAN: Handlers = {
  rag: overrideRoutes(task06RagServer, { 'POST /api/v1/search/': CLEAN_422, 'POST /api/v1/generate/': CLEAN_422, 'POST /api/v1/indexing/file': CLEAN_422 }),
  embedding: overrideRoutes(task06EmbeddingServer, { 'POST /embedding/embed': CLEAN_422 }),
  llm: overrideRoutes(task06LlmServer, { 'POST /v1/chat/completions': CLEAN_422 }),
};

describe('sec.error-leakage', () => {
  it('fails a rag-server that answers a Python traceback with internal paths', async () => {
    const traceback = 'Traceback (most recent call last):\n  File "/app/app/api/search.py", line 42, in search\n    results = await service.search(request)\nValueError: bad request';
    const rag = overrideRoutes(task06RagServer, { 'POST /api/v1/search/': (_req, res) => sendText(res, 500, traceback) });
    const check = expectCheck(await runSecurity(['sec.error-leakage'], { ...CLEAN, rag }), 'sec.error-leakage', 'fail');
    expect(check.reason).toBe('error answers leak stack trace and internal path');
    expect(check.evidence).toContain('rag-server POST /api/v1/search/ → 500: stack trace "Traceback (most recent call last)"');
  });

  it('fails a Node stack in a JSON 500', async () => {
    const stack = 'TypeError: Cannot read properties of undefined\n    at embed (/srv/embedding/dist/embed.js:10:5)\n    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)';
    const embedding = overrideRoutes(task06EmbeddingServer, { 'POST /embedding/embed': (_req, res) => sendJson(res, 500, { error: stack }) });
    const check = expectCheck(await runSecurity(['sec.error-leakage'], { ...CLEAN, embedding }), 'sec.error-leakage', 'fail');
    expect(check.evidence.join('\n')).toContain('stack trace');
  });

  it('warns about the Task-06 services’ pydantic 2.5 error links (a version disclosure)', async () => {
    const check = expectCheck(await runSecurity(['sec.error-leakage']), 'sec.error-leakage', 'warn');
    expect(check.evidence.join('\n')).toContain('version "https://errors.pydantic.dev/2.5/v/');
  });

  it('does not blame a service for echoing our own input, and passes clean errors', async () => {
    // The Task-06 "file not found: <path>" echoes the path we sent; it is not a leak.
    const rag = overrideRoutes(CLEAN.rag!, { 'POST /api/v1/indexing/file': (req, res) => sendJson(res, 404, { detail: `파일을 찾을 수 없습니다: ${String((JSON.parse(req.body) as { file_path: string }).file_path)}` }) });
    expectCheck(await runSecurity(['sec.error-leakage'], { ...CLEAN, rag }), 'sec.error-leakage', 'pass');
  });
});

/** Refuses bodies above `limit` bytes with 413, as a body-limited service does. */
const bodyLimited = (base: TestHandler, limit = 1024 * 1024): TestHandler => (req, res) => (Buffer.byteLength(req.body) > limit ? sendJson(res, 413, { detail: 'Request body too large' }) : base(req, res));

describe('sec.body-size-limit', () => {
  it('fails the Task-06 services, which accept or crash on a 2 MiB body', async () => {
    const check = expectCheck(await runSecurity(['sec.body-size-limit']), 'sec.body-size-limit', 'fail');
    expect(check.evidence).toEqual([
      expect.stringMatching(/^rag-server POST \/api\/v1\/search\/ \(2 MiB body\): 200 \{"query":"a+","results".*: accepted$/),
      expect.stringMatching(/^embedding-server POST \/embedding\/embed \(2 MiB body\): 200 .*: accepted$/),
      expect.stringMatching(/^llm-server POST \/v1\/chat\/completions \(2 MiB body\): 500 .*: not refused cleanly$/),
    ]);
  });

  it('passes services that answer 413', async () => {
    const handlers = { rag: bodyLimited(task06RagServer), embedding: bodyLimited(task06EmbeddingServer), llm: bodyLimited(task06LlmServer) };
    expect(expectCheck(await runSecurity(['sec.body-size-limit'], handlers), 'sec.body-size-limit', 'pass').evidence).toHaveLength(3);
  });
});

describe('sec.request-bounds', () => {
  it('fails the Task-06 rag-server, which accepts limit 1,000,000; the llm-server’s upstream 500 only warns', async () => {
    const check = expectCheck(await runSecurity(['sec.request-bounds']), 'sec.request-bounds', 'fail');
    expect(check.evidence[0]).toMatch(/^rag-server POST \/api\/v1\/search\/ \(limit 1,000,000\): 200 .*: accepted silently$/);
    expect(check.evidence[1]).toMatch(/^llm-server POST \/v1\/chat\/completions \(max_tokens 10,000,000\): 500 .*: refused only with a server error$/);
  });

  it('passes services that validate the bounds', async () => {
    const tooLarge = (field: string, max: number): TestHandler => (req, res) => {
      const value = (JSON.parse(req.body || '{}') as Record<string, unknown>)[field];
      if (typeof value === 'number' && value > max) return sendJson(res, 422, { detail: [{ loc: ['body', field], msg: `Input should be less than or equal to ${max}`, type: 'less_than_equal' }] });
      return sendJson(res, 200, {});
    };
    const handlers = {
      rag: overrideRoutes(task06RagServer, { 'POST /api/v1/search/': tooLarge('limit', 50) }),
      llm: overrideRoutes(task06LlmServer, { 'POST /v1/chat/completions': tooLarge('max_tokens', 4096) }),
    };
    expectCheck(await runSecurity(['sec.request-bounds'], handlers), 'sec.request-bounds', 'pass');
  });
});

describe('sec.path-traversal', () => {
  it('fails the Task-06 rag-server, which opens /etc/passwd (500)', async () => {
    const check = expectCheck(await runSecurity(['sec.path-traversal']), 'sec.path-traversal', 'fail');
    expect(check.evidence).toHaveLength(2);
    expect(check.evidence[0]).toContain('file_path ../../../../../../../../etc/passwd): 500');
  });

  it('warns when the paths are looked up (404) rather than refused; passes a 403 refusal', async () => {
    const notFound = overrideRoutes(task06RagServer, { 'POST /api/v1/indexing/file': (_req, res) => sendJson(res, 404, { detail: 'file not found' }) });
    expectCheck(await runSecurity(['sec.path-traversal'], { rag: notFound }), 'sec.path-traversal', 'warn');
    const refused = overrideRoutes(task06RagServer, { 'POST /api/v1/indexing/file': (_req, res) => sendJson(res, 403, { detail: 'file_path must be under /codebase' }) });
    expectCheck(await runSecurity(['sec.path-traversal'], { rag: refused }), 'sec.path-traversal', 'pass');
  });

  it('is skipped for the HEAD contract, which has no server-path route', async () => {
    const check = expectCheck(await runSecurity(['sec.path-traversal'], {}, { target: { contract: 'codev-head' } }), 'sec.path-traversal', 'skip');
    expect(check.reason).toContain('codev-head contract has no route');
  });
});

describe('sec.cors', () => {
  it('fails the Task-06 embedding- and llm-servers: any origin, with credentials', async () => {
    const check = expectCheck(await runSecurity(['sec.cors']), 'sec.cors', 'fail');
    expect(check.evidence).toEqual([
      'embedding-server preflight: Access-Control-Allow-Origin reflects any origin with Access-Control-Allow-Credentials: true',
      'embedding-server GET: Access-Control-Allow-Origin reflects any origin with Access-Control-Allow-Credentials: true',
      'llm-server preflight: Access-Control-Allow-Origin reflects any origin with Access-Control-Allow-Credentials: true',
      'llm-server GET: Access-Control-Allow-Origin reflects any origin with Access-Control-Allow-Credentials: true',
    ]);
  });

  const withoutOrigin = (base: TestHandler): TestHandler => (req, res) => {
    delete req.headers.origin;
    return base(req, res);
  };

  it('warns about `*` without credentials and passes services without CORS', async () => {
    const star: TestHandler = (req, res) => {
      res.setHeader('access-control-allow-origin', '*');
      return withoutOrigin(task06LlmServer)(req, res);
    };
    expectCheck(await runSecurity(['sec.cors'], { embedding: withoutOrigin(task06EmbeddingServer), llm: star }), 'sec.cors', 'warn');
    expectCheck(await runSecurity(['sec.cors'], { embedding: withoutOrigin(task06EmbeddingServer), llm: withoutOrigin(task06LlmServer) }), 'sec.cors', 'pass');
  });
});

/** Refuses calls without the key (Bearer, or Qdrant's `api-key` header) with 401. */
const requireKey = (base: TestHandler, key: string): TestHandler => (req, res) => {
  const given = req.headers['api-key'] ?? req.headers.authorization?.replace(/^Bearer /, '');
  if (given !== key) return sendJson(res, 401, { detail: 'Not authenticated' });
  return base(req, res);
};

describe('sec.auth-enforced', () => {
  it('warns when no API key is configured (the real system has no auth)', async () => {
    expectCheck(await runSecurity(['sec.auth-enforced']), 'sec.auth-enforced', 'warn');
  });

  it('fails a configured key that the llm-server does not check', async () => {
    const check = expectCheck(await runSecurity(['sec.auth-enforced'], {}, { target: { services: { llm: { auth: { apiKey: 'llm-key-for-tests' } } } } }), 'sec.auth-enforced', 'fail');
    expect(check.evidence[0]).toMatch(/^llm-server GET \/v1\/models \(list models without credentials\): 200 \{"object":"list".*: answered without credentials$/);
  });

  it('passes when every service refuses calls without its key', async () => {
    const handlers = {
      rag: requireKey(task06RagServer, 'rag-key'),
      embedding: requireKey(task06EmbeddingServer, 'embedding-key'),
      llm: requireKey(task06LlmServer, 'llm-key'),
      vectorDb: requireKey(task06Qdrant(), 'qdrant-key'),
    };
    const services = { rag: { auth: { apiKey: 'rag-key' } }, embedding: { auth: { apiKey: 'embedding-key' } }, llm: { auth: { apiKey: 'llm-key' } }, vectorDb: { auth: { apiKey: 'qdrant-key', apiKeyHeader: 'api-key' } } };
    const result = await runSecurity(['sec.auth-enforced', 'sec.exposure'], handlers, { target: { services, contract: 'codev-task06' } });
    expect(expectCheck(result, 'sec.auth-enforced', 'pass').evidence).toHaveLength(4);
    expectCheck(result, 'sec.exposure', 'pass');
  });
});

describe('sec.rate-limiting', () => {
  it('warns when a burst meets no limit', async () => {
    const check = expectCheck(await runSecurity(['sec.rate-limiting']), 'sec.rate-limiting', 'warn');
    expect(check.evidence).toEqual(['10 × POST /api/v1/search/: 10× 200']);
  });

  it('passes a server that answers 429 with Retry-After', async () => {
    let calls = 0;
    const limited: TestHandler = (req, res) => {
      calls += 1;
      if (calls > 5) return sendJson(res, 429, { detail: 'Too Many Requests' }, { 'retry-after': '1' });
      return task06RagServer(req, res);
    };
    const check = expectCheck(await runSecurity(['sec.rate-limiting'], { rag: limited }, { target: { contract: 'codev-task06' } }), 'sec.rate-limiting', 'pass');
    expect(check.evidence).toContain('header retry-after: 1');
  });
});

describe('sec.exposure', () => {
  it('warns that the Task-06 docs and Qdrant’s metrics and dashboard are public', async () => {
    const check = expectCheck(await runSecurity(['sec.exposure']), 'sec.exposure', 'warn');
    expect(check.evidence).toEqual([
      'rag-server /docs',
      'rag-server /openapi.json',
      'embedding-server /docs',
      'embedding-server /openapi.json',
      'llm-server /docs',
      'llm-server /openapi.json',
      'vector-db /metrics',
      'vector-db /dashboard',
    ]);
  });
});

describe('sec.dependency-audit', () => {
  let project: string;
  beforeAll(async () => {
    project = await mkdtemp(join(tmpdir(), 'rv-readiness-audit-'));
    await cp(join(FIXTURES_DIR, 'audit'), project, { recursive: true });
  });
  afterAll(async () => {
    await rm(project, { recursive: true, force: true });
  });

  const audit = async (registry: TestServer) => {
    started.push(registry);
    const config = configFor({ rag: 'http://127.0.0.1:9', embedding: 'http://127.0.0.1:9', llm: 'http://127.0.0.1:9', vectorDb: 'http://127.0.0.1:9' });
    return runReadiness({ config, checks: ['sec.dependency-audit'], audit: { directory: project, registry: `${registry.url}/`, timeoutMs: 60_000 } });
  };

  it('fails a lockfile with a high-severity advisory (real npm audit, local registry)', async () => {
    const registry = await startFakeNpmRegistry({
      advisories: { lodash: [{ id: 1523, title: 'Prototype Pollution in lodash', severity: 'high', vulnerableVersions: '<4.17.19' }] },
      versions: { lodash: ['4.17.15', '4.17.21'] },
    });
    const check = expectCheck(await audit(registry), 'sec.dependency-audit', 'fail');
    expect(check.evidence).toEqual([`${project}: 0 critical, 1 high, 0 moderate, 0 low`, 'lodash: high']);
  });

  it('passes when the registry knows no advisory', async () => {
    expectCheck(await audit(await startFakeNpmRegistry()), 'sec.dependency-audit', 'pass');
  });

  it('is unknown, never a pass, when the registry refuses the audit endpoint', async () => {
    const check = expectCheck(await audit(await startFakeNpmRegistry({ status: 405 })), 'sec.dependency-audit', 'unknown');
    expect(check.reason).toContain('npm audit failed');
  });

  it('is skipped when turned off', async () => {
    const config = configFor({ rag: 'http://127.0.0.1:9', embedding: 'http://127.0.0.1:9', llm: 'http://127.0.0.1:9', vectorDb: 'http://127.0.0.1:9' });
    expectCheck(await runReadiness({ config, checks: ['sec.dependency-audit'] }), 'sec.dependency-audit', 'skip');
  });
});
