import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveConfig } from '@rag-validate/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { generateMonitoring } from '../generate-monitoring-files.js';
import { findExecutable, missingToolReason, runTool } from '../testing/executables.js';
import { writeMonitoringFiles } from '../write-monitoring-files.js';

const QDRANT_KEY = 'qdrant-secret-7f3a9c';
const LLM_KEY = 'sk-llm-secret-0d5e';

const external = resolveConfig(
  {
    target: {
      services: {
        rag: { url: 'http://rag.internal:8000' },
        embedding: { url: 'http://embedding.internal:8001' },
        llm: { url: 'https://llm.example.com/proxy/', auth: { apiKey: LLM_KEY } },
        vectorDb: { url: 'http://qdrant.internal:6333', auth: { apiKey: QDRANT_KEY, apiKeyHeader: 'api-key' } },
      },
    },
  },
  { env: {} },
);

interface ScrapeConfig {
  job_name: string;
  scheme: string;
  metrics_path: string;
  authorization?: { type: string; credentials_file: string };
  static_configs: Array<{ targets: string[]; labels: Record<string, string> }>;
}

function prometheusYml(files: ReturnType<typeof generateMonitoring>['files']) {
  const file = files.find((f) => f.path === 'prometheus.yml');
  if (file === undefined) throw new Error('no prometheus.yml');
  return { text: file.content, doc: parse(file.content) as { scrape_configs: ScrapeConfig[]; alerting?: unknown; rule_files: string[]; global: Record<string, string> } };
}

describe('prometheus.yml', () => {
  it('scrapes the four services at the configured hosts, with the service label the metric contract expects', () => {
    const { doc } = prometheusYml(generateMonitoring(external).files);
    expect(doc.scrape_configs.map((job) => [job.job_name, job.scheme, job.metrics_path, job.static_configs[0]?.targets, job.static_configs[0]?.labels])).toEqual([
      ['rag-server', 'http', '/metrics', ['rag.internal:8000'], { service: 'rag-server' }],
      ['embedding-server', 'http', '/metrics', ['embedding.internal:8001'], { service: 'embedding-server' }],
      ['llm-server', 'https', '/proxy/metrics', ['llm.example.com'], { service: 'llm-server' }],
      ['vector-db', 'http', '/metrics', ['qdrant.internal:6333'], { service: 'vector-db' }],
    ]);
    expect(doc.rule_files).toEqual(['recording.yml', 'alerts.yml']);
    expect(doc.global).toEqual({ scrape_interval: '15s', scrape_timeout: '10s', evaluation_interval: '15s' });
    expect(doc.alerting).toBeUndefined();
  });

  it('never writes an API key: Qdrant and the LLM get credentials_file, the secrets dir a .gitignore', () => {
    const generation = generateMonitoring(external);
    for (const file of generation.files) {
      expect(file.content).not.toContain(QDRANT_KEY);
      expect(file.content).not.toContain(LLM_KEY);
    }
    const { doc, text } = prometheusYml(generation.files);
    expect(doc.scrape_configs.find((job) => job.job_name === 'vector-db')?.authorization).toEqual({ type: 'Bearer', credentials_file: 'secrets/vector-db.api-key' });
    expect(doc.scrape_configs.find((job) => job.job_name === 'llm-server')?.authorization).toEqual({ type: 'Bearer', credentials_file: 'secrets/llm-server.api-key' });
    expect(doc.scrape_configs.find((job) => job.job_name === 'rag-server')?.authorization).toBeUndefined();
    expect(text).toContain('# vector-db needs its API key: put it in secrets/vector-db.api-key');
    expect(generation.credentialFiles.map((f) => f.path)).toEqual(['secrets/llm-server.api-key', 'secrets/vector-db.api-key']);
    const gitignore = generation.files.find((f) => f.path === 'secrets/.gitignore');
    expect(gitignore?.content).toMatch(/^# DO NOT EDIT/);
    expect(gitignore?.content.split('\n').filter((line) => !line.startsWith('#') && line !== '')).toEqual(['*', '!.gitignore']);
  });

  it('writes an absolute credentials dir as is, without a .gitignore', () => {
    const generation = generateMonitoring(external, { credentialsDir: '/etc/prometheus/secrets' });
    expect(generation.credentialFiles.map((f) => f.path)).toContain('/etc/prometheus/secrets/vector-db.api-key');
    expect(generation.files.some((f) => f.path.endsWith('.gitignore'))).toBe(false);
  });

  it('probes services without /metrics through a blackbox exporter, and ServiceDown then reads probe_success', () => {
    const generation = generateMonitoring(external, { probedServices: ['embedding', 'rag'], blackboxExporterUrl: 'http://blackbox:9115' });
    const { doc, text } = prometheusYml(generation.files);
    const rag = doc.scrape_configs.find((job) => job.job_name === 'rag-server') as ScrapeConfig & { params: unknown; relabel_configs: unknown };
    expect(rag).toEqual({
      job_name: 'rag-server',
      scheme: 'http',
      metrics_path: '/probe',
      params: { module: ['http_2xx'] },
      static_configs: [{ targets: ['http://rag.internal:8000/health'], labels: { service: 'rag-server' } }],
      relabel_configs: [
        { source_labels: ['__address__'], target_label: '__param_target' },
        { source_labels: ['__param_target'], target_label: 'instance' },
        { target_label: '__address__', replacement: 'blackbox:9115' },
      ],
    });
    expect(doc.scrape_configs.find((job) => job.job_name === 'embedding-server')?.static_configs[0]?.targets).toEqual(['http://embedding.internal:8001/health']);
    expect(doc.scrape_configs.find((job) => job.job_name === 'llm-server')?.metrics_path).toBe('/proxy/metrics');
    expect(text).toContain('# rag-server has no /metrics: the blackbox exporter at blackbox:9115 probes its health endpoint');
    const alerts = generation.files.find((f) => f.path === 'alerts.yml')?.content ?? '';
    expect(alerts).toContain('up{service=~"rag-server|embedding-server|llm-server|vector-db"} == 0\n          or\n          probe_success{service=~"rag-server|embedding-server"} == 0');
  });

  it('sends alerts to an Alertmanager when one is configured', () => {
    const { doc } = prometheusYml(generateMonitoring(external, { alertmanagerUrl: 'https://am.example.com:9443/alertmanager/' }).files);
    expect(doc.alerting).toEqual({ alertmanagers: [{ scheme: 'https', path_prefix: '/alertmanager', static_configs: [{ targets: ['am.example.com:9443'] }] }] });
  });
});

const skipReason = missingToolReason('promtool', 'install it with `apt-get install prometheus`');
const promtool = findExecutable('promtool') ?? 'promtool';

describe.skipIf(skipReason !== undefined)(`promtool check config${skipReason === undefined ? '' : ` (SKIPPED: ${skipReason})`}`, () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rv-monitoring-promcfg-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('accepts the config with API-key files and an Alertmanager once the key files exist, and names the missing one before', async () => {
    const generation = generateMonitoring(external, { alertmanagerUrl: 'http://alertmanager:9093' });
    await writeMonitoringFiles(dir, generation.files);
    const missing = await runTool(promtool, ['check', 'config', 'prometheus.yml'], { cwd: dir });
    expect(missing.exitCode).toBe(1);
    expect(missing.stdout + missing.stderr).toContain('secrets/');

    await mkdir(join(dir, 'secrets'), { recursive: true });
    for (const file of generation.credentialFiles) await writeFile(join(dir, file.path), 'placeholder-key\n', { mode: 0o600 });
    const ok = await runTool(promtool, ['check', 'config', 'prometheus.yml'], { cwd: dir });
    expect(ok.exitCode, ok.stdout + ok.stderr).toBe(0);
    expect(await readFile(join(dir, 'secrets', '.gitignore'), 'utf8')).toContain('!.gitignore');
  });

  it('accepts the blackbox-probe jobs', async () => {
    const probeDir = join(dir, 'probes');
    await writeMonitoringFiles(probeDir, generateMonitoring(external, { probedServices: ['rag', 'embedding', 'llm'], blackboxExporterUrl: 'http://blackbox:9115', credentialsDir: '/etc/prometheus/secrets' }).files);
    const run = await runTool(promtool, ['check', 'config', '--syntax-only', 'prometheus.yml'], { cwd: probeDir });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
  });
});
