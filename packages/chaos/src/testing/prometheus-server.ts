import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpClient } from '@rag-validate/clients';
import { stringify } from 'yaml';
import { freePort } from '../runtime/free-port.js';

export const PROMETHEUS_BINARY = '/usr/bin/prometheus';

export interface PrometheusServer {
  readonly url: string;
  /** Resolves once every scrape target reports `up`. */
  waitForTargetsUp(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A real Prometheus (Debian's) on a free loopback port, scraping `targets` every second and
 * evaluating `rules` (a rule-file group) every second. For tests of alerting in the loop.
 */
export async function startPrometheus(options: {
  readonly targets: ReadonlyArray<{ readonly job: string; readonly address: string; readonly labels?: Record<string, string> }>;
  readonly rules: ReadonlyArray<Record<string, unknown>>;
}): Promise<PrometheusServer> {
  if (!existsSync(PROMETHEUS_BINARY)) throw new Error(`${PROMETHEUS_BINARY} is missing (apt-get install prometheus)`);
  const dir = await mkdtemp(join(tmpdir(), 'rv-chaos-prometheus-'));
  await writeFile(join(dir, 'rules.yml'), stringify({ groups: [{ name: 'chaos-test', interval: '1s', rules: options.rules }] }));
  await writeFile(
    join(dir, 'prometheus.yml'),
    stringify({
      global: { scrape_interval: '1s', evaluation_interval: '1s', scrape_timeout: '800ms' },
      rule_files: [join(dir, 'rules.yml')],
      scrape_configs: options.targets.map((t) => ({ job_name: t.job, static_configs: [{ targets: [t.address], labels: t.labels ?? {} }] })),
    }),
  );
  const port = await freePort();
  const child: ChildProcess = spawn(
    PROMETHEUS_BINARY,
    [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'],
    { stdio: 'ignore' },
  );
  const url = `http://127.0.0.1:${port}`;
  const http = new HttpClient({ baseUrl: url, timeoutMs: 2_000, maxRetries: 0 });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await rm(dir, { recursive: true, force: true });
  };
  return {
    url,
    stop,
    waitForTargetsUp: async (timeoutMs = 30_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        try {
          const { body } = await http.request<{ data: { activeTargets: Array<{ health: string }> } }>({ method: 'GET', path: '/api/v1/targets' });
          const targets = body.data.activeTargets;
          if (targets.length === options.targets.length && targets.every((t) => t.health === 'up')) return;
        } catch {
          // not up yet
        }
        if (Date.now() > deadline) throw new Error(`Prometheus targets not up within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 250));
      }
    },
  };
}
