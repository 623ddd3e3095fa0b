import { randomBytes } from 'node:crypto';
import { createServiceClients, RagApiClient } from '@rag-validate/clients';
import { isRagValidateError, SERVICE_DISPLAY_NAMES } from '@rag-validate/config';
import type { ChaosEnvironment } from './environment/chaos-environment.js';
import type { BackgroundLoadRunner } from './experiment/background-load.js';
import type { ExperimentDefinition } from './experiment/experiment.js';
import { RagWorkload } from './experiment/rag-workload.js';
import { runExperiment, type ChaosTiming } from './experiment/run-experiment.js';
import { describeFault } from './faults/fault-spec.js';
import type { ChaosRunResult, ExperimentResult, TimelineEvent } from './result/chaos-result.js';
import { assertFaultAllowed, chaosPolicy } from './safety/chaos-policy.js';

export interface RunChaosOptions {
  readonly experiments: readonly ExperimentDefinition[];
  readonly environment: ChaosEnvironment;
  /**
   * `explicit`: the experiments were named, so one that is not allowed or has no injector is an
   * error before anything runs; `all`: such experiments are skipped with the reason.
   */
  readonly selection?: 'explicit' | 'all';
  /** Overrides of the config's timings (`chaos.*`, `recovery.mttrMs`). */
  readonly timing?: Partial<ChaosTiming>;
  readonly prometheusUrl?: string | undefined;
  readonly loadRunner?: BackgroundLoadRunner;
  readonly signal?: AbortSignal | undefined;
  readonly onEvent?: (experiment: string, event: TimelineEvent) => void;
  /** Called when an experiment starts and ends. */
  readonly onExperiment?: (name: string, result: ExperimentResult | undefined) => void;
}

/** The timings of a run: the config's chaos settings and MTTR objective, with overrides. */
export function chaosTiming(environment: ChaosEnvironment, overrides: Partial<ChaosTiming> = {}): ChaosTiming {
  const { chaos, recovery } = environment.config;
  return {
    faultDurationMs: chaos.faultDurationMs,
    baselineMs: chaos.baselineMs,
    cleanErrorWithinMs: chaos.cleanErrorWithinMs,
    loadRps: chaos.loadRps,
    mttrMs: recovery.mttrMs,
    ...overrides,
  };
}

/**
 * Checks every experiment against the safety policy and the available injectors, before anything
 * is touched. Returns the runnable experiments and the skipped ones (with a reason); with an
 * explicit selection, the first problem is thrown instead.
 */
export function preflight(options: Pick<RunChaosOptions, 'experiments' | 'environment' | 'selection'>): {
  runnable: ExperimentDefinition[];
  skipped: Array<{ experiment: ExperimentDefinition; code: string; reason: string }>;
} {
  const { experiments, environment, selection = 'explicit' } = options;
  const policy = chaosPolicy(environment.config.chaos, environment.targetKind);
  const runnable: ExperimentDefinition[] = [];
  const skipped: Array<{ experiment: ExperimentDefinition; code: string; reason: string }> = [];
  for (const experiment of experiments) {
    try {
      assertFaultAllowed(policy, experiment.fault);
      environment.injectorFor(experiment.fault);
      runnable.push(experiment);
    } catch (error) {
      if (selection === 'explicit' || (isRagValidateError(error) && error.code === 'RV_ERR_CHAOS_EXTERNAL_TARGET')) throw error;
      skipped.push({ experiment, code: isRagValidateError(error) ? error.code : 'RV_ERR_INTERNAL', reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return { runnable, skipped };
}

/**
 * Runs experiments one after the other against an environment and collects `results/chaos.json`.
 * Each experiment rolls its fault back before the next starts.
 */
export async function runChaos(options: RunChaosOptions): Promise<ChaosRunResult> {
  const { environment, signal } = options;
  const started = new Date();
  const { runnable, skipped } = preflight(options);
  const timing = chaosTiming(environment, options.timing);
  const config = environment.config;
  const clients = createServiceClients(config);
  const generateSlo = config.slos.generate.latency;
  const loadTimeoutMs = timing.cleanErrorWithinMs + 5_000;
  const rag = new RagApiClient({
    baseUrl: environment.urls.rag,
    contract: config.target.contract,
    collection: config.target.collection.name,
    bm25Index: config.target.bm25Index,
    timeoutMs: loadTimeoutMs,
    generateTimeoutMs: Math.max(loadTimeoutMs, generateSlo.maxMs ?? generateSlo.p95Ms ?? generateSlo.avgMs ?? 0),
    maxRetries: 0,
    ...(config.target.services.rag.auth === undefined ? {} : { auth: config.target.services.rag.auth }),
  });
  const workload = new RagWorkload({
    rag,
    vectorDb: clients.vectorDb,
    collection: config.target.collection.name,
    vectorSize: config.target.collection.vectorSize,
    distance: config.target.collection.distance,
    runId: `${started.toISOString().replace(/[^0-9]/g, '').slice(0, 14)}-${randomBytes(3).toString('hex')}`,
  });
  const policy = chaosPolicy(config.chaos, environment.targetKind);
  const results: ExperimentResult[] = [];
  for (const experiment of options.experiments) {
    const skip = skipped.find((s) => s.experiment === experiment);
    if (skip !== undefined) {
      results.push(skippedResult(experiment, skip, environment.driver));
      continue;
    }
    if (!runnable.includes(experiment)) continue;
    options.onExperiment?.(experiment.name, undefined);
    const result = await runExperiment(experiment, {
      clients,
      workload,
      slos: config.slos,
      dataConsistency: config.recovery.dataConsistency,
      timing,
      policy,
      injectorFor: (fault) => environment.injectorFor(fault),
      prometheusUrl: options.prometheusUrl ?? config.chaos.prometheusUrl,
      ...(options.loadRunner ? { loadRunner: options.loadRunner } : {}),
      signal,
      ...(options.onEvent ? { onEvent: options.onEvent } : {}),
    });
    results.push(result);
    options.onExperiment?.(experiment.name, result);
  }
  const count = (verdict: ExperimentResult['verdict']) => results.filter((r) => r.verdict === verdict).length;
  const summary = { passed: count('pass'), failed: count('fail'), inconclusive: count('inconclusive'), errored: count('error'), skipped: count('skipped') };
  return {
    kind: 'chaos',
    version: 1,
    startedAt: started.toISOString(),
    finishedAt: new Date().toISOString(),
    target: { kind: environment.targetKind, urls: environment.urls },
    driver: environment.driver,
    settings: { faultDurationMs: timing.faultDurationMs, baselineMs: timing.baselineMs, cleanErrorWithinMs: timing.cleanErrorWithinMs, loadRps: timing.loadRps, mttrMs: timing.mttrMs },
    experiments: results,
    summary,
    pass: summary.passed > 0 && summary.failed === 0 && summary.errored === 0 && summary.inconclusive === 0,
  };
}

function skippedResult(experiment: ExperimentDefinition, why: { code: string; reason: string }, driver: ChaosRunResult['driver']): ExperimentResult {
  return {
    name: experiment.name,
    title: experiment.title,
    description: experiment.description,
    expectedOutcome: experiment.expectedOutcome,
    fault: experiment.fault,
    faultDescription: describeFault(experiment.fault),
    driver,
    verdict: 'skipped',
    hypotheses: [],
    timeline: [],
    recovery: null,
    load: null,
    errorBudget: null,
    consistency: null,
    alert: null,
    probesBefore: [],
    probesAfter: [],
    error: { code: why.code, message: why.reason },
    startedAt: new Date().toISOString(),
    durationMs: 0,
  };
}

/** One line per experiment of what `run` would do, found without touching anything (`--dry-run`). */
export interface PlannedExperiment {
  readonly name: string;
  readonly title: string;
  readonly fault: string;
  readonly driver: string;
  /** What the driver would touch (pid, container, proxy), or why it cannot run. */
  readonly target: string;
  readonly runnable: boolean;
  readonly expectedOutcome: string;
  readonly load: readonly string[];
}

/** Plans experiments: policy, routing and each driver's read-only `plan()`. */
export async function planChaos(experiments: readonly ExperimentDefinition[], environment: ChaosEnvironment | { readonly targetKind: 'embedded'; readonly driver: ChaosRunResult['driver'] }): Promise<PlannedExperiment[]> {
  const planned: PlannedExperiment[] = [];
  for (const experiment of experiments) {
    const base = { name: experiment.name, title: experiment.title, fault: describeFault(experiment.fault), expectedOutcome: experiment.expectedOutcome, load: experiment.load };
    if (!('injectorFor' in environment)) {
      const network = ['latency', 'bandwidth', 'reset', 'blackhole', 'close-after', 'down'].includes(experiment.fault.kind);
      planned.push({
        ...base,
        driver: network ? 'tcp-proxy' : environment.driver,
        target: `${SERVICE_DISPLAY_NAMES[experiment.fault.service]} of the embedded reference stack (started for the run, on free ports)`,
        runnable: true,
      });
      continue;
    }
    try {
      assertFaultAllowed(chaosPolicy(environment.config.chaos, environment.targetKind), experiment.fault);
      const { injector, fault } = environment.injectorFor(experiment.fault);
      planned.push({ ...base, driver: injector.driver, target: await injector.plan(fault), runnable: true });
    } catch (error) {
      planned.push({ ...base, driver: environment.driver, target: isRagValidateError(error) ? `${error.code}: ${error.message}` : String(error), runnable: false });
    }
  }
  return planned;
}
