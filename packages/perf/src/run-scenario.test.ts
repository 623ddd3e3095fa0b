import { closedPort } from '@rag-validate/clients/testing';
import { resolveConfig } from '@rag-validate/config';
import { afterEach, describe, expect, it } from 'vitest';
import { runScenario } from './run-scenario.js';
import { startMiniTarget, type MiniTarget } from './testing/mini-rag-target.js';

const targets: MiniTarget[] = [];
async function target(options: Parameters<typeof startMiniTarget>[0] = {}): Promise<MiniTarget> {
  const server = await startMiniTarget(options);
  targets.push(server);
  return server;
}
afterEach(async () => {
  await Promise.all(targets.splice(0).map((t) => t.close()));
});

/** A config for a local target; `extra` adds settings such as test SLOs (merged over the defaults). */
function configFor(url: string, extra: Record<string, unknown> = {}) {
  return resolveConfig({ ...extra, target: { contract: 'auto', services: { rag: { url }, llm: { url } } } }, { env: {} });
}

const short = { durationMs: 2_000, warmupMs: 0 };

describe('runScenario against a real HTTP server', () => {
  it('runs search at 100 RPS and passes every gate of the search SLO', async () => {
    const server = await target({ searchDelayMs: 2 });
    const result = await runScenario({ config: configFor(server.url), scenario: 'search', ...short });
    const search = result.series['search'];
    expect(search).toMatchObject({ scheduled: 200, sent: 200, dropped: 0, completed: 200, ok: 200, errors: 0 });
    expect(server.calls.search).toBe(200);
    expect(result.target).toEqual({ rag: server.url, contract: 'codev-task06' });
    expect(result.gates.map((g) => g.gate)).toEqual([
      'latency-avg',
      'latency-p95',
      'error-rate',
      'throughput',
      'dropped',
      'window-latency-avg',
      'window-latency-p95',
      'window-error-rate',
    ]);
    expect(result.gates.filter((g) => !g.pass).map((g) => g.reason)).toEqual([]);
    expect(result.pass).toBe(true);
    expect(result.objectives['search']?.requiredRps).toBe(99);
    expect(result.generators[0]?.sentTotal).toBe(200);
  });

  it('drops sends when the server is slower than the allowed concurrency, and fails the dropped gate', async () => {
    const server = await target({ searchDelayMs: 400 });
    const result = await runScenario({ config: configFor(server.url), scenario: 'search', rps: 50, maxInFlight: 5, ...short });
    const search = result.series['search'];
    // 50 rps × 0.4 s needs 20 calls in flight; only 5 may be open.
    expect(search?.dropped).toBeGreaterThan(0);
    expect((search?.sent ?? 0) + (search?.dropped ?? 0)).toBe(100);
    const dropped = result.gates.find((g) => g.gate === 'dropped');
    expect(dropped?.pass).toBe(false);
    expect(dropped?.reason).toMatch(new RegExp(`^search dropped = ${search?.dropped} > 0 `));
    expect(result.pass).toBe(false);
  });

  it('fails generation slower than its SLO with a reason naming the gate and the measured value', async () => {
    const server = await target({ generateDelayMs: 300 });
    const config = configFor(server.url, { slos: { generate: { latency: { avgMs: 150, p95Ms: 200 }, throughput: { rps: 5 } } } });
    const result = await runScenario({ config, scenario: 'generate', ...short });
    const avg = result.gates.find((g) => g.gate === 'latency-avg' && g.operation === 'generate');
    expect(avg?.pass).toBe(false);
    expect(avg?.measured).toBeGreaterThanOrEqual(300);
    expect(avg?.reason).toMatch(/^generate latency-avg = \d+ ms > 150 ms \(slos\.generate\.latency\.avgMs\): FAILED$/);
    expect(result.gates.find((g) => g.gate === 'throughput')?.pass).toBe(true);
    expect(result.pass).toBe(false);
  });

  it('counts server errors and fails the error-rate gate', async () => {
    const server = await target({ failSearchEvery: 10 });
    const result = await runScenario({ config: configFor(server.url), scenario: 'search', rps: 50, ...short });
    expect(result.series['search']?.errorsByKind).toEqual({ 'http 500': 10 });
    const gate = result.gates.find((g) => g.gate === 'error-rate');
    expect(gate?.measured).toBe(0.1);
    expect(gate?.reason).toContain('search error-rate = 10.00 % > 1.00 %');
  });

  it('records time to first token and inter-token latency of streamed completions as their own series', async () => {
    const server = await target({ llm: { ttftMs: 30, tokensPerSecond: 100, tokens: 5 } });
    const result = await runScenario({ config: configFor(server.url, { slos: { generate: { throughput: { rps: 5 } } } }), scenario: 'llm-stream', ...short });
    expect(result.series['llm-stream']).toMatchObject({ completed: 10, ok: 10 });
    expect(result.series['llm-stream.ttft']).toMatchObject({ kind: 'sample', completed: 10 });
    expect(result.series['llm-stream.itl']).toMatchObject({ kind: 'sample', completed: 40 });
    expect(result.series['llm-stream.ttft']?.latency.p50Ms).toBeGreaterThanOrEqual(30);
    expect(result.series['llm-stream.itl']?.latency.p50Ms).toBeGreaterThanOrEqual(10);
    expect(result.target.llm).toBe(server.url);
    expect(server.calls.chat).toBe(10);
  });

  it('indexes new files and gates the daily throughput and the time per file', async () => {
    const server = await target({ indexDelayMs: 5 });
    const result = await runScenario({ config: configFor(server.url), scenario: 'index', ...short });
    const gates = Object.fromEntries(result.gates.map((g) => [g.gate, g]));
    expect(gates['throughput-per-day']?.measured).toBe(2 * 86_400);
    expect(gates['throughput-per-day']?.pass).toBe(true);
    expect(gates['latency-max']?.pass).toBe(true);
    const paths = server.requests.filter((r) => r.url === '/api/v1/indexing/file').map((r) => (JSON.parse(r.body) as { file_path: string }).file_path);
    expect(new Set(paths).size).toBe(4);
  });

  it('mixes search, generate and health 3 : 1 : 2 as the seed user did', async () => {
    const server = await target();
    const result = await runScenario({ config: configFor(server.url), scenario: 'mixed', ...short });
    expect([result.series['search']?.scheduled, result.series['generate']?.scheduled, result.series['health']?.scheduled]).toEqual([12, 4, 8]);
  });

  it('sends no load and fails with RV_ERR_PERF_PREFLIGHT when the target is down', async () => {
    const port = await closedPort();
    const error = (await runScenario({ config: configFor(`http://127.0.0.1:${port}`), scenario: 'search', ...short }).catch((e: unknown) => e)) as { code: string; message: string };
    expect(error.code).toBe('RV_ERR_PERF_PREFLIGHT');
    expect(error.message).toContain(`http://127.0.0.1:${port}`);
    expect(error.message).toContain('connection refused');
  });

  it('rejects an unknown scenario, listing the known ones', async () => {
    const error = (await runScenario({ config: configFor('http://127.0.0.1:1'), scenario: 'soak' }).catch((e: unknown) => e)) as { code: string; message: string };
    expect(error.code).toBe('RV_ERR_PERF_UNKNOWN_SCENARIO');
    expect(error.message).toContain('mixed, search, generate, llm-stream, index, health');
  });
});
