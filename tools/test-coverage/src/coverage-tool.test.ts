import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findTestProjects, selectProjects } from './find-projects.js';
import { mergeCoverage, summaryTotals, type ProjectCoverage } from './merge-coverage.js';
import { runProjectCoverage } from './run-project-coverage.js';

const workspaceRoot = resolve(import.meta.dirname, '../../..');
let dir: string;
let config: ProjectCoverage;
let summary: { total: Record<string, { total: number; covered: number }> } & Record<string, unknown>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rv-coverage-tool-'));
  // A real run: packages/config's unit tests (a few seconds) with V8 coverage.
  config = await runProjectCoverage({ name: '@rag-validate/config', root: 'packages/config' }, { workspaceRoot, reportsDir: join(dir, 'config'), output: 'ignore' });
  summary = JSON.parse(await readFile(join(dir, 'config', 'coverage-summary.json'), 'utf8')) as typeof summary;
}, 120_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('runProjectCoverage on packages/config', () => {
  it('runs its unit tests with coverage and reads the totals vitest wrote', () => {
    expect(config.testsPassed).toBe(true);
    for (const metric of ['lines', 'statements', 'functions', 'branches'] as const) {
      expect(config.metrics?.[metric].total, metric).toBe(summary.total[metric]?.total);
      expect(config.metrics?.[metric].covered, metric).toBe(summary.total[metric]?.covered);
    }
    expect(config.metrics?.lines.total).toBeGreaterThan(0);
  });

  it('counts every source file and no test file', () => {
    const files = Object.keys(summary).filter((k) => k !== 'total');
    expect(files).toContain(join(workspaceRoot, 'packages/config/src/service-urls.ts'));
    expect(files.filter((f) => f.endsWith('.test.ts'))).toEqual([]);
  });
});

describe('mergeCoverage', () => {
  it('sums the counts of every project with coverage and recomputes the percentages', () => {
    const none: ProjectCoverage = { name: 'no-coverage', root: 'x', testsPassed: false, metrics: null };
    const merged = mergeCoverage([config, { ...config, name: 'copy' }, none], new Date('2026-01-02T03:04:05Z'));
    expect(merged.kind).toBe('coverage');
    expect(merged.generatedAt).toBe('2026-01-02T03:04:05.000Z');
    expect(merged.projects.map((p) => p.name)).toEqual(['@rag-validate/config', 'copy', 'no-coverage']);
    const lines = summary.total['lines']!;
    expect(merged.total.lines).toEqual({ total: 2 * lines.total, covered: 2 * lines.covered, pct: Math.round((lines.covered / lines.total) * 10_000) / 100 });
  });

  it('has no percentage when there is nothing to cover', () => {
    expect(mergeCoverage([], new Date()).total.branches).toEqual({ total: 0, covered: 0, pct: null });
  });

  it('rejects a file that is not a coverage summary', () => {
    expect(() => summaryTotals({ lines: 1 })).toThrow('no "total"');
    expect(() => summaryTotals({ total: { lines: { pct: 1 } } })).toThrow('total.lines has no total/covered counts');
  });
});

describe('projects', () => {
  it('finds every workspace project with a vitest config, and selects by name, short name or root', async () => {
    const projects = await findTestProjects(workspaceRoot);
    expect(projects.map((p) => p.root)).toEqual(expect.arrayContaining(['packages/config', 'packages/report', 'apps/cli', 'tools/test-coverage']));
    expect(selectProjects(projects, ['@rag-validate/cli', 'config', 'tools/test-coverage/']).map((p) => p.root)).toEqual(['apps/cli', 'packages/config', 'tools/test-coverage']);
    expect(() => selectProjects(projects, ['nope'])).toThrow('unknown project "nope"');
  });

  it('npm run coverage refuses an unknown project with exit code 2 before running anything', async () => {
    const run = await promisify(execFile)(process.execPath, [join(workspaceRoot, 'node_modules/tsx/dist/cli.mjs'), 'tools/test-coverage/src/main.ts', '--projects', 'nope'], { cwd: workspaceRoot }).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(run).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown project "nope"') });
  });
});
