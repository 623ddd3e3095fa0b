import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveConfig, type RagValidateConfig } from '@rag-validate/config';
import { startReferenceStack, type DefectName } from '@rag-validate/reference-stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmbeddedEnvironment, environmentFromStack, type ChaosEnvironment, type StackLauncher } from '../environment/chaos-environment.js';
import { ChaosJournal } from '../journal/chaos-journal.js';
import type { ChaosRunResult, ExperimentResult } from '../result/chaos-result.js';
import { preflight, runChaos } from '../run-chaos.js';
import { SHIPPED_EXPERIMENTS, selectExperiments } from './shipped-experiments.js';

/**
 * Every shipped experiment against the real reference stack in process mode (a fault proxy in
 * front of each rag-server dependency), with short test timings: faults of 4 s (longer than the
 * rag-server's 3 s dependency deadline), 4 req/s of load, and the contract's bound: clean errors within 10 s.
 */
function testConfig(overrides: { mttrMs?: number } = {}): RagValidateConfig {
  return resolveConfig(
    {
      target: { contract: 'codev-task06' },
      chaos: { faultDurationMs: 4_000, baselineMs: 1_000, cleanErrorWithinMs: 10_000, loadRps: 4 },
      recovery: { mttrMs: overrides.mttrMs ?? 20_000 },
      slos: { generate: { latency: { p95Ms: 20_000 } } },
    },
    { env: {} },
  );
}

function launcher(defects: readonly DefectName[] = []): StackLauncher {
  return async ({ ports, dependencyUrls }) =>
    startReferenceStack({
      ports,
      mode: 'process',
      llm: { ttftMs: 50, tokensPerSecond: 0 },
      logLevel: 'warn',
      // Generous: other suites may load the 2 cores while these stacks start.
      startTimeoutMs: 90_000,
      defects,
      ...(dependencyUrls === undefined ? {} : { ragDependencyUrls: dependencyUrls }),
    });
}

async function withEnvironment(defects: readonly DefectName[], mttrMs: number | undefined, body: (env: ChaosEnvironment) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'rv-chaos-refstack-'));
  const env = await createEmbeddedEnvironment(testConfig(mttrMs === undefined ? {} : { mttrMs }), { journal: new ChaosJournal(join(dir, 'journal.json')), launch: launcher(defects) });
  try {
    await body(env);
  } finally {
    await env.close();
    await rm(dir, { recursive: true, force: true });
  }
}

function explain(result: ExperimentResult): string {
  return JSON.stringify({ verdict: result.verdict, error: result.error, hypotheses: result.hypotheses.map((h) => `${h.verdict} ${h.id}: ${h.reason}`), load: result.load?.byOperation }, null, 2);
}

describe('shipped experiments against the reference stack (process mode)', () => {
  let dir: string;
  let env: ChaosEnvironment;
  let run: ChaosRunResult;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rv-chaos-refstack-'));
    env = await createEmbeddedEnvironment(testConfig(), { journal: new ChaosJournal(join(dir, 'journal.json')), launch: launcher() });
    run = await runChaos({ experiments: SHIPPED_EXPERIMENTS, environment: env });
  }, 600_000);

  afterAll(async () => {
    await env?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it.each(SHIPPED_EXPERIMENTS.map((e) => e.name))('%s passes, recovers within the MTTR objective and rolls back', (name) => {
    const result = run.experiments.find((e) => e.name === name)!;
    expect(result.verdict, explain(result)).toBe('pass');
    expect(result.recovery?.timeToFirstGoodQueryMs).toBeLessThanOrEqual(20_000);
    expect(result.timeline.map((t) => t.event)).toEqual(expect.arrayContaining(['fault-injected', 'rolled-back', 'first-good-query']));
  });

  it('leaves no fault behind: an empty journal', async () => {
    expect(await new ChaosJournal(join(dir, 'journal.json')).entries()).toEqual([]);
    expect(run.pass).toBe(true);
  });
});

describe('each experiment catches its fault on a deliberately broken target', () => {
  it('a rag-server that hangs while a dependency is down fails the clean-error check', async () => {
    await withEnvironment(['hang-on-dependency-down'], 10_000, async (env) => {
      const [result] = (await runChaos({ experiments: selectExperiments(['embedding-down']), environment: env })).experiments;
      expect(result?.verdict, explain(result!)).toBe('fail');
      expect(result?.hypotheses.find((h) => h.id === 'clean-errors')).toMatchObject({ verdict: 'fail', reason: expect.stringContaining('hang') });
    });
  });

  it('a rag-server that answers 200 with empty results during the fault fails the silent-degradation check', async () => {
    await withEnvironment(['empty-results-on-dependency-error'], 10_000, async (env) => {
      const [result] = (await runChaos({ experiments: selectExperiments(['embedding-down']), environment: env })).experiments;
      expect(result?.verdict, explain(result!)).toBe('fail');
      expect(result?.hypotheses.find((h) => h.id === 'no-silent-degradation')).toMatchObject({ verdict: 'fail' });
    });
  });

  it('a vector DB that keeps its data only in memory fails the consistency check', async () => {
    await withEnvironment(['in-memory-vector-db'], 6_000, async (env) => {
      const [result] = (await runChaos({ experiments: selectExperiments(['vector-db-down']), environment: env })).experiments;
      expect(result?.verdict, explain(result!)).toBe('fail');
      expect(result?.hypotheses.find((h) => h.id === 'data-consistency')).toMatchObject({ verdict: 'fail', score: 0 });
    });
  });

  it('a rag-server that acknowledges writes and drops them fails before any fault (its steady state has no data)', async () => {
    await withEnvironment(['drop-indexed-chunks'], 6_000, async (env) => {
      const [result] = (await runChaos({ experiments: selectExperiments(['rag-server-crash']), environment: env })).experiments;
      expect(result?.verdict).toBe('fail');
      expect(result?.hypotheses[0]).toMatchObject({ id: 'steady-state-before', verdict: 'fail', reason: expect.stringContaining('0 points') });
      expect(result?.timeline.map((t) => t.event)).not.toContain('fault-injected');
    });
  });
});

describe('a stack that rag-validate started elsewhere (rag-validate run)', () => {
  it('runs the process experiments through its handles and skips the network ones, saying why', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rv-chaos-owned-'));
    const stack = await startReferenceStack({ mode: 'process', llm: { ttftMs: 50, tokensPerSecond: 0 }, logLevel: 'warn', startTimeoutMs: 90_000 });
    try {
      const environment = environmentFromStack(testConfig(), stack, { journal: new ChaosJournal(join(dir, 'journal.json')) });
      const plan = preflight({ experiments: SHIPPED_EXPERIMENTS, environment, selection: 'all' });
      expect(plan.skipped.map((s) => s.experiment.name)).toEqual(['slow-llm-network', 'vector-db-blackhole']);
      expect(plan.skipped[0]?.reason).toContain('fault proxy');
      const result = await runChaos({ experiments: selectExperiments(['embedding-freeze']), environment });
      expect(result.experiments[0]?.verdict, explain(result.experiments[0]!)).toBe('pass');
      await environment.close();
      expect(stack.services.embedding.running).toBe(true);
    } finally {
      await stack.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
