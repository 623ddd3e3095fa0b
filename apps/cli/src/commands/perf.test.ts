import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { closedPort } from '@rag-validate/clients/testing';
import { startMiniTarget, type MiniTarget } from '@rag-validate/perf/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { CliContext } from '../cli-context.js';
import { Output } from '../output.js';
import { runProgram } from '../program.js';
import { runCli } from '../testing/run-cli.js';

let dir: string;
let fast: MiniTarget;
let slow: MiniTarget;
let config: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rv-cli-perf-'));
  fast = await startMiniTarget({ searchDelayMs: 2 });
  slow = await startMiniTarget({ generateDelayMs: 300 });
  // Test SLOs: search at 40 RPS, generation in 150 ms on average (the slow target takes 300 ms).
  config = join(dir, 'rag-validate.yaml');
  await writeFile(config, ['slos:', '  search:', '    throughput: { rps: 40 }', '  generate:', '    latency: { avgMs: 150, p95Ms: 200 }', '    throughput: { rps: 4 }', ''].join('\n'));
});
afterAll(async () => {
  await Promise.all([fast.close(), slow.close()]);
  await rm(dir, { recursive: true, force: true });
});

const envFor = (target: MiniTarget) => ({ RAG_VALIDATE_RAG_URL: target.url, RAG_VALIDATE_LLM_URL: target.url });

describe('rag-validate perf', () => {
  it('runs a scenario, writes JSON, Markdown and HTML, and exits 0 when every gate passes', async () => {
    const out = join(dir, 'pass');
    const run = await runCli(['perf', '--config', config, '--scenario', 'search', '--duration', '2s', '--warmup', '0s', '--out', out, '--json'], { env: envFor(fast) });
    expect(run.exitCode, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout) as { ok: boolean; gates: Array<{ gate: string; pass: boolean }>; files: { json: string; html: string; markdown: string } };
    expect(summary.ok).toBe(true);
    expect(summary.gates.length).toBeGreaterThan(4);
    expect(summary.files.json).toBe(join(out, 'perf-search.json'));
    for (const file of Object.values(summary.files)) expect(existsSync(file)).toBe(true);
    expect(run.stdout).not.toContain('HISTFAAA');
  });

  it('exits 1 when a gate fails, naming the gate and the measured value', async () => {
    const run = await runCli(['perf', '--config', config, '--scenario', 'generate', '--duration', '2s', '--warmup', '0s', '--out', join(dir, 'fail')], { env: envFor(slow) });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(/gate failed: generate latency-avg = 3\d\d ms > 150 ms \(slos\.generate\.latency\.avgMs\): FAILED/);
    expect(run.stdout).toMatch(/^generate\s+latency-avg\s+3\d\d ms\s+≤ 150 ms\s+FAIL$/m);
  });

  it('merges the results of two generators and gates the whole (exit code follows the merged gates)', async () => {
    const outs = [join(dir, 'm1'), join(dir, 'm2')];
    const env = envFor(fast);
    await Promise.all(outs.map((out) => runCli(['perf', '--config', config, '--scenario', 'search', '--rps', '20', '--duration', '2s', '--warmup', '0s', '--out', out], { env })));
    const run = await runCli(['perf', 'merge', join(outs[0] ?? '', 'perf-search.json'), join(outs[1] ?? '', 'perf-search.json'), '--config', config, '--out', join(dir, 'merged'), '--json'], { env });
    const summary = JSON.parse(run.stdout) as { ok: boolean; series: Record<string, { scheduled: number }>; generators: unknown[] };
    expect(summary.generators).toHaveLength(2);
    expect(summary.series['search']?.scheduled).toBe(80);
    // Two generators at 20 RPS each reach the 40 RPS objective together.
    expect(run.exitCode, run.stderr).toBe(0);
    expect(existsSync(join(dir, 'merged', 'perf-search-merged.html'))).toBe(true);
  });

  it('exports k6 and Locust scripts', async () => {
    const k6 = join(dir, 'load.js');
    const locust = join(dir, 'locustfile.py');
    const run = await runCli(['perf', 'export', '--config', config, '--scenario', 'search', '--rps', '30', '--k6', k6, '--locust', locust], { env: envFor(fast) });
    expect(run.exitCode, run.stderr).toBe(0);
    const script = await readFile(k6, 'utf8');
    expect(script).toContain("import http from 'k6/http';");
    expect(script).toContain('from scenario "search"');
    expect(script).toContain('"rate": 30');
    expect(await readFile(locust, 'utf8')).toContain('import locust.runners');
  });

  it.each([
    [['perf', '--rps', '-3'], /--rps/],
    [['perf', '--scenario', 'soak', '--duration', '1s'], /unknown perf scenario "soak"; known scenarios: mixed, search/],
    [['perf', '--stages', '30s:fast'], /--stages/],
    [['perf', '--stages', '10s:5', '--duration', '10s'], /either --duration or --stages/],
    [['perf', 'export'], /--k6 <file> and\/or --locust <file>/],
    [['perf', 'merge', '/nonexistent/a.json', '/nonexistent/b.json'], /RV_ERR_PERF_RESULT_INVALID/],
  ])('rejects %j as a usage error (exit 2) without sending load', async (args, message) => {
    const before = fast.calls.search + fast.calls.health;
    const run = await runCli([...args, '--config', config], { env: envFor(fast) });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(fast.calls.search + fast.calls.health).toBe(before);
  });

  it('shows live progress on a terminal as one line rewritten in place', async () => {
    const stdout = new PassThrough();
    const stderr = Object.assign(new PassThrough(), { isTTY: true, columns: 200 });
    const chunks: string[] = [];
    stderr.on('data', (c: Buffer) => chunks.push(c.toString()));
    stdout.resume();
    const ctx = new CliContext(new Output({ json: false, stdout, stderr }), { env: envFor(fast) });
    const previous = process.exitCode;
    try {
      await runProgram(ctx, ['perf', '--config', config, '--scenario', 'search', '--duration', '2500ms', '--warmup', '0s', '--out', join(dir, 'tty')]);
      expect(process.exitCode).toBe(0);
    } finally {
      process.exitCode = previous;
    }
    const progress = chunks.filter((c) => c.startsWith('\r\x1b[2K') && c.includes('ok/s'));
    expect(progress.length).toBeGreaterThanOrEqual(1);
    expect(progress[0]).toMatch(/perf search measure \d+\/3 s \| [\d.]+ ok\/s \| p95 search [\d.]+ ms \| errors 0 \| dropped 0 \| late \d+ \| in flight \d+/);
    expect(progress.every((line) => !line.includes('\n'))).toBe(true);
  });

  it('stops on Ctrl-C (SIGINT): writes the partial result and exits 130 instead of running on', async () => {
    const out = join(dir, 'interrupted');
    const bin = fileURLToPath(new URL('../../bin/rag-validate.js', import.meta.url));
    const child = spawn(process.execPath, [bin, 'perf', '--config', config, '--scenario', 'generate', '--duration', '5m', '--warmup', '0s', '--out', out], {
      env: { PATH: process.env['PATH'] ?? '', ...envFor(slow) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const watchdog = setTimeout(() => child.kill('SIGKILL'), 60_000);
    try {
      // Once the load is running (the first calls reached the server), interrupt it.
      const before = slow.calls.generate;
      while (slow.calls.generate < before + 3) await new Promise((resolve) => setTimeout(resolve, 50));
      child.kill('SIGINT');
      expect(await exited).toBe(130);
    } finally {
      clearTimeout(watchdog);
    }
    expect(stderr).toContain('the run was stopped before its end');
    const result = JSON.parse(await readFile(join(out, 'perf-generate.json'), 'utf8')) as { pass: boolean; generators: Array<{ aborted: boolean }>; measure: { durationMs: number } };
    expect(result.pass).toBe(false);
    expect(result.generators[0]?.aborted).toBe(true);
    expect(result.measure.durationMs).toBeLessThan(300_000);
  });

  it('in embedded mode starts the reference stack, runs against it and stops it', async () => {
    const out = join(dir, 'embedded');
    // The test config has no URLs (embedded mode) and asks for search at 40 RPS: light enough for a busy machine.
    const run = await runCli(['perf', '--config', config, '--scenario', 'search', '--duration', '2s', '--warmup', '1s', '--out', out, '--json'], { env: {} });
    expect(run.exitCode, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout) as { ok: boolean; series: Record<string, { ok: number }> };
    expect(summary.ok).toBe(true);
    expect(summary.series['search']?.ok).toBe(80);
    expect(run.stderr).toContain('starting the embedded reference stack');
    expect(run.stderr).toContain('stopping the embedded reference stack');
    const result = JSON.parse(await readFile(join(out, 'perf-search.json'), 'utf8')) as { target: { rag: string } };
    expect(result.target.rag).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  }, 120_000);

  it('is the perf phase of `rag-validate run`: the SLO scenarios, a few seconds each, gated', async () => {
    const out = join(dir, 'run');
    const run = await runCli(['run', '--only', 'perf', '--config', config, '--out', out], { env: envFor(fast), cwd: dir });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    const summary = JSON.parse(await readFile(join(out, 'run.json'), 'utf8')) as { phases: Array<{ phase: string; status: string; summary: string; files: string[] }> };
    expect(summary.phases.map((p) => [p.phase, p.status])).toEqual([['perf', 'pass']]);
    expect(summary.phases[0]?.summary).toMatch(/^search PASS \([\d.]+ ok\/s, p95 [\d.]+ ms\); generate PASS/);
    expect(summary.phases[0]?.files.map((f) => f.slice(out.length + 1))).toEqual([
      'perf-search.json',
      'perf-search.md',
      'perf-search.html',
      'perf-generate.json',
      'perf-generate.md',
      'perf-generate.html',
    ]);
  }, 60_000);

  it('fails fast (exit 1) when the target is down, sending no load', async () => {
    const port = await closedPort();
    const run = await runCli(['perf', '--config', config, '--scenario', 'search', '--duration', '1s'], { env: { RAG_VALIDATE_RAG_URL: `http://127.0.0.1:${port}` } });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('RV_ERR_PERF_PREFLIGHT');
  });
});
