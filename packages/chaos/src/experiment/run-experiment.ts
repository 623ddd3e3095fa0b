import { setTimeout as sleep } from 'node:timers/promises';
import { probeServices, type ServiceClients } from '@rag-validate/clients';
import { isRagValidateError, type Slos } from '@rag-validate/config';
import type { FaultInjector } from '../faults/fault-injector.js';
import { describeFault, type FaultSpec } from '../faults/fault-spec.js';
import { assertFaultAllowed, type ChaosPolicy } from '../safety/chaos-policy.js';
import type { ExperimentResult, TimelineEvent } from '../result/chaos-result.js';
import { AlertWatcher } from './alert-watcher.js';
import { fixedRateLoad, type BackgroundLoad, type BackgroundLoadRunner } from './background-load.js';
import { checkSteadyState } from './checks.js';
import { alertResult, errorBudget, judge, overall, skippedAfterSteadyState, summarizeLoad, verdictOf, type ConsistencyOutcome } from './judge-experiment.js';
import { defaultSteadyState, type ExperimentDefinition } from './experiment.js';
import { compareManifests, takeManifest, type Manifest } from './manifest.js';
import { captureBaseline, type BaselineAnswers, type Probe, type ProbeContext, type ProbeResult } from './probe.js';
import type { RagWorkload } from './rag-workload.js';
import { classifyFailure, classifySuccess, type LoadOperation, type RequestRecord } from './request-outcome.js';
import { Timeline } from './timeline.js';

/** How long things take in an experiment. */
export interface ChaosTiming {
  /** How long the fault is held. */
  readonly faultDurationMs: number;
  /** Background load before the fault. */
  readonly baselineMs: number;
  /** A clean error must arrive within this. */
  readonly cleanErrorWithinMs: number;
  /** Background load, requests per second. */
  readonly loadRps: number;
  /** Recovery objective: rollback → first good end-to-end query. */
  readonly mttrMs: number;
  /** Polling interval of the recovery and readiness checks. Default: `250`. */
  readonly pollIntervalMs?: number;
}

/** Everything an experiment needs from its surroundings. */
export interface ExperimentContext {
  /** Clients for probes and readiness (the configured ones). */
  readonly clients: ServiceClients;
  /** The load's calls (no retries, deadline = bound + grace). */
  readonly workload: RagWorkload;
  readonly slos: Slos;
  /** `recovery.dataConsistency`. */
  readonly dataConsistency: number;
  readonly timing: ChaosTiming;
  readonly policy: ChaosPolicy;
  /** The injector (and the fault as that driver injects it) for a fault. */
  injectorFor(fault: FaultSpec): { readonly injector: FaultInjector; readonly fault: FaultSpec };
  readonly prometheusUrl?: string | undefined;
  readonly loadRunner?: BackgroundLoadRunner;
  /** Aborting stops the experiment; the fault is rolled back and the abort reason is thrown. */
  readonly signal?: AbortSignal | undefined;
  readonly onEvent?: (experiment: string, event: TimelineEvent) => void;
}

/**
 * Runs one experiment: steady state → background load → fault → observe → rollback → recovery →
 * consistency → steady state again, then judges every hypothesis. The fault is held in an
 * `await using` block, so it is rolled back whatever happens; an abort (SIGINT) is rethrown after
 * the rollback. Other failures of the run itself become an `error` verdict.
 */
export async function runExperiment(definition: ExperimentDefinition, ctx: ExperimentContext): Promise<ExperimentResult> {
  const startedAt = Date.now();
  const timeline = new Timeline((event) => ctx.onEvent?.(definition.name, event));
  const probes = definition.steadyState ?? defaultSteadyState(ctx.slos.search.latency.p95Ms ?? ctx.slos.search.latency.avgMs ?? 5_000);
  const probeTimeoutMs = ctx.timing.cleanErrorWithinMs + 5_000;
  const call = { timeoutMs: probeTimeoutMs, ...(ctx.signal ? { signal: ctx.signal } : {}) };
  const pollMs = ctx.timing.pollIntervalMs ?? 250;
  let resolved: { injector: FaultInjector; fault: FaultSpec } | undefined;
  let probesBefore: ProbeResult[] = [];
  let probesAfter: ProbeResult[] = [];
  let load: BackgroundLoad | undefined;
  let watcher: AlertWatcher | undefined;
  const base = () => ({
    name: definition.name,
    title: definition.title,
    description: definition.description,
    expectedOutcome: definition.expectedOutcome,
    fault: definition.fault,
    faultDescription: describeFault(resolved?.fault ?? definition.fault),
    driver: resolved?.injector.driver ?? 'process',
    startedAt: new Date(startedAt).toISOString(),
  });
  /** The result of an experiment that stopped before its fault was judged (no load, recovery or consistency to report). */
  const notRun = (verdict: 'fail' | 'error', hypotheses: ExperimentResult['hypotheses'], error: ExperimentResult['error']): ExperimentResult => ({
    ...base(),
    verdict,
    hypotheses,
    timeline: timeline.events(),
    recovery: null,
    load: null,
    errorBudget: null,
    consistency: null,
    alert: null,
    probesBefore,
    probesAfter,
    error,
    durationMs: Date.now() - startedAt,
  });

  try {
    assertFaultAllowed(ctx.policy, definition.fault);
    resolved = ctx.injectorFor(definition.fault);
    const { injector, fault } = resolved;

    // 1. Steady state before the fault.
    await ctx.workload.seed(call);
    const baseline = await captureBaseline(ctx.workload, call);
    const manifest = definition.consistency ? await takeManifest(ctx.workload.vectorDb, ctx.workload.collection, call) : undefined;
    probesBefore = await runProbes(probes, { clients: ctx.clients, workload: ctx.workload, timeoutMs: probeTimeoutMs, signal: ctx.signal });
    timeline.add('steady-state-checked', Date.now(), probesBefore.every((p) => p.pass) ? 'hypothesis holds' : 'hypothesis does not hold: no fault injected');
    const before = checkSteadyState(probesBefore);
    if (!before.pass) {
      return notRun('fail', [verdictOf('steady-state-before', before), ...skippedAfterSteadyState(definition)], null);
    }

    // 2. Background load, then the fault.
    load = (ctx.loadRunner ?? fixedRateLoad)({
      rps: ctx.timing.loadRps,
      operations: definition.load,
      execute: (operation, seq) => executeLoadCall(ctx, definition, baseline, operation, seq),
    });
    timeline.add('load-started', Date.now(), `${ctx.timing.loadRps} req/s: ${definition.load.join(', ')}`);
    await sleep(ctx.timing.baselineMs, undefined, ctx.signal ? { signal: ctx.signal } : {});
    if (ctx.prometheusUrl !== undefined && definition.alerts.length > 0) {
      watcher = new AlertWatcher(ctx.prometheusUrl, definition.alerts);
      watcher.start();
    }
    const faultStartAt = Date.now();
    timeline.faultStartsAt(faultStartAt);
    let rolledBackAt: number;
    let rollbackStartedAt: number;
    {
      await using active = await injector.inject(fault, { experiment: definition.name });
      timeline.add('fault-injected', active.injectedAt, active.description);
      await sleep(ctx.timing.faultDurationMs, undefined, ctx.signal ? { signal: ctx.signal } : {});
      rollbackStartedAt = Date.now();
      timeline.add('rollback-started', rollbackStartedAt);
      const outcome = await active.rollback();
      rolledBackAt = Date.now();
      timeline.add('rolled-back', rolledBackAt, outcome.detail);
    }

    // 3. Recovery (from the start of the rollback, restart included): ready, then the first good end-to-end query.
    const deadline = rollbackStartedAt + ctx.timing.mttrMs;
    const readyAt = await waitFor(async () => (await probeServices(ctx.clients, { timeoutMs: Math.min(probeTimeoutMs, 5_000) })).every((s) => s.ok), deadline, pollMs, ctx.signal);
    if (readyAt !== undefined) timeline.add('ready', readyAt);
    const firstGoodAt = await waitFor(() => goodEndToEnd(ctx, definition, baseline), deadline, pollMs, ctx.signal);
    if (firstGoodAt !== undefined) timeline.add('first-good-query', firstGoodAt);
    await load.stop();
    const records = [...load.records];
    const dropped = load.dropped;
    load = undefined;
    timeline.add('load-stopped', Date.now(), `${records.length} requests, ${dropped} dropped`);
    const alert = watcher ? await watcher.stop() : undefined;
    watcher = undefined;
    if (alert?.firstPendingAt !== undefined) timeline.add('alert-pending', alert.firstPendingAt);
    if (alert?.firstFiringAt !== undefined) timeline.add('alert-firing', alert.firstFiringAt, definition.alerts.map((a) => a.alertname).join(', '));
    addFirstErrors(timeline, records, faultStartAt, rolledBackAt);

    // 4. Consistency and the steady state again.
    const consistency = await checkConsistency(ctx, definition, manifest, records, call);
    if (consistency !== null) timeline.add('consistency-checked', Date.now(), consistencyLine(consistency));
    probesAfter = await runProbes(probes, { clients: ctx.clients, workload: ctx.workload, timeoutMs: probeTimeoutMs, signal: ctx.signal, baseline, manifest, compare: definition.compareAnswers });
    timeline.add('steady-state-rechecked', Date.now(), probesAfter.every((p) => p.pass) ? 'hypothesis holds' : 'hypothesis does not hold');

    // 5. Verdicts.
    const during = records.filter((r) => r.startedAt >= faultStartAt && r.startedAt < rolledBackAt);
    const afterFault = records.filter((r) => r.startedAt >= faultStartAt);
    const hypotheses = judge(definition, ctx, {
      before,
      during,
      afterFault,
      probesAfter,
      recoveryMs: firstGoodAt === undefined ? undefined : firstGoodAt - rollbackStartedAt,
      consistency,
      alert,
      faultStartAt,
      rolledBackAt,
    });
    return {
      ...base(),
      verdict: overall(hypotheses),
      hypotheses,
      timeline: timeline.events(),
      recovery: {
        rollbackMs: rolledBackAt - rollbackStartedAt,
        timeToReadyMs: readyAt === undefined ? null : readyAt - rollbackStartedAt,
        timeToFirstGoodQueryMs: firstGoodAt === undefined ? null : firstGoodAt - rollbackStartedAt,
        mttrObjectiveMs: ctx.timing.mttrMs,
      },
      load: summarizeLoad(records, dropped, faultStartAt, rolledBackAt),
      errorBudget: errorBudget(records, ctx.slos, definition.load),
      consistency: consistency === null ? null : consistency.result,
      alert: alert === undefined ? null : alertResult(alert, faultStartAt),
      probesBefore,
      probesAfter,
      error: null,
      durationMs: Date.now() - startedAt,
    };
  } catch (error) {
    if (ctx.signal?.aborted) throw ctx.signal.reason;
    const typed = isRagValidateError(error) ? { code: error.code, message: error.message } : { code: 'RV_ERR_INTERNAL', message: error instanceof Error ? error.message : String(error) };
    return notRun('error', [], typed);
  } finally {
    await load?.stop();
    await watcher?.stop();
    if (definition.durableWrites) await ctx.workload.cleanupWrites({ timeoutMs: probeTimeoutMs }).catch(() => undefined);
  }
}

async function runProbes(probes: readonly Probe[], ctx: ProbeContext): Promise<ProbeResult[]> {
  const results: ProbeResult[] = [];
  for (const probe of probes) results.push(await probe.run(ctx));
  return results;
}

/** One call of the background load, classified. Never rejects. */
async function executeLoadCall(ctx: ExperimentContext, definition: ExperimentDefinition, baseline: BaselineAnswers, operation: LoadOperation, seq: number): Promise<RequestRecord> {
  const startedAt = Date.now();
  const started = performance.now();
  try {
    const result = await ctx.workload.call(operation, seq);
    const durationMs = performance.now() - started;
    const query = ctx.workload.queryFor(seq);
    const expected =
      operation === 'search' ? { operation: 'search' as const, hitIds: baseline.search.get(query) ?? [] } : operation === 'generate' ? { operation: 'generate' as const, contexts: baseline.generateContexts } : undefined;
    return { operation, startedAt, durationMs, ...classifySuccess(result, { cleanErrorWithinMs: ctx.timing.cleanErrorWithinMs, baseline: expected, compare: definition.compareAnswers }) };
  } catch (error) {
    const durationMs = performance.now() - started;
    return { operation, startedAt, durationMs, ...classifyFailure(error, durationMs, { cleanErrorWithinMs: ctx.timing.cleanErrorWithinMs }) };
  }
}

/** A search and a generation that both answer as before the fault. */
async function goodEndToEnd(ctx: ExperimentContext, definition: ExperimentDefinition, baseline: BaselineAnswers): Promise<boolean> {
  const query = ctx.workload.queryFor(0);
  try {
    const search = await ctx.workload.call('search', 0);
    const searchOk = classifySuccess(search, { cleanErrorWithinMs: ctx.timing.cleanErrorWithinMs, baseline: { operation: 'search', hitIds: baseline.search.get(query) ?? [] }, compare: definition.compareAnswers }).outcome === 'ok';
    if (!searchOk) return false;
    const generate = await ctx.workload.call('generate', 0);
    return classifySuccess(generate, { cleanErrorWithinMs: ctx.timing.cleanErrorWithinMs, baseline: { operation: 'generate', contexts: baseline.generateContexts } }).outcome === 'ok';
  } catch {
    return false;
  }
}

/** Polls `condition` until it holds (resolves the epoch ms) or the deadline passes (resolves undefined). */
async function waitFor(condition: () => Promise<boolean>, deadline: number, intervalMs: number, signal: AbortSignal | undefined): Promise<number | undefined> {
  for (;;) {
    if (signal?.aborted) throw signal.reason;
    if (await condition().catch(() => false)) return Date.now();
    if (Date.now() >= deadline) return undefined;
    await sleep(Math.min(intervalMs, Math.max(0, deadline - Date.now())), undefined, signal ? { signal } : {});
  }
}


async function checkConsistency(
  ctx: ExperimentContext,
  definition: ExperimentDefinition,
  manifest: Manifest | undefined,
  records: readonly RequestRecord[],
  call: { timeoutMs: number; signal?: AbortSignal },
): Promise<ConsistencyOutcome | null> {
  if (!definition.consistency && !definition.durableWrites) return null;
  const comparison = manifest === undefined ? null : compareManifests(manifest, await takeManifest(ctx.workload.vectorDb, ctx.workload.collection, call));
  const acknowledged = records.flatMap((r) => (r.acknowledged ? [r.acknowledged] : []));
  const lost: string[] = [];
  if (definition.durableWrites) {
    for (const write of acknowledged) {
      if ((await ctx.workload.storedChunks(write.filePath, call)) < write.chunks) lost.push(write.filePath);
    }
  }
  return {
    comparison,
    result: { manifest: comparison, acknowledgedWrites: definition.durableWrites ? acknowledged.length : 0, lostWrites: lost.length, lostWritePaths: lost.slice(0, 10) },
  };
}

function consistencyLine(consistency: ConsistencyOutcome): string {
  const parts: string[] = [];
  const m = consistency.comparison;
  if (m) parts.push(`${m.before - m.missing - m.changed}/${m.before} points kept, count ${m.countBefore} → ${m.countAfter}`);
  if (consistency.result.acknowledgedWrites > 0) parts.push(`${consistency.result.acknowledgedWrites - consistency.result.lostWrites}/${consistency.result.acknowledgedWrites} acknowledged writes present`);
  return parts.join('; ');
}

function addFirstErrors(timeline: Timeline, records: readonly RequestRecord[], faultStartAt: number, rolledBackAt: number): void {
  const during = records.filter((r) => r.startedAt >= faultStartAt && r.startedAt < rolledBackAt).sort((a, b) => a.startedAt + a.durationMs - (b.startedAt + b.durationMs));
  const firstError = during.find((r) => r.outcome !== 'ok');
  if (firstError) timeline.add('first-error', firstError.startedAt + firstError.durationMs, `${firstError.operation}: ${firstError.outcome}${firstError.detail ? ` — ${firstError.detail}` : ''}`);
  const firstClean = during.find((r) => r.outcome === 'clean-error');
  if (firstClean) timeline.add('first-clean-error', firstClean.startedAt + firstClean.durationMs, `${firstClean.operation}: ${firstClean.detail ?? ''}`);
}

