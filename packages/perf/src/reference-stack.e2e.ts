import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RagApiClient } from '@rag-validate/clients';
import { resolveConfig, withServiceUrls, type RagValidateConfig } from '@rag-validate/config';
import { startReferenceStack, type StartedReferenceStack } from '@rag-validate/reference-stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportScenario } from './export/export-scenario.js';
import { runScenario } from './run-scenario.js';

/**
 * The perf suite against the real reference stack (process mode, one child process per service,
 * free ports), with an LLM slower than the generation SLO of the test config: first token after
 * 800 ms, then 200 tokens/s.
 */
let stack: StartedReferenceStack;
let dir: string;
const testSlos = { generate: { latency: { avgMs: 500, p95Ms: 1_000 }, throughput: { rps: 3 } } };

function configFor(extra: Record<string, unknown> = {}): RagValidateConfig {
  return withServiceUrls(resolveConfig({ target: { mode: 'external' }, slos: testSlos, ...extra }, { env: {} }), stack.urls);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rv-perf-refstack-'));
  stack = await startReferenceStack({ mode: 'process', llm: { ttftMs: 800, tokensPerSecond: 200 } });
  // Something to find: a few indexed files (the queries are about CSV, pandas, databases …).
  const rag = new RagApiClient({ baseUrl: stack.urls.rag });
  for (const [name, content] of [
    ['io.py', 'import pandas\n\ndef read_csv(path):\n    """CSV 파일을 읽는 함수"""\n    return pandas.read_csv(path)\n'],
    ['db.py', 'import sqlite3\n\ndef connect(path):\n    """데이터베이스 연결"""\n    return sqlite3.connect(path)\n'],
    ['errors.py', 'def retry(fn, attempts=3):\n    """error handling with retries"""\n    for _ in range(attempts):\n        try:\n            return fn()\n        except Exception:\n            pass\n'],
  ] as const) {
    await rag.indexFile({ filePath: `src/${name}`, content, language: 'python' });
  }
}, 120_000);

afterAll(async () => {
  await stack?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('perf against the reference stack', () => {
  it('runs search at 100 RPS and passes every gate of the default search SLO', async () => {
    const result = await runScenario({ config: configFor(), scenario: 'search', durationMs: 3_000, warmupMs: 1_000 });
    expect(result.series['search']).toMatchObject({ scheduled: 300, dropped: 0, errors: 0, ok: 300 });
    expect(result.target.contract).toBe('codev-task06');
    expect(result.gates.filter((g) => !g.pass).map((g) => g.reason)).toEqual([]);
    expect(result.pass).toBe(true);
  }, 60_000);

  it('runs the health scenario over raw keep-alive sockets (Http1Pool): every call answered healthy', async () => {
    const result = await runScenario({ config: configFor(), scenario: 'health', rps: 200, durationMs: 2_000, warmupMs: 500 });
    expect(result.series['health']).toMatchObject({ scheduled: 400, dropped: 0, errors: 0, ok: 400 });
    expect(result.gates.filter((g) => !g.pass).map((g) => g.reason)).toEqual([]);
  }, 60_000);

  it('fails generation when the LLM is slower than the SLO, naming the gate and the measured value', async () => {
    const result = await runScenario({ config: configFor(), scenario: 'generate', durationMs: 3_000, warmupMs: 0 });
    expect(result.series['generate']).toMatchObject({ scheduled: 9, errors: 0 });
    const avg = result.gates.find((g) => g.gate === 'latency-avg');
    expect(avg?.pass).toBe(false);
    // At least the first token's 800 ms, against 500 ms allowed.
    expect(avg?.measured).toBeGreaterThan(800);
    expect(avg?.reason).toMatch(/^generate latency-avg = \d+ ms > 500 ms \(slos\.generate\.latency\.avgMs\): FAILED$/);
    expect(result.pass).toBe(false);
  }, 60_000);

  it('measures time to first token and inter-token latency of the streamed LLM', async () => {
    const result = await runScenario({ config: configFor(), scenario: 'llm-stream', rps: 2, durationMs: 2_000, warmupMs: 0 });
    expect(result.series['llm-stream']).toMatchObject({ completed: 4, errors: 0 });
    const ttft = result.series['llm-stream.ttft']?.latency;
    expect(ttft?.count).toBe(4);
    expect(ttft?.minMs).toBeGreaterThanOrEqual(800);
    // 200 tokens/s: a chunk every ~5 ms.
    expect(result.series['llm-stream.itl']?.latency.p50Ms).toBeGreaterThan(2);
    expect(result.series['llm-stream.itl']?.latency.p50Ms).toBeLessThan(50);
  }, 60_000);

  it('indexes files at the index scenario rate and passes the index SLO (files/day, time per file)', async () => {
    const result = await runScenario({ config: configFor(), scenario: 'index', durationMs: 2_000, warmupMs: 0 });
    expect(result.series['index']).toMatchObject({ scheduled: 4, ok: 4 });
    expect(result.gates.filter((g) => !g.pass).map((g) => g.reason)).toEqual([]);
  }, 60_000);

  it.skipIf(!existsSync('/usr/bin/locust'))('runs the exported locustfile (mixed user) with Debian\'s Locust, every call answered', async () => {
    const lenient = { ...testSlos, search: { availability: 0.5, latency: { avgMs: 500 } }, health: { availability: 0.5, latency: { avgMs: 500 } }, generate: { availability: 0.5, latency: { avgMs: 3_000 } } };
    const file = join(dir, 'locustfile.py');
    const text = exportScenario({ config: configFor({ slos: lenient }), scenario: 'mixed', format: 'locust', rps: 6, durationMs: 5_000 });
    await writeFile(file, text);
    const [, users = '1', spawnRate = '1'] = /-u (\d+) -r (\d+)/.exec(text) ?? [];
    const run = await new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = spawn('/usr/bin/locust', ['-f', file, '--headless', '-u', users, '-r', spawnRate, '-t', '5s', '--csv', join(dir, 'mixed')], {
        cwd: dir,
        env: { ...process.env, RAG_URL: stack.urls.rag, LLM_URL: stack.urls.llm },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (c: Buffer) => (output += c.toString()));
      child.stderr.on('data', (c: Buffer) => (output += c.toString()));
      const limit = setTimeout(() => child.kill('SIGKILL'), 60_000);
      child.on('close', (code) => {
        clearTimeout(limit);
        resolve({ code, output });
      });
    });
    const rows = (await readFile(join(dir, 'mixed_stats.csv'), 'utf8')).trim().split('\n').map((line) => line.split(','));
    const header = rows[0] ?? [];
    const column = (name: string) => header.indexOf(name);
    const stats = Object.fromEntries(rows.slice(1).map((r) => [r[column('Name')] ?? '', { requests: Number(r[column('Request Count')]), failures: Number(r[column('Failure Count')]) }]));
    for (const name of ['search', 'generate', 'health']) {
      expect(stats[name]?.requests, `${name}\n${run.output}`).toBeGreaterThan(0);
      expect(stats[name]?.failures, `${name}\n${run.output}`).toBe(0);
    }
    expect(run.code, run.output).toBe(0);
  }, 90_000);
});
