import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProcessFaultInjector } from '../drivers/process/process-fault-injector.js';
import { Fault } from '../faults/fault-spec.js';
import { ChaosJournal } from '../journal/chaos-journal.js';
import { PROMETHEUS_BINARY, startPrometheus, type PrometheusServer } from '../testing/prometheus-server.js';
import { startTinyService, type TinyService } from '../testing/tiny-service.js';
import { AlertWatcher } from './alert-watcher.js';
import { checkAlertDetected } from './checks.js';

const missing = existsSync(PROMETHEUS_BINARY) ? '' : `${PROMETHEUS_BINARY} is missing (apt-get install prometheus)`;

describe.skipIf(missing !== '')(`alerting in the loop with a real Prometheus${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let service: TinyService;
  let prometheus: PrometheusServer;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rv-chaos-alert-'));
    service = await startTinyService('embedding');
    prometheus = await startPrometheus({
      targets: [{ job: 'embedding-server', address: `127.0.0.1:${service.port}`, labels: { service: 'embedding-server' } }],
      rules: [{ alert: 'ServiceDown', expr: 'up{service="embedding-server"} == 0', for: '1s', labels: { severity: 'critical' } }],
    });
    await prometheus.waitForTargetsUp();
  });

  afterAll(async () => {
    await prometheus?.stop();
    await service?.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it('sees ServiceDown{service="embedding-server"} fire while the service is crashed, and records when', async () => {
    const injector = new ProcessFaultInjector({ processes: { embedding: service.process }, journal: new ChaosJournal(join(dir, 'j.json')) });
    const watcher = new AlertWatcher(prometheus.url, [{ alertname: 'ServiceDown', labels: { service: 'embedding-server' } }], { intervalMs: 250 });
    const quiet = new AlertWatcher(prometheus.url, [{ alertname: 'ServiceDown', labels: { service: 'llm-server' } }], { intervalMs: 250 });
    watcher.start();
    quiet.start();
    const fault = await injector.inject(Fault.crash('embedding'));
    const faultAt = fault.injectedAt;
    const deadline = Date.now() + 30_000;
    while (watcher.observation().firstFiringAt === undefined && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await fault.rollback();
    const seen = await watcher.stop();
    const other = await quiet.stop();
    expect(seen.firstPendingAt).toBeDefined();
    expect(seen.firstFiringAt).toBeGreaterThan(faultAt);
    expect(seen.lastError).toBeUndefined();
    expect(checkAlertDetected({ names: ['ServiceDown'], firstFiringAt: seen.firstFiringAt }, faultAt, Date.now())).toMatchObject({ pass: true });
    expect(other.firstFiringAt).toBeUndefined();
    expect(other.polls).toBeGreaterThan(0);
  });
});

describe('AlertWatcher without Prometheus', () => {
  it('records the polling error instead of throwing', async () => {
    const watcher = new AlertWatcher('http://127.0.0.1:1', [{ alertname: 'ServiceDown' }]);
    await watcher.pollOnce();
    expect(watcher.observation()).toMatchObject({ firstFiringAt: undefined, polls: 1, lastError: expect.stringContaining('127.0.0.1:1') });
  });
});
