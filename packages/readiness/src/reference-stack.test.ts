import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServiceClients } from '@rag-validate/clients';
import { startReferenceStack, type StartedReferenceStack } from '@rag-validate/reference-stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReadinessResult } from './model/readiness-result.js';
import { runReadiness } from './run-readiness.js';
import { configFor } from './testing/config-for.js';
import { expectCheck } from './testing/expect-check.js';
import { DEPLOYMENT_DIR } from './testing/fixture-paths.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'rv-readiness-refstack-'));
  await writeFile(join(root, 'example.py'), 'def add(a, b):\n    return a + b\n');
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/**
 * Starts the reference stack and indexes a file, as operators do before going live. The checklist
 * runs against one process per service; the defect tests run the same services in-process (faster
 * to start on a busy machine).
 */
async function startStack(defects: readonly string[] = [], mode: 'process' | 'in-process' = 'process'): Promise<StartedReferenceStack> {
  const stack = await startReferenceStack({ rootDir: root, mode, llm: { ttftMs: 0, tokensPerSecond: 0 }, logLevel: 'warn', defects: defects.join(','), env: {}, startTimeoutMs: 120_000 });
  try {
    await createServiceClients(configFor(stack.urls)).rag.indexFile({ filePath: 'example.py' });
  } catch (error) {
    await stack.stop();
    throw error;
  }
  return stack;
}

describe('the reference stack with the shipped deployment files', () => {
  let stack: StartedReferenceStack;
  let result: ReadinessResult;
  beforeAll(async () => {
    stack = await startStack();
    result = await runReadiness({
      config: configFor(stack.urls),
      composeFile: join(DEPLOYMENT_DIR, 'production.yml'),
      envFile: join(DEPLOYMENT_DIR, 'env.example'),
    });
  }, 300_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it('has no critical failure', () => {
    const notPassed = result.checks.filter((c) => c.status !== 'pass').map((c) => `${c.id} ${c.status}: ${c.reason}`);
    expect(result.criticalFailures, notPassed.join('\n')).toEqual([]);
    expect(result.verdict).not.toBe('not-ready');
  });

  it('passes what the stack and the deployment files are built for', () => {
    for (const id of [
      'config.required-settings',
      'config.urls-valid',
      'config.no-default-secrets',
      'config.debug-disabled',
      'health.service-endpoints',
      'health.vector-db-probes',
      'health.readiness-reflects-dependencies',
      'health.liveness-readiness-separated',
      'deps.vector-dimensions',
      'deps.collection-ready',
      'deps.llm-model-available',
      'obs.metrics-endpoint',
      'obs.metric-contract',
      'obs.prometheus-targets',
      'docs.openapi-valid',
      'docs.ui-reachable',
      'docs.routes-exist',
      'deploy.healthchecks-http',
      'deploy.restart-policy',
      'deploy.vector-db-volume',
      'deploy.pinned-images',
      'deploy.resource-limits',
      'deploy.depends-on-healthy',
      'deploy.no-inline-secrets',
      'sec.error-leakage',
      'sec.path-traversal',
      'sec.cors',
    ]) {
      expectCheck(result, id, 'pass');
    }
  });
});

describe('deliberate defects of the reference stack', () => {
  it('leak-stack-traces fails sec.error-leakage (its 5xx answers, here while the embedding-server is down, carry the stack)', async () => {
    const stack = await startStack(['leak-stack-traces'], 'in-process');
    try {
      const config = configFor(stack.urls);
      expectCheck(await runReadiness({ config, checks: ['sec.error-leakage'] }), 'sec.error-leakage', 'pass');
      await stack.services.embedding.stop();
      const result = await runReadiness({ config, checks: ['sec.error-leakage'] });
      const check = expectCheck(result, 'sec.error-leakage', 'fail');
      expect(check.evidence.join('\n')).toMatch(/rag-server .*stack trace/);
    } finally {
      await stack.stop();
    }
  }, 300_000);

  it('health-ignores-dependencies fails health.readiness-reflects-dependencies once a dependency is down', async () => {
    const stack = await startStack(['health-ignores-dependencies'], 'in-process');
    try {
      const config = configFor(stack.urls);
      expectCheck(await runReadiness({ config, checks: ['health.readiness-reflects-dependencies'] }), 'health.readiness-reflects-dependencies', 'warn');
      await stack.services.embedding.stop();
      const check = expectCheck(await runReadiness({ config, checks: ['health.readiness-reflects-dependencies'] }), 'health.readiness-reflects-dependencies', 'fail');
      expect(check.reason).toBe('the rag-server reports ready although embedding-server /health is down');
    } finally {
      await stack.stop();
    }
  }, 300_000);
});
