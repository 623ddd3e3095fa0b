import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReadinessResult } from './model/readiness-result.js';
import { runReadiness } from './run-readiness.js';
import { expectCheck, idsWithStatus } from './testing/expect-check.js';
import { FIXTURES_DIR } from './testing/fixture-paths.js';
import { startTask06System, type StartedTask06System } from './testing/task06-system.js';

/**
 * The whole checklist against something shaped like the real Task-06 codev system: its compose
 * file, its env.example copied to .env (as its README tells users to do), and local servers that
 * answer like its four services (no metrics, no auth, no /readyz, unlimited bodies, CORS `*` with
 * credentials, the `code_chunks` collection created by hand).
 */
let system: StartedTask06System;
let result: ReadinessResult;
beforeAll(async () => {
  system = await startTask06System();
  result = await runReadiness({
    config: system.config,
    composeFile: join(FIXTURES_DIR, 'task06', 'docker-compose.yml'),
    envFile: join(FIXTURES_DIR, 'task06', 'env.example'),
    probeTimeoutMs: 5_000,
    oversizedBodyBytes: 2 * 1024 * 1024,
    burstSize: 10,
  });
}, 120_000);
afterAll(async () => {
  await system.close();
});

describe('readiness of the real Task-06 system', () => {
  it('reports exactly its known defects as failures', () => {
    expect(idsWithStatus(result, 'fail')).toEqual(
      [
        'config.no-default-secrets',
        'deploy.healthchecks-http',
        'deploy.resource-limits',
        'deploy.vector-db-volume',
        'health.liveness-readiness-separated',
        'health.readiness-reflects-dependencies',
        'obs.metric-contract',
        'obs.metrics-endpoint',
        'sec.body-size-limit',
        'sec.cors',
        'sec.path-traversal',
        'sec.request-bounds',
      ].sort(),
    );
  });

  it('and these as warnings', () => {
    expect(idsWithStatus(result, 'warn')).toEqual(
      [
        'config.debug-disabled',
        'deploy.pinned-images',
        'docs.routes-exist',
        'obs.metrics-lint',
        'sec.auth-enforced',
        'sec.error-leakage',
        'sec.exposure',
        'sec.rate-limiting',
      ].sort(),
    );
  });

  it('is not ready: a placeholder OpenAI key and path traversal are critical', () => {
    expect(result.verdict).toBe('not-ready');
    expect(result.criticalFailures).toEqual(['config.no-default-secrets', 'sec.path-traversal']);
    expect(result.target.contract).toBe('codev-task06');
  });

  it('passes what the real system does right', () => {
    for (const id of ['obs.prometheus-targets', 'health.service-endpoints', 'health.vector-db-probes', 'deps.vector-dimensions', 'deps.collection-ready', 'deps.llm-model-available', 'docs.openapi-valid', 'docs.ui-reachable', 'deploy.restart-policy', 'deploy.depends-on-healthy', 'deploy.no-inline-secrets', 'config.required-settings', 'config.urls-valid']) {
      expectCheck(result, id, 'pass');
    }
  });

  it('leaves nothing as a false pass: what it could not gather is unknown or skipped', () => {
    // The dependency audit is off; everything else could be gathered.
    expect(idsWithStatus(result, 'unknown')).toEqual([]);
    expect(idsWithStatus(result, 'skip')).toEqual(['sec.dependency-audit']);
  });

  it('probed Qdrant at /healthz and /readyz, never at the /health its scripts use', () => {
    const paths = system.servers.vectorDb.requests.map((r) => r.url);
    expect(paths).toEqual(expect.arrayContaining(['/healthz', '/readyz']));
    expect(paths).not.toContain('/health');
  });

  it('sent the rate-limit burst after every other probe', () => {
    const rag = system.servers.rag.requests;
    const burst = rag.filter((r) => r.body.includes('rate limit probe'));
    expect(burst).toHaveLength(10);
    const firstBurst = rag.indexOf(burst[0]!);
    expect(rag.slice(firstBurst).every((r) => r.body.includes('rate limit probe'))).toBe(true);
  });

  it('sent the oversized body only after every passive probe of that service', () => {
    const embedding = system.servers.embedding.requests;
    const oversized = embedding.findIndex((r) => r.body.length > 1024 * 1024);
    const lastGet = embedding.map((r) => r.method).lastIndexOf('GET');
    expect(oversized).toBeGreaterThan(lastGet);
  });

  it('scores by severity', () => {
    expect(result.score).toBeGreaterThan(0);
    expect(result.score).toBeLessThan(70);
    expect(result.categories.map((c) => c.category)).toEqual(['configuration', 'health', 'dependencies', 'observability', 'api-docs', 'deployment', 'security']);
  });
});
