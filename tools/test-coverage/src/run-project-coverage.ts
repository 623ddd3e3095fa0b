import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { TestProject } from './find-projects.js';
import { summaryTotals, type ProjectCoverage } from './merge-coverage.js';

export interface RunProjectCoverageOptions {
  readonly workspaceRoot: string;
  /** Where vitest writes the project's coverage-summary.json (emptied first). */
  readonly reportsDir: string;
  /** `inherit` shows vitest's output; `ignore` hides it. Default: `inherit`. */
  readonly output?: 'inherit' | 'ignore';
}

/**
 * Runs one project's unit tests (its vitest.config.ts) with V8 coverage and the `json-summary`
 * reporter, counting every `src/**` file (not only those the tests load), and reads the totals.
 * Coverage is written even when a test fails (`testsPassed: false`).
 */
export async function runProjectCoverage(project: TestProject, options: RunProjectCoverageOptions): Promise<ProjectCoverage> {
  const { workspaceRoot, reportsDir, output = 'inherit' } = options;
  const vitest = join(workspaceRoot, 'node_modules', 'vitest', 'vitest.mjs');
  if (!existsSync(vitest)) throw new Error(`vitest is not installed in ${workspaceRoot} (run npm ci)`);
  await rm(reportsDir, { recursive: true, force: true });
  const args = [
    vitest,
    'run',
    '--coverage.enabled=true',
    '--coverage.provider=v8',
    '--coverage.reporter=json-summary',
    `--coverage.reportsDirectory=${reportsDir}`,
    '--coverage.reportOnFailure=true',
    '--coverage.include=src/**/*.ts',
    '--coverage.exclude=src/**/*.test.ts',
    '--coverage.exclude=src/**/*.e2e.ts',
    '--coverage.exclude=src/testing/**',
  ];
  // A vitest started from inside a vitest run must not think it is one of its workers.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST') && key !== 'NODE_OPTIONS'));
  const exitCode = await new Promise<number>((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: join(workspaceRoot, project.root), env, stdio: ['ignore', output, output] });
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
  const summaryFile = join(reportsDir, 'coverage-summary.json');
  const metrics = existsSync(summaryFile) ? summaryTotals(JSON.parse(await readFile(summaryFile, 'utf8'))) : null;
  return { name: project.name, root: project.root, testsPassed: exitCode === 0, metrics };
}
