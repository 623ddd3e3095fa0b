import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { resolveConfig } from '@rag-validate/config';
import { sendJson, startTestServer, type TestServer } from '@rag-validate/clients/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateMonitoringFiles } from './generate-monitoring-files.js';
import { TEST_PROFILE } from './options.js';
import { findExecutable, missingToolReason } from './testing/executables.js';
import { startMetricsService, type MetricsService } from './testing/metrics-service.js';
import { poll, prometheusApi } from './testing/prometheus-api.js';
import { startBlackboxExporter, startPrometheus, type StartedDaemon } from './testing/prometheus-server.js';
import { writeMonitoringFiles } from './write-monitoring-files.js';

const skipReason =
  missingToolReason('prometheus', 'install it with `apt-get install prometheus`') ??
  missingToolReason('prometheus-blackbox-exporter', 'install it with `apt-get install prometheus-blackbox-exporter` to run the probe test');
if (skipReason !== undefined) console.warn(`[monitoring-config] skipping the live probe test: ${skipReason}`);

describe.skipIf(skipReason !== undefined)(
  `live: a service without /metrics (like the codev rag-server) is health-probed through a real blackbox exporter${skipReason === undefined ? '' : ` (SKIPPED: ${skipReason})`}`,
  () => {
    let rag: TestServer | undefined;
    const others: MetricsService[] = [];
    let exporter: StartedDaemon | undefined;
    let prometheus: StartedDaemon | undefined;
    let dir: string;

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'rv-monitoring-probe-'));
      // Answers like the FastAPI rag-server: /health 200, everything else (including /metrics) 404.
      rag = await startTestServer((req, res) => {
        if (req.url === '/health') sendJson(res, 200, { status: 'healthy', service: 'rag-server', timestamp: '2025-06-13T00:00:00' });
        else sendJson(res, 404, { detail: 'Not Found' });
      });
      for (let i = 0; i < 3; i += 1) others.push(await startMetricsService());
      const [embedding, llm, vectorDb] = others.map((service) => ({ url: service.url }));
      const blackboxConfig = join(dir, 'blackbox.yml');
      await writeFile(blackboxConfig, 'modules:\n  http_2xx:\n    prober: http\n    timeout: 2s\n');
      exporter = await startBlackboxExporter({ configFile: blackboxConfig, binary: findExecutable('prometheus-blackbox-exporter') ?? 'prometheus-blackbox-exporter' });
      const config = resolveConfig({ target: { services: { rag: { url: rag.url }, embedding, llm, vectorDb } } }, { env: {} });
      const files = generateMonitoringFiles(config, { ...TEST_PROFILE, ruleTests: false, probedServices: ['rag'], blackboxExporterUrl: exporter.url });
      await writeMonitoringFiles(join(dir, 'monitoring'), files);
      prometheus = await startPrometheus({ configFile: join(dir, 'monitoring', 'prometheus.yml'), storageDir: join(dir, 'tsdb'), binary: findExecutable('prometheus') ?? 'prometheus' });
    });

    afterAll(async () => {
      await prometheus?.stop();
      await exporter?.stop();
      await rag?.close();
      await Promise.all(others.map((service) => service.close()));
      if (dir !== undefined) await rm(dir, { recursive: true, force: true });
    });

    it('ServiceDown stays silent while the health probe succeeds, and fires for rag-server when it stops', { timeout: 120_000 }, async () => {
      if (prometheus === undefined || rag === undefined) throw new Error('not started');
      const api = prometheusApi(prometheus);
      const healthUrl = `${rag.url}/health`;
      await poll(
        'all targets up and the rag-server probe succeeding',
        async () => {
          const targets = await api.targets();
          const probe = await api.query('probe_success{service="rag-server"}');
          return targets.length === 4 && targets.every((t) => t.health === 'up') && probe[0]?.value[1] === '1' ? true : undefined;
        },
        45_000,
      );
      expect((await api.query('probe_success{service="rag-server"}'))[0]?.metric).toMatchObject({ instance: healthUrl, job: 'rag-server', service: 'rag-server' });
      expect((await api.alerts()).filter((a) => a.labels['alertname'] === 'ServiceDown')).toEqual([]);

      await rag.close();
      const stoppedAt = performance.now();
      const firing = await poll(
        'ServiceDown firing for rag-server',
        async () => {
          const serviceDown = (await api.alerts()).filter((a) => a.labels['alertname'] === 'ServiceDown' && a.state === 'firing');
          return serviceDown.length > 0 ? serviceDown : undefined;
        },
        90_000,
      );
      console.info(`[monitoring-config] live probe ServiceDown: firing ${((performance.now() - stoppedAt) / 1000).toFixed(2)} s after the probed rag-server stopped`);
      expect(firing.map((a) => a.labels)).toEqual([{ alertname: 'ServiceDown', severity: 'critical', service: 'rag-server', job: 'rag-server', instance: healthUrl }]);
    });
  },
);
