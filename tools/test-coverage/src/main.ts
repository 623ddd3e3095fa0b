/**
 * `npm run coverage [-- --projects <a,b>] [--out <file>]`: runs the unit tests of every project
 * (or the given ones) with V8 coverage, one project after another, and writes the merged summary
 * to results/coverage.json (default), which `rag-validate report` shows. Exit code 1 when a
 * project's tests failed (the file is still written), 2 for a bad argument.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { findTestProjects, selectProjects } from './find-projects.js';
import { mergeCoverage, METRIC_NAMES, type ProjectCoverage } from './merge-coverage.js';
import { runProjectCoverage } from './run-project-coverage.js';

const workspaceRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

async function main(): Promise<number> {
  let values: { projects?: string; out?: string; quiet?: boolean };
  try {
    ({ values } = parseArgs({ options: { projects: { type: 'string' }, out: { type: 'string' }, quiet: { type: 'boolean' } }, strict: true }));
  } catch (error) {
    console.error(`coverage: ${(error as Error).message}\nusage: npm run coverage -- [--projects <name|root,...>] [--out <file>] [--quiet]`);
    return 2;
  }
  let projects;
  try {
    projects = selectProjects(await findTestProjects(workspaceRoot), (values.projects ?? '').split(',').map((s) => s.trim()).filter((s) => s !== ''));
  } catch (error) {
    console.error(`coverage: ${(error as Error).message}`);
    return 2;
  }
  const out = resolve(values.out ?? join(workspaceRoot, 'results', 'coverage.json'));
  const work = await mkdtemp(join(tmpdir(), 'rv-coverage-'));
  const covered: ProjectCoverage[] = [];
  try {
    for (const [index, project] of projects.entries()) {
      console.error(`coverage [${index + 1}/${projects.length}] ${project.name} (${project.root})`);
      covered.push(await runProjectCoverage(project, { workspaceRoot, reportsDir: join(work, String(index)), output: values.quiet ? 'ignore' : 'inherit' }));
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  const report = mergeCoverage(covered, new Date());
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, `${JSON.stringify(report, null, 2)}\n`);
  const fmt = (p: number | null) => (p === null ? '–' : `${p.toFixed(1)} %`).padStart(8);
  console.log(`${'project'.padEnd(34)}${METRIC_NAMES.map((m) => m.padStart(12)).join('')}  tests`);
  for (const p of report.projects) console.log(`${p.name.padEnd(34)}${METRIC_NAMES.map((m) => fmt(p.metrics?.[m].pct ?? null).padStart(12)).join('')}  ${p.testsPassed ? 'passed' : 'FAILED'}`);
  console.log(`${'total'.padEnd(34)}${METRIC_NAMES.map((m) => fmt(report.total[m].pct).padStart(12)).join('')}`);
  console.log(`wrote ${out}`);
  return report.projects.every((p) => p.testsPassed) ? 0 : 1;
}

process.exitCode = await main();
