import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestServer, type TestHandler, type TestServer } from '@rag-validate/clients/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runReadiness, type RunReadinessOptions } from '../run-readiness.js';
import { configFor } from '../testing/config-for.js';
import { expectCheck } from '../testing/expect-check.js';
import { overrideRoutes, sendText } from '../testing/override-routes.js';
import { task06EmbeddingServer, task06LlmServer, task06Qdrant, task06RagServer } from '../testing/task06-system.js';

/** Metric blocks as a Prometheus client writes them (hand-written, independent of the checks). */
const BLOCKS = {
  http: `# HELP http_request_duration_seconds HTTP request duration in seconds.
# TYPE http_request_duration_seconds histogram
http_request_duration_seconds_bucket{le="0.1",method="GET",route="/health",status_code="200"} 5
http_request_duration_seconds_bucket{le="+Inf",method="GET",route="/health",status_code="200"} 5
http_request_duration_seconds_sum{method="GET",route="/health",status_code="200"} 0.02
http_request_duration_seconds_count{method="GET",route="/health",status_code="200"} 5
# HELP http_requests_in_flight HTTP requests being served right now.
# TYPE http_requests_in_flight gauge
http_requests_in_flight 1
`,
  runtime: `# HELP process_cpu_seconds_total Total user and system CPU time spent in seconds.
# TYPE process_cpu_seconds_total counter
process_cpu_seconds_total 1.5
# HELP process_resident_memory_bytes Resident memory size in bytes.
# TYPE process_resident_memory_bytes gauge
process_resident_memory_bytes 52428800
# HELP nodejs_heap_size_used_bytes Process heap size used from Node.js in bytes.
# TYPE nodejs_heap_size_used_bytes gauge
nodejs_heap_size_used_bytes 20971520
`,
  rag: `# HELP rag_dependency_request_duration_seconds Calls to dependencies.
# TYPE rag_dependency_request_duration_seconds histogram
rag_dependency_request_duration_seconds_bucket{le="+Inf",dependency="embedding",operation="embed",outcome="ok"} 2
rag_dependency_request_duration_seconds_sum{dependency="embedding",operation="embed",outcome="ok"} 0.1
rag_dependency_request_duration_seconds_count{dependency="embedding",operation="embed",outcome="ok"} 2
# HELP rag_index_chunks Chunks stored.
# TYPE rag_index_chunks gauge
rag_index_chunks{collection="code_chunks"} 13
`,
  llm: `# HELP llm_time_to_first_token_seconds Time to first token.
# TYPE llm_time_to_first_token_seconds histogram
llm_time_to_first_token_seconds_bucket{le="+Inf",model="gpt-4o-mini"} 1
llm_time_to_first_token_seconds_sum{model="gpt-4o-mini"} 0.3
llm_time_to_first_token_seconds_count{model="gpt-4o-mini"} 1
# HELP llm_generated_tokens_total Completion tokens generated.
# TYPE llm_generated_tokens_total counter
llm_generated_tokens_total{model="gpt-4o-mini"} 42
`,
  qdrant: `# HELP collections_total number of collections
# TYPE collections_total gauge
collections_total 1
# HELP collections_vector_total total number of vectors in all collections
# TYPE collections_vector_total gauge
collections_vector_total 0
# HELP rest_responses_total total number of responses
# TYPE rest_responses_total counter
rest_responses_total{method="GET",endpoint="/collections",status="200"} 3
`,
};

const withMetrics = (base: TestHandler, text: string): TestHandler => overrideRoutes(base, { 'GET /metrics': (_req, res) => sendText(res, 200, text, { 'content-type': 'text/plain; version=0.0.4' }) });

const COMPLETE = {
  rag: withMetrics(task06RagServer, BLOCKS.http + BLOCKS.rag + BLOCKS.runtime),
  embedding: withMetrics(task06EmbeddingServer, BLOCKS.http + BLOCKS.runtime),
  llm: withMetrics(task06LlmServer, BLOCKS.http + BLOCKS.llm + BLOCKS.runtime),
  vectorDb: withMetrics(task06Qdrant(), BLOCKS.qdrant + BLOCKS.http + BLOCKS.runtime),
};

const started: TestServer[] = [];
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rv-readiness-obs-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.close()));
});

async function runObservability(handlers: Partial<typeof COMPLETE> = {}, options: Partial<RunReadinessOptions> = {}) {
  const all = { rag: task06RagServer, embedding: task06EmbeddingServer, llm: task06LlmServer, vectorDb: task06Qdrant(), ...handlers };
  const urls: Record<string, string> = {};
  for (const [name, handler] of Object.entries(all)) {
    const server = await startTestServer(handler);
    started.push(server);
    urls[name] = server.url;
  }
  const config = configFor(urls as { rag: string; embedding: string; llm: string; vectorDb: string });
  return { config, result: await runReadiness({ config, checks: ['observability'], probeTimeoutMs: 3_000, ...options }) };
}

describe('obs.metrics-endpoint', () => {
  it('fails the Task-06 services, which expose no /metrics (only Qdrant does)', async () => {
    const check = expectCheck((await runObservability()).result, 'obs.metrics-endpoint', 'fail');
    expect(check.evidence.filter((e) => e.endsWith('/metrics: 404 {"detail":"Not Found"}'))).toHaveLength(3);
    expect(check.evidence).toContain('vector-db: 4 metric families');
  });

  it('fails a /metrics body that does not parse, naming the line', async () => {
    const check = expectCheck((await runObservability({ ...COMPLETE, llm: withMetrics(task06LlmServer, 'llm_generated_tokens_total{model=gpt} 1\n') })).result, 'obs.metrics-endpoint', 'fail');
    expect(check.evidence[0]).toBe('llm-server /metrics line 1: label model value is not quoted');
  });

  it('passes four services with valid metrics', async () => {
    expectCheck((await runObservability(COMPLETE)).result, 'obs.metrics-endpoint', 'pass');
  });
});

describe('obs.metric-contract', () => {
  it('passes services exposing the whole contract', async () => {
    expect(expectCheck((await runObservability(COMPLETE)).result, 'obs.metric-contract', 'pass').reason).toMatch(/^all \d+ contract metrics present/);
  });

  it('fails the Task-06 services and a histogram exposed as a summary or without its labels', async () => {
    expect(expectCheck((await runObservability()).result, 'obs.metric-contract', 'fail').evidence[0]).toContain('rag-server: no /metrics, so none of http_request_duration_seconds');
    const summary = BLOCKS.http.replace('# TYPE http_request_duration_seconds histogram', '# TYPE http_request_duration_seconds summary').replace(/_bucket\{le="[^"]+",/g, '{quantile="0.5",');
    const unlabelled = BLOCKS.llm.replace(/\{le="\+Inf",model="gpt-4o-mini"\}/, '{le="+Inf"}').replace(/\{model="gpt-4o-mini"\}/g, '');
    const { result } = await runObservability({ ...COMPLETE, embedding: withMetrics(task06EmbeddingServer, summary + BLOCKS.runtime), llm: withMetrics(task06LlmServer, BLOCKS.http + unlabelled + BLOCKS.runtime) });
    const check = expectCheck(result, 'obs.metric-contract', 'fail');
    expect(check.evidence).toEqual(
      expect.arrayContaining([
        'embedding-server: http_request_duration_seconds is a summary, the contract says histogram',
        'llm-server: llm_time_to_first_token_seconds has no model label',
        'llm-server: llm_generated_tokens_total has no model label',
      ]),
    );
  });

  it('only warns about missing runtime metrics (a Python service has no nodejs_*)', async () => {
    const check = expectCheck((await runObservability({ ...COMPLETE, embedding: withMetrics(task06EmbeddingServer, BLOCKS.http) })).result, 'obs.metric-contract', 'warn');
    expect(check.evidence).toEqual([
      'embedding-server: process_cpu_seconds_total (counter) is missing',
      'embedding-server: process_resident_memory_bytes (gauge) is missing',
      'embedding-server: nodejs_heap_size_used_bytes (gauge) is missing',
    ]);
  });
});

describe('obs.metrics-lint', () => {
  it('warns about what promtool flags (a gauge ending in _total, as prom-client’s defaults have)', async (ctx) => {
    const lint = `# HELP nodejs_active_handles_total Number of active libuv handles.\n# TYPE nodejs_active_handles_total gauge\nnodejs_active_handles_total 3\n`;
    const { result } = await runObservability({ ...COMPLETE, rag: withMetrics(task06RagServer, BLOCKS.http + BLOCKS.rag + BLOCKS.runtime + lint) });
    if (result.checks.find((c) => c.id === 'obs.metrics-lint')?.status === 'unknown') return ctx.skip(true, 'promtool is not installed');
    const check = expectCheck(result, 'obs.metrics-lint', 'warn');
    expect(check.evidence).toContain('rag-server: nodejs_active_handles_total non-counter metrics should not have "_total" suffix');
    expect(check.evidence).toContain('vector-db: collections_total non-counter metrics should not have "_total" suffix');
  });

  it('passes clean metrics (Qdrant’s own gauges `collections_total` and `collections_vector_total` would warn)', async (ctx) => {
    const noQdrantMetrics = overrideRoutes(task06Qdrant(), { 'GET /metrics': (_req, res) => sendText(res, 404, 'not found') });
    const { result } = await runObservability({ ...COMPLETE, vectorDb: noQdrantMetrics });
    if (result.checks.find((c) => c.id === 'obs.metrics-lint')?.status === 'unknown') return ctx.skip(true, 'promtool is not installed');
    expectCheck(result, 'obs.metrics-lint', 'pass');
  });

  it('is unknown, not a pass, without promtool', async () => {
    const check = expectCheck((await runObservability(COMPLETE, { promtool: join(dir, 'no-such-promtool') })).result, 'obs.metrics-lint', 'unknown');
    expect(check.reason).toContain('is not installed');
  });
});

describe('obs.prometheus-targets', () => {
  const prometheusYml = (urls: Record<string, string>, override: Record<string, string> = {}) =>
    [
      'global: { scrape_interval: 15s }',
      'scrape_configs:',
      ...Object.entries(urls).map(([service, url]) => `  - job_name: ${service}\n    static_configs:\n      - targets: ['${override[service] ?? new URL(url).host}']`),
    ].join('\n');

  it('passes a prometheus.yml that scrapes every configured service', async () => {
    const { config } = await runObservability(COMPLETE, { checks: ['obs.metrics-endpoint'] });
    const file = join(dir, 'good.yml');
    const urls = Object.fromEntries(Object.entries(config.target.services).map(([k, v]) => [k, v.url]));
    await writeFile(file, prometheusYml(urls));
    const result = await runReadiness({ config, checks: ['obs.prometheus-targets'], prometheusConfigFile: file });
    expect(expectCheck(result, 'obs.prometheus-targets', 'pass').evidence).toHaveLength(4);
  });

  it('fails one whose llm-server target has the wrong port', async () => {
    const { config } = await runObservability(COMPLETE, { checks: ['obs.metrics-endpoint'] });
    const urls = Object.fromEntries(Object.entries(config.target.services).map(([k, v]) => [k, v.url]));
    const file = join(dir, 'bad.yml');
    await writeFile(file, prometheusYml(urls, { llm: '127.0.0.1:8002' }));
    const check = expectCheck(await runReadiness({ config, checks: ['obs.prometheus-targets'], prometheusConfigFile: file }), 'obs.prometheus-targets', 'fail');
    expect(check.evidence[0]).toContain(`llm-server: no scrape target ${new URL(urls['llm']!).host}`);
  });

  it('checks the prometheus.yml monitoring-config generates from the same config by default', async () => {
    const { config } = await runObservability(COMPLETE, { checks: ['obs.metrics-endpoint'] });
    const check = expectCheck(await runReadiness({ config, checks: ['obs.prometheus-targets'] }), 'obs.prometheus-targets', 'pass');
    expect(check.reason).toBe('the prometheus.yml generated from the config scrapes all four services at their configured URLs');
    expect(check.evidence).toContain(`llm-server: job llm-server scrapes ${config.target.services.llm.url}/metrics`);
  });

  it('checks another generator’s output, and is unknown without any', async () => {
    const { config } = await runObservability(COMPLETE, { checks: ['obs.metrics-endpoint'] });
    expectCheck(await runReadiness({ config, checks: ['obs.prometheus-targets'], generatePrometheusConfig: false }), 'obs.prometheus-targets', 'unknown');
    const wrongScheme = (c: typeof config) => `scrape_configs:\n${Object.values(c.target.services).map((s) => `  - job_name: x\n    scheme: https\n    static_configs: [{ targets: ['${new URL(s.url).host}'] }]`).join('\n')}\n`;
    const check = expectCheck(await runReadiness({ config, checks: ['obs.prometheus-targets'], generatePrometheusConfig: wrongScheme }), 'obs.prometheus-targets', 'fail');
    expect(check.evidence[0]).toMatch(/is scraped as https:\/\/…\/metrics, expected http:\/\/…\/metrics/);
  });
});
