import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HealthResult } from '@rag-validate/report';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliRun } from '../testing/run-cli.js';

const STACK_TRACE = /\n\s+at .+:\d+:\d+/;

let dir: string;
let run: CliRun;
let health: HealthResult;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rv-cli-report-'));
  // A real run (health only, on the embedded stack) whose report cannot be written: report.html is a directory.
  await mkdir(join(dir, 'results', 'report.html'), { recursive: true });
  run = await runCli(['run', '--only', 'health'], { cwd: dir });
  health = JSON.parse(await readFile(join(dir, 'results', 'health.json'), 'utf8')) as HealthResult;
}, 240_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('rag-validate run when the report cannot be written', () => {
  it('says why without a stack trace and fails the run although every area passed', () => {
    expect(run.exitCode, run.stdout + run.stderr).toBe(1);
    expect(run.stdout).toMatch(/^health\s+PASS\s+[\d.]+ s\s+4\/4 services healthy$/m);
    expect(run.stderr).toContain(`report: not written — RV_ERR_REPORT_WRITE: cannot write the report ${join(dir, 'results', 'report.html')}: it is a directory`);
    expect(run.stdout).toMatch(/rag-validate run FAIL — results in /);
    expect(run.stderr).not.toMatch(STACK_TRACE);
  });
});

describe('rag-validate report', () => {
  it('renders the results of a real run to --out, prints each area and the path, and exits 0', async () => {
    const report = await runCli(['report', '--in', 'results', '--out', 'site/index.html'], { cwd: dir });
    expect(report.exitCode, report.stderr).toBe(0);
    expect(report.stdout).toMatch(/^Health\s+PASS\s+4\/4 services healthy$/m);
    expect(report.stdout).toMatch(/^Performance\s+NO-RESULTS\s+no results \(no perf-<scenario>\.json found\)$/m);
    expect(report.stdout).toMatch(new RegExp(`^report: ${join(dir, 'site', 'index.html')} \\(\\d+ KB; also index.md, index.junit.xml\\)$`, 'm'));
    const html = await readFile(join(dir, 'site', 'index.html'), 'utf8');
    for (const service of health.services) expect(html).toContain(`<code>${service.url}</code>`);
    expect(html).toContain('Verdicts from run.json');
    expect(html).toContain('<a href="../results/health.json">health.json</a>');
    expect(await readFile(join(dir, 'site', 'index.md'), 'utf8')).toMatch(/^\| Health \| ✅ PASS \| 4\/4 services healthy \|$/m);
    expect(existsSync(join(dir, 'site', 'index.junit.xml'))).toBe(true);
  });

  it('prints one JSON document with --json', async () => {
    const report = await runCli(['report', '--in', 'results', '--out', 'json/report.html', '--json'], { cwd: dir });
    expect(report.exitCode, report.stderr).toBe(0);
    const result = JSON.parse(report.stdout) as { ok: boolean; html: string; verdict: { status: string; areas: Array<{ area: string; status: string }> } };
    expect(result).toMatchObject({ ok: true, html: join(dir, 'json', 'report.html'), verdict: { status: 'pass' } });
    expect(result.verdict.areas.map((a) => [a.area, a.status])).toEqual([
      ['health', 'pass'],
      ['e2e', 'no-results'],
      ['perf', 'no-results'],
      ['chaos', 'no-results'],
      ['readiness', 'no-results'],
    ]);
  });

  it('shows a garbled result file as unreadable and still renders the other areas (exit 0)', async () => {
    await cp(join(dir, 'results', 'health.json'), join(dir, 'garbled', 'health.json'), { recursive: true });
    await writeFile(join(dir, 'garbled', 'e2e.json'), '{"kind": "e2e", "suites": [');
    const report = await runCli(['report', '--in', 'garbled'], { cwd: dir });
    expect(report.exitCode, report.stderr).toBe(0);
    expect(report.stdout).toMatch(/^End-to-end\s+UNREADABLE\s+e2e\.json unreadable: not valid JSON \(.+\)$/m);
    expect(report.stdout).toMatch(/^Health\s+PASS\s+4\/4 services healthy$/m);
    const html = await readFile(join(dir, 'garbled', 'report.html'), 'utf8');
    expect(html).toMatch(/<p class="unreadable">unreadable: e2e\.json: not valid JSON \(/);
    expect(html).toContain(`<code>${health.services[0]?.url}</code>`);
  });

  it('links the monitoring files `rag-validate monitoring generate` wrote in the working directory', async () => {
    const generate = await runCli(['monitoring', 'generate', '--out', 'deployment/monitoring'], { cwd: dir });
    expect(generate.exitCode, generate.stderr).toBe(0);
    const report = await runCli(['report', '--in', 'results', '--out', 'with-monitoring.html'], { cwd: dir });
    expect(report.exitCode, report.stderr).toBe(0);
    const html = await readFile(join(dir, 'with-monitoring.html'), 'utf8');
    expect(html).toContain('<a href="deployment/monitoring/prometheus.yml">prometheus.yml</a>');
    expect(html).toContain('8 files in <a href="deployment/monitoring">');
  });

  it('fails with exit 2 and a clear error when the results directory is missing or empty, without a stack trace', async () => {
    const missing = await runCli(['report', '--in', 'nowhere'], { cwd: dir });
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain(`error RV_ERR_REPORT_RESULTS_DIR: cannot read the results directory ${join(dir, 'nowhere')}: no such directory (run \`rag-validate run\` first, or give --in <dir>)`);
    expect(missing.stderr).not.toMatch(STACK_TRACE);
    await mkdir(join(dir, 'empty'));
    const empty = await runCli(['report', '--in', 'empty'], { cwd: dir });
    expect(empty.exitCode).toBe(2);
    expect(empty.stderr).toContain('error RV_ERR_REPORT_NO_RESULTS: no result files in');
  });

  it('exits 2 for a --monitoring-dir without a prometheus.yml, and 1 when the report cannot be written', async () => {
    const bad = await runCli(['report', '--in', 'results', '--monitoring-dir', 'results'], { cwd: dir });
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('error RV_ERR_USAGE: --monitoring-dir results: no prometheus.yml there');
    const blocked = await runCli(['report', '--in', 'results'], { cwd: dir });
    expect(blocked.exitCode).toBe(1);
    expect(blocked.stderr).toContain('error RV_ERR_REPORT_WRITE: cannot write the report');
    expect(blocked.stderr).not.toMatch(STACK_TRACE);
  });
});
