import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closedPort } from '@rag-validate/clients/testing';
import { resolveConfig } from '@rag-validate/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEARCH_QUERIES } from '../scenarios/query-pools.js';
import { startMiniTarget, type MiniTarget } from '../testing/mini-rag-target.js';
import { exportScenario } from './export-scenario.js';

const LOCUST = '/usr/bin/locust';
let dir: string;
const targets: MiniTarget[] = [];
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rv-perf-locust-'));
});
afterAll(async () => {
  await Promise.all(targets.map((t) => t.close()));
  await rm(dir, { recursive: true, force: true });
});

interface LocustRun {
  readonly code: number | null;
  readonly output: string;
}

/** Runs Locust as a child process (killed by its PID if it overstays), collecting its output. */
function locust(args: readonly string[], env: Record<string, string>, limitMs = 60_000): Promise<LocustRun> {
  return new Promise((resolve) => {
    const child = spawn(LOCUST, args, { cwd: dir, env: { ...process.env, ...env, PYTHONUNBUFFERED: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), limitMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

function csvRows(text: string): Array<Record<string, string>> {
  const [head = '', ...lines] = text.trim().split('\n');
  const keys = head.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [keys[i] ?? String(i), v])));
}

/** Exports a scenario to a locustfile; returns it with the user count and spawn rate its header says to run with. */
async function exported(target: MiniTarget, scenario: string, slos: Record<string, unknown>, rps: number): Promise<{ file: string; users: string; spawnRate: string }> {
  const config = resolveConfig({ target: { services: { rag: { url: target.url }, llm: { url: target.url } } }, slos }, { env: {} });
  const file = join(dir, `${scenario}-${targets.length}.py`);
  const text = exportScenario({ config, scenario, format: 'locust', rps, durationMs: 4_000 });
  await writeFile(file, text);
  const [, users = '', spawnRate = ''] = /-u (\d+) -r (\d+)/.exec(text) ?? [];
  return { file, users, spawnRate };
}

// A few seconds of load on a fast local server: short latency objectives keep the user count
// small, and throughput is gated loosely (availability 0.5) so Locust's spawn phase does not count.
const lenient = {
  search: { availability: 0.5, latency: { avgMs: 500 }, throughput: { rps: 20 } },
  health: { availability: 0.5, latency: { avgMs: 500 } },
  generate: { availability: 0.5, latency: { avgMs: 500, p95Ms: 1_000 } },
};

describe.skipIf(!existsSync(LOCUST))('the exported locustfile, run by Debian\'s Locust 2.12', () => {
  it('sends the scenario\'s requests, writes CSV stats and exits 0 when the gates pass', async () => {
    const target = await startMiniTarget({ searchDelayMs: 2 });
    targets.push(target);
    const { file, users, spawnRate } = await exported(target, 'search', lenient, 20);
    const text = await readFile(file, 'utf8');
    expect(text).toContain('import locust.runners');
    expect(text).toContain('locust.runners.__version__ = "2.12.1"');
    expect([users, spawnRate]).toEqual(['20', '20']);
    const result = await locust(['-f', file, '--headless', '-u', users, '-r', spawnRate, '-t', '4s', '--csv', join(dir, 'ok'), '--only-summary'], { RAG_URL: target.url });
    expect(result.output).not.toContain('rag-validate gate');
    expect(result.code, result.output).toBe(0);
    const stats = csvRows(await readFile(join(dir, 'ok_stats.csv'), 'utf8'));
    const search = stats.find((row) => row['Name'] === 'search');
    expect(Number(search?.['Request Count'])).toBeGreaterThan(10);
    expect(search?.['Failure Count']).toBe('0');
    const bodies = target.requests.filter((r) => r.url === '/api/v1/search/').map((r) => JSON.parse(r.body) as { query: string; limit: number });
    expect(bodies.length).toBeGreaterThan(10);
    expect(bodies.every((b) => SEARCH_QUERIES.includes(b.query) && b.limit === 5)).toBe(true);
  }, 90_000);

  it('exits 1 naming the gate and the measured value when a gate fails', async () => {
    const target = await startMiniTarget({ searchDelayMs: 250 });
    targets.push(target);
    const { file, users, spawnRate } = await exported(target, 'search', { ...lenient, search: { availability: 0.5, latency: { avgMs: 100 }, throughput: { rps: 20 } } }, 20);
    const result = await locust(['-f', file, '--headless', '-u', users, '-r', spawnRate, '-t', '4s', '--only-summary'], { RAG_URL: target.url });
    expect(result.code, result.output).toBe(1);
    expect(result.output).toMatch(/rag-validate gate search latency-avg = 2\d\d(\.\d+)? > 100: FAILED/);
  }, 90_000);

  it('runs the mixed user distributed (--master + --worker), which Debian\'s Locust only allows with the version shim', async () => {
    const target = await startMiniTarget();
    targets.push(target);
    const { file, users, spawnRate } = await exported(target, 'mixed', lenient, 12);
    const env = { RAG_URL: target.url, LLM_URL: target.url };
    // Locust cannot report an ephemeral master port, so take one that was free a moment ago.
    const port = String(await closedPort());
    const master = locust(['-f', file, '--master', '--master-bind-host', '127.0.0.1', '--master-bind-port', port, '--headless', '--expect-workers', '1', '-u', users, '-r', spawnRate, '-t', '4s', '--csv', join(dir, 'dist')], env);
    const worker = locust(['-f', file, '--worker', '--master-host', '127.0.0.1', '--master-port', port], env);
    const [masterRun, workerRun] = await Promise.all([master, worker]);
    expect(masterRun.output).not.toMatch(/pre 2\.0|version mismatch/i);
    expect(masterRun.code, masterRun.output + workerRun.output).toBe(0);
    const stats = csvRows(await readFile(join(dir, 'dist_stats.csv'), 'utf8'));
    const counts = Object.fromEntries(['search', 'generate', 'health'].map((name) => [name, Number(stats.find((row) => row['Name'] === name)?.['Request Count'] ?? 0)]));
    expect(counts['search']).toBeGreaterThan(0);
    expect(counts['generate']).toBeGreaterThan(0);
    expect(counts['health']).toBeGreaterThan(0);
    expect(target.calls.search).toBe(counts['search']);
  }, 90_000);
});
