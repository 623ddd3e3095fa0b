import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { ChaosJournal, createEmbeddedEnvironment, runChaos, selectExperiments, writeChaosResults, type StackLauncher } from '@rag-validate/chaos';
import { createServiceClients, probeServices } from '@rag-validate/clients';
import { resolveConfig, type RagValidateConfig } from '@rag-validate/config';
import { runE2e } from '@rag-validate/e2e';
import { generateMonitoringFiles, writeMonitoringFiles } from '@rag-validate/monitoring-config';
import { runScenario, writePerfArtifacts } from '@rag-validate/perf';
import { runReadiness, writeReadinessResults } from '@rag-validate/readiness';
import { startReferenceStack } from '@rag-validate/reference-stack';
import type { TestProject } from 'vitest/node';
import type { HealthResult } from '../results/health-result.js';

/** Where the real results are, for the tests (`inject('realResults')`). */
export interface RealResults {
  /** The results directory the suites wrote. */
  readonly resultsDir: string;
  /** Its parent: also holds `deployment/monitoring/` (generated) and scratch space. */
  readonly workDir: string;
  /** The repository root. */
  readonly repoRoot: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    realResults: RealResults;
  }
}

const repoRoot = resolve(import.meta.dirname, '../../../..');

/**
 * Produces a results directory for real, once for every test file of this package: health, the
 * complete-workflow and retrieval-quality e2e suites, a short search and generate perf run, the
 * readiness checklist and one chaos experiment (llm-down, short timings) against reference stacks
 * on free ports; the monitoring files generated from the same config; and the coverage tool run on
 * packages/config. Two things fail on purpose, from real measurements: a precision@5 gate of 0.9
 * (one relevant file per golden query caps precision@5 at 0.2) and a generate p95 objective of 5 ms (the LLM takes 20 ms to its first token).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const workDir = await mkdtemp(join(tmpdir(), 'rv-report-real-'));
  const resultsDir = join(workDir, 'results');
  await mkdir(resultsDir, { recursive: true });
  try {
    await runSuites(workDir, resultsDir);
    await generateMonitoring(workDir);
    await runCoverageTool(resultsDir);
  } catch (error) {
    await rm(workDir, { recursive: true, force: true });
    throw error;
  }
  project.provide('realResults', { resultsDir, workDir, repoRoot });
  return async () => {
    await rm(workDir, { recursive: true, force: true });
  };
}

function configFor(urls: Record<'rag' | 'embedding' | 'llm' | 'vectorDb', string> | undefined, workDir: string): RagValidateConfig {
  return resolveConfig(
    {
      target: { contract: 'codev-task06', ...(urls ? { services: { rag: { url: urls.rag }, embedding: { url: urls.embedding }, llm: { url: urls.llm }, vectorDb: { url: urls.vectorDb } } } : {}) },
      slos: { search: { throughput: { rps: 20 } }, generate: { throughput: { rps: 2 }, latency: { p95Ms: 5 } } },
      perf: { windowMs: 1_000 },
      quality: { minPrecisionAtK: 0.9 },
      chaos: { faultDurationMs: 4_000, baselineMs: 1_000, cleanErrorWithinMs: 10_000, loadRps: 4, journalFile: join(workDir, 'chaos-journal.json') },
      recovery: { mttrMs: 30_000 },
    },
    { env: {} },
  );
}

async function runSuites(workDir: string, resultsDir: string): Promise<void> {
  const stack = await startReferenceStack({ mode: 'process', llm: { ttftMs: 20, tokensPerSecond: 2_000 }, logLevel: 'warn', startTimeoutMs: 90_000, rootDir: workDir });
  try {
    const config = configFor(stack.urls, workDir);
    const services = await probeServices(createServiceClients(config), { timeoutMs: 5_000 });
    const health: HealthResult = { kind: 'health', version: 1, checkedAt: new Date().toISOString(), services };
    await writeFile(join(resultsDir, 'health.json'), `${JSON.stringify(health, null, 2)}\n`);
    const e2e = await runE2e({ config, suites: ['complete-workflow', 'retrieval-quality'] });
    await writeFile(join(resultsDir, 'e2e.json'), `${JSON.stringify(e2e, null, 2)}\n`);
    for (const scenario of ['search', 'generate']) {
      await writePerfArtifacts(await runScenario({ config, scenario, durationMs: 2_000, warmupMs: 500 }), resultsDir);
    }
    const readiness = await runReadiness({
      config,
      composeFile: join(repoRoot, 'deployment', 'production.yml'),
      envFile: join(repoRoot, 'deployment', 'env.example'),
      audit: false,
    });
    await writeReadinessResults(readiness, resultsDir);
  } finally {
    await stack.stop();
  }
  // Chaos gets a stack of its own, with fault proxies in front of the rag-server's dependencies.
  const config = configFor(undefined, workDir);
  const launch: StackLauncher = ({ ports, dependencyUrls }) =>
    startReferenceStack({ ports, mode: 'process', llm: { ttftMs: 50, tokensPerSecond: 0 }, logLevel: 'warn', startTimeoutMs: 90_000, ...(dependencyUrls ? { ragDependencyUrls: dependencyUrls } : {}) });
  const environment = await createEmbeddedEnvironment(config, { journal: new ChaosJournal(config.chaos.journalFile), launch });
  try {
    await writeChaosResults(resultsDir, await runChaos({ experiments: selectExperiments(['llm-down']), environment }));
  } finally {
    await environment.close();
  }
}

async function generateMonitoring(workDir: string): Promise<void> {
  await writeMonitoringFiles(join(workDir, 'deployment', 'monitoring'), generateMonitoringFiles(configFor(undefined, workDir)));
}

/** `npm run coverage -- --projects packages/config --out <results>/coverage.json`, without the build step. */
async function runCoverageTool(resultsDir: string): Promise<void> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST') && key !== 'NODE_OPTIONS'));
  await promisify(execFile)(
    process.execPath,
    [join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'tools/test-coverage/src/main.ts', '--projects', 'packages/config', '--out', join(resultsDir, 'coverage.json'), '--quiet'],
    { cwd: repoRoot, env },
  );
}
