import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { READINESS_CHECKS } from './checks/registry.js';
import { runReadiness, selectChecks } from './run-readiness.js';
import { configFor } from './testing/config-for.js';
import { startTask06System, type StartedTask06System } from './testing/task06-system.js';

let system: StartedTask06System;
let dir: string;
beforeAll(async () => {
  system = await startTask06System();
  dir = await mkdtemp(join(tmpdir(), 'rv-readiness-run-'));
});
afterAll(async () => {
  await system.close();
  await rm(dir, { recursive: true, force: true });
});

const allRequests = () => Object.values(system.servers).flatMap((s) => s.requests.map((r) => `${r.method} ${r.url}`));
const clearRequests = () => {
  for (const s of Object.values(system.servers)) s.requests.length = 0;
};

describe('runReadiness', () => {
  it('runs each probe once, however many checks read it', async () => {
    clearRequests();
    await runReadiness({ config: system.config, checks: ['api-docs', 'health'] });
    const requests = allRequests();
    // docs.openapi-valid and docs.routes-exist both read /openapi.json; the readiness checks share /readyz.
    expect(requests.filter((r) => r === 'GET /openapi.json')).toHaveLength(3);
    expect(requests.filter((r) => r === 'GET /readyz')).toHaveLength(2);
    // /health: once by the health probe and once as a documented route, on each of the three apps.
    expect(requests.filter((r) => r === 'GET /health')).toHaveLength(6);
  });

  it('sends nothing over the network for file-only checks', async () => {
    clearRequests();
    await runReadiness({ config: system.config, checks: ['deployment', 'configuration'] });
    expect(allRequests()).toEqual([]);
  });

  it('selects checks by id or category, in checklist order', () => {
    expect(selectChecks(['sec.cors', 'deployment']).map((c) => c.id)).toEqual(READINESS_CHECKS.filter((c) => c.category === 'deployment' || c.id === 'sec.cors').map((c) => c.id));
    expect(selectChecks(undefined)).toHaveLength(READINESS_CHECKS.length);
  });

  it('rejects bad input with stable codes before probing anything', async () => {
    clearRequests();
    await expect(runReadiness({ config: system.config, checks: ['sec.nope', 'securty'] })).rejects.toMatchObject({ code: 'RV_ERR_READINESS_OPTIONS', message: expect.stringContaining('"sec.nope", "securty"') });
    await expect(runReadiness({ config: system.config, burstSize: 0 })).rejects.toMatchObject({ code: 'RV_ERR_READINESS_OPTIONS', option: 'burstSize' });
    await expect(runReadiness({ config: system.config, profile: 'prod' as 'production' })).rejects.toMatchObject({ code: 'RV_ERR_READINESS_OPTIONS', option: 'profile' });
    await expect(runReadiness({ config: system.config, composeFile: join(dir, 'missing.yml') })).rejects.toMatchObject({ code: 'RV_ERR_READINESS_INPUT_FILE' });
    await writeFile(join(dir, 'bad.env'), 'OK=1\nthis is not an env line\n');
    await expect(runReadiness({ config: system.config, envFile: join(dir, 'bad.env') })).rejects.toMatchObject({ code: 'RV_ERR_READINESS_ENV_FILE', line: 2 });
    await writeFile(join(dir, 'bad.yml'), 'services: [\n');
    await expect(runReadiness({ config: system.config, composeFile: join(dir, 'bad.yml') })).rejects.toMatchObject({ code: 'RV_ERR_READINESS_COMPOSE' });
    await expect(runReadiness({ config: system.config, prometheusConfigFile: join(dir, 'missing-prometheus.yml') })).rejects.toMatchObject({ code: 'RV_ERR_READINESS_INPUT_FILE' });
    expect(allRequests()).toEqual([]);
  });

  it('reports an unreachable system as failing health, not as an error', async () => {
    const config = configFor({ rag: 'http://127.0.0.1:9', embedding: 'http://127.0.0.1:9', llm: 'http://127.0.0.1:9', vectorDb: 'http://127.0.0.1:9' });
    const result = await runReadiness({ config, probeTimeoutMs: 2_000 });
    expect(result.verdict).toBe('not-ready');
    expect(result.criticalFailures).toEqual(['health.service-endpoints', 'health.vector-db-probes']);
    // Nothing gathered from a dead system passes; only the generated prometheus.yml (config vs config) does.
    expect(result.checks.filter((c) => c.status === 'pass').map((c) => c.id)).toEqual(['obs.prometheus-targets']);
  });
});
