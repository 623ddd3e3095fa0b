import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closedPort } from '@rag-validate/clients/testing';
import { HttpClient } from '@rag-validate/clients';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../testing/run-cli.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rv-cli-run-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('rag-validate run', () => {
  it('with no config starts the embedded stack, passes health and e2e, writes results/ and the report, and stops the stack', { timeout: 240_000 }, async () => {
    const run = await runCli(['run', '--only', 'health', 'e2e'], { cwd: dir });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/rag-validate run PASS/);
    const summary = JSON.parse(await readFile(join(dir, 'results', 'run.json'), 'utf8')) as { status: string; phases: Array<{ phase: string; status: string }> };
    expect(summary.status).toBe('pass');
    expect(summary.phases.map((p) => [p.phase, p.status])).toEqual([
      ['health', 'pass'],
      ['e2e', 'pass'],
    ]);
    const e2e = JSON.parse(await readFile(join(dir, 'results', 'e2e.json'), 'utf8')) as { target: { urls: { rag: string } }; suites: Array<{ cases: Array<{ id: string }> }> };
    expect(e2e.suites).toHaveLength(4);
    expect(existsSync(join(dir, 'results', 'e2e-junit.xml'))).toBe(true);
    // The report of the run: its path in the summary, the verdicts from run.json, the areas not run without results.
    expect(run.stdout).toMatch(new RegExp(`^report: ${join(dir, 'results', 'report.html')} \\(\\d+ KB; also report.md, report.junit.xml\\)$`, 'm'));
    expect(run.stdout.indexOf('report: ')).toBeLessThan(run.stdout.indexOf('rag-validate run PASS'));
    const html = await readFile(join(dir, 'results', 'report.html'), 'utf8');
    expect(html).toContain('<title>rag-validate report: PASS</title>');
    expect(html).toContain('Verdicts from run.json');
    for (const c of e2e.suites.flatMap((s) => s.cases)) expect(html).toContain(`<code>${c.id}</code>`);
    const markdown = await readFile(join(dir, 'results', 'report.md'), 'utf8');
    expect(markdown).toMatch(/^\| End-to-end \| ✅ PASS \| \d+ passed, 0 failed, \d+ findings, \d+ skipped \|$/m);
    expect(markdown).toMatch(/^\| Chaos \| ➖ NO RESULTS \| no results \(chaos\.json not found\) \|$/m);
    expect(await readFile(join(dir, 'results', 'report.junit.xml'), 'utf8')).toMatch(/<testsuite name="e2e" tests="\d+" failures="0"/);
    // The stack it started is gone: its rag-server no longer answers.
    const probe = await new HttpClient({ baseUrl: e2e.target.urls.rag, maxRetries: 0, timeoutMs: 2_000 }).send({ method: 'GET', path: '/health' }).catch((e: unknown) => e);
    expect(probe).toMatchObject({ code: 'RV_ERR_CONNECTION' });
  });

  it('against an external target that is down fails health and e2e and exits 1', async () => {
    const port = await closedPort();
    const env = Object.fromEntries(['RAG', 'EMBEDDING', 'LLM', 'VECTOR_DB'].map((s) => [`RAG_VALIDATE_${s}_URL`, `http://127.0.0.1:${port}`]));
    const run = await runCli(['run', '--only', 'health', '--out', join(dir, 'down')], { env, cwd: dir });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('not healthy: rag-server, embedding-server, llm-server, vector-db');
  });

  it('rejects an unknown area as a usage error', async () => {
    const run = await runCli(['run', '--only', 'astrology'], { cwd: dir });
    expect(run.exitCode).toBe(2);
  });
});
