import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { resolveConfig, SERVICE_NAMES, type ServiceName } from '@rag-validate/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateMonitoringFiles } from './generate-monitoring-files.js';
import { TEST_PROFILE } from './options.js';
import { findExecutable, missingToolReason } from './testing/executables.js';
import { startMetricsService, type MetricsService } from './testing/metrics-service.js';
import { poll, prometheusApi } from './testing/prometheus-api.js';
import { startPrometheus, type StartedPrometheus } from './testing/prometheus-server.js';
import { writeMonitoringFiles } from './write-monitoring-files.js';

const skipReason = missingToolReason('prometheus', 'install it with `apt-get install prometheus` to run the live alert test');
if (skipReason !== undefined) console.warn(`[monitoring-config] skipping the live alert test: ${skipReason}`);

describe.skipIf(skipReason !== undefined)(`live: a real Prometheus runs the generated config against running services${skipReason === undefined ? '' : ` (SKIPPED: ${skipReason})`}`, () => {
  const services = new Map<ServiceName, MetricsService>();
  let prometheus: StartedPrometheus | undefined;
  let dir: string;

  const api = () => {
    if (prometheus === undefined) throw new Error('prometheus is not running');
    return prometheusApi(prometheus);
  };
  const targets = () => api().targets();
  const alerts = () => api().alerts();
  const query = (expr: string) => api().query(expr);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rv-monitoring-live-'));
    for (const name of SERVICE_NAMES) services.set(name, await startMetricsService());
    const urls = Object.fromEntries([...services].map(([name, service]) => [name, { url: service.url }]));
    const config = resolveConfig({ target: { services: urls } }, { env: {} });
    await writeMonitoringFiles(join(dir, 'monitoring'), generateMonitoringFiles(config, { ...TEST_PROFILE, ruleTests: false }));
    prometheus = await startPrometheus({
      configFile: join(dir, 'monitoring', 'prometheus.yml'),
      storageDir: join(dir, 'tsdb'),
      binary: findExecutable('prometheus') ?? 'prometheus',
    });
  });

  afterAll(async () => {
    await prometheus?.stop();
    await Promise.all([...services.values()].map((service) => service.close()));
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  it('scrapes all four services as jobs with the service label', { timeout: 60_000 }, async () => {
    const up = await poll('all four targets up', async () => {
      const active = await targets();
      return active.length === 4 && active.every((t) => t.health === 'up') ? active : undefined;
    }, 45_000);
    expect(up.map((t) => [t.labels['job'], t.labels['service']]).sort()).toEqual([
      ['embedding-server', 'embedding-server'],
      ['llm-server', 'llm-server'],
      ['rag-server', 'rag-server'],
      ['vector-db', 'vector-db'],
    ]);
  });

  it('records the SLIs from real scrapes: 10 % 5xx and 5 % slower than 5 s on search', { timeout: 60_000 }, async () => {
    const rag = services.get('rag');
    if (rag === undefined) throw new Error('no rag service');
    rag.zero('/api/v1/search/', 200);
    rag.zero('/api/v1/search/', 500);
    // Let Prometheus see the series at 0 first, so the requests below count as an increase.
    await poll('search series scraped at 0', async () => ((await query('http_request_duration_seconds_count{service="rag-server"}')).length === 2 ? true : undefined), 20_000);
    rag.observe('/api/v1/search/', 200, 0.2, 85);
    rag.observe('/api/v1/search/', 200, 6, 5);
    rag.observe('/api/v1/search/', 500, 0.05, 10);
    const value = async (slo: string) => {
      const result = await query(`slo:sli_error:ratio_rate5m{operation="search",slo="${slo}"}`);
      const sample = result[0]?.value[1];
      return sample !== undefined && Number(sample) > 0 ? Number(sample) : undefined;
    };
    expect(await poll('the availability SLI', () => value('availability'), 30_000)).toBeCloseTo(0.1, 6);
    expect(await poll('the latency SLI', () => value('latency-p95'), 30_000)).toBeCloseTo(0.05, 6);
  });

  it('fires ServiceDown for the embedding-server after it stops, and only for it', { timeout: 120_000 }, async () => {
    const embedding = services.get('embedding');
    if (embedding === undefined) throw new Error('no embedding service');
    const instance = new URL(embedding.url).host;
    expect((await alerts()).filter((a) => a.labels['alertname'] === 'ServiceDown')).toEqual([]);

    await embedding.close();
    const stoppedAt = performance.now();
    let pendingAfterMs: number | undefined;
    const firing = await poll(
      'ServiceDown firing',
      async () => {
        const serviceDown = (await alerts()).filter((a) => a.labels['alertname'] === 'ServiceDown');
        if (pendingAfterMs === undefined && serviceDown.some((a) => a.state === 'pending')) pendingAfterMs = performance.now() - stoppedAt;
        return serviceDown.some((a) => a.state === 'firing') ? serviceDown : undefined;
      },
      90_000,
    ).catch((error: unknown) => {
      throw new Error(`${String(error)}\nprometheus log:\n${prometheus?.logTail() ?? ''}`);
    });
    const firingAfterMs = performance.now() - stoppedAt;
    console.info(
      `[monitoring-config] live ServiceDown: pending ${pendingAfterMs === undefined ? 'not observed' : `${(pendingAfterMs / 1000).toFixed(2)} s`}, ` +
        `firing ${(firingAfterMs / 1000).toFixed(2)} s after the embedding-server stopped (scrape 1s, evaluation 1s, for ${TEST_PROFILE.serviceDownFor})`,
    );
    expect(firing).toHaveLength(1);
    expect(firing[0]?.labels).toEqual({ alertname: 'ServiceDown', severity: 'critical', service: 'embedding-server', job: 'embedding-server', instance });
    expect(firing[0]?.annotations['summary']).toBe('embedding-server is down');
    expect(firing[0]?.annotations['runbook_url']).toBe('docs/incident-response.md#servicedown');
    const down = (await targets()).filter((t) => t.health !== 'up').map((t) => t.labels['service']);
    expect(down).toEqual(['embedding-server']);
  });
});
