import type { Slos } from '@rag-validate/config';
import type { ErrorBudget, HypothesisVerdict, LoadSummary, Verdict } from '../result/chaos-result.js';
import type { AlertObservation } from './alert-watcher.js';
import {
  CHAOS_CHECKS,
  checkAlertDetected,
  checkCleanErrors,
  checkDataConsistency,
  checkDurableWrites,
  checkFaultObserved,
  checkLatencyObjective,
  checkNoSilentDegradation,
  checkRecoveryTime,
  checkStaysAvailable,
  checkSteadyState,
  percentile,
  type CheckResult,
  type HypothesisId,
} from './checks.js';
import type { ExperimentDefinition } from './experiment.js';
import type { ProbeResult } from './probe.js';
import { LOAD_OPERATIONS, type LoadOperation, type OutcomeClass, type RequestRecord } from './request-outcome.js';
import type { ConsistencyResult } from '../result/chaos-result.js';
import type { ManifestComparison } from './manifest.js';

/** The consistency checks' findings. */
export interface ConsistencyOutcome {
  readonly result: ConsistencyResult;
  readonly comparison: ManifestComparison | null;
}

/** What an experiment observed, for the verdicts. */
export interface Observations {
  readonly before: CheckResult;
  readonly during: readonly RequestRecord[];
  readonly afterFault: readonly RequestRecord[];
  readonly probesAfter: readonly ProbeResult[];
  readonly recoveryMs: number | undefined;
  readonly consistency: ConsistencyOutcome | null;
  readonly alert: AlertObservation | undefined;
  readonly faultStartAt: number;
  readonly rolledBackAt: number;
}

/** Judges every hypothesis of an experiment from what it observed. Pure. */
export function judge(definition: ExperimentDefinition, ctx: { readonly slos: Slos; readonly dataConsistency: number; readonly timing: { readonly mttrMs: number } }, seen: Observations): HypothesisVerdict[] {
  const verdicts: HypothesisVerdict[] = [verdictOf('steady-state-before', seen.before)];
  const connection = { allowConnectionErrors: definition.allowConnectionErrors };
  verdicts.push(verdictOf('clean-errors', checkCleanErrors(seen.during, connection)));
  verdicts.push(verdictOf('no-silent-degradation', checkNoSilentDegradation(seen.afterFault)));
  const available = LOAD_OPERATIONS.filter((op) => definition.expectations[op] === 'available');
  const failing = LOAD_OPERATIONS.filter((op) => definition.expectations[op] === 'fails-cleanly');
  if (available.length > 0) verdicts.push(verdictOf('stays-available', checkStaysAvailable(seen.during, available)));
  if (failing.length > 0) verdicts.push(verdictOf('fault-observed', checkFaultObserved(seen.during, failing, connection)));
  if (definition.latencyObjective !== undefined) {
    const objective = ctx.slos[definition.latencyObjective].latency.p95Ms;
    const operation = definition.latencyObjective === 'index' ? 'index' : definition.latencyObjective === 'generate' ? 'generate' : 'search';
    verdicts.push(
      objective === undefined
        ? skipped('latency-objective', `slos.${definition.latencyObjective}.latency.p95Ms is not set`)
        : verdictOf('latency-objective', checkLatencyObjective(seen.during, operation, objective)),
    );
  }
  verdicts.push(verdictOf('recovery-time', checkRecoveryTime(seen.recoveryMs, ctx.timing.mttrMs)));
  verdicts.push(verdictOf('steady-state-after', checkSteadyState(seen.probesAfter)));
  if (definition.consistency) {
    const comparison = seen.consistency?.comparison;
    verdicts.push(comparison ? verdictOf('data-consistency', checkDataConsistency(comparison, ctx.dataConsistency)) : skipped('data-consistency', 'no manifest was taken'));
  }
  if (definition.durableWrites) {
    const result = seen.consistency?.result;
    verdicts.push(verdictOf('durable-writes', checkDurableWrites(result?.acknowledgedWrites ?? 0, result?.lostWrites ?? 0, ctx.dataConsistency)));
  }
  if (definition.alerts.length > 0) {
    verdicts.push(
      seen.alert === undefined
        ? skipped('alert-detected', 'no Prometheus configured (--prometheus-url or chaos.prometheusUrl)')
        : verdictOf('alert-detected', checkAlertDetected({ names: definition.alerts.map((a) => a.alertname), firstFiringAt: seen.alert.firstFiringAt }, seen.faultStartAt, seen.rolledBackAt)),
    );
  }
  return verdicts;
}

export function verdictOf(id: HypothesisId, result: CheckResult): HypothesisVerdict {
  const verdict: Verdict = result.pass ? 'pass' : result.inconclusive ? 'inconclusive' : 'fail';
  return { id, title: CHAOS_CHECKS[id].title, verdict, score: Math.round(result.score * 1_000) / 1_000, reason: result.reason };
}

function skipped(id: HypothesisId, reason: string): HypothesisVerdict {
  return { id, title: CHAOS_CHECKS[id].title, verdict: 'skipped', score: 0, reason };
}

export function skippedAfterSteadyState(definition: ExperimentDefinition): HypothesisVerdict[] {
  const ids: HypothesisId[] = ['clean-errors', 'no-silent-degradation', 'recovery-time', 'steady-state-after'];
  if (definition.consistency) ids.push('data-consistency');
  if (definition.durableWrites) ids.push('durable-writes');
  return ids.map((id) => skipped(id, 'not run: the steady state did not hold before the fault'));
}

/** `fail` beats `inconclusive` beats `pass`; skipped hypotheses do not count. */
export function overall(hypotheses: readonly HypothesisVerdict[]): Verdict {
  if (hypotheses.some((h) => h.verdict === 'fail')) return 'fail';
  if (hypotheses.some((h) => h.verdict === 'inconclusive')) return 'inconclusive';
  return hypotheses.some((h) => h.verdict === 'pass') ? 'pass' : 'skipped';
}

export function summarizeLoad(records: readonly RequestRecord[], dropped: number, faultStartAt: number, rolledBackAt: number): LoadSummary {
  const byOperation: Partial<Record<LoadOperation, Record<'before' | 'during' | 'after', Partial<Record<OutcomeClass, number>>>>> = {};
  const duringDurations: Partial<Record<LoadOperation, number[]>> = {};
  for (const r of records) {
    const phase = r.startedAt < faultStartAt ? 'before' : r.startedAt < rolledBackAt ? 'during' : 'after';
    const op = (byOperation[r.operation] ??= { before: {}, during: {}, after: {} });
    op[phase][r.outcome] = (op[phase][r.outcome] ?? 0) + 1;
    if (phase === 'during') (duringDurations[r.operation] ??= []).push(r.durationMs);
  }
  const p95DuringFaultMs = Object.fromEntries(Object.entries(duringDurations).map(([op, values]) => [op, Math.round(percentile(values, 0.95))]));
  return { requests: records.length, dropped, byOperation, p95DuringFaultMs };
}

/** Failures of the experiment's requests against the availability objective of the operations it loads. */
export function errorBudget(records: readonly RequestRecord[], slos: Slos, operations: readonly LoadOperation[]): ErrorBudget {
  const availabilityObjective = Math.min(...operations.map((op) => slos[op].availability));
  const failed = records.filter((r) => r.outcome !== 'ok').length;
  const allowedFailures = Math.round((1 - availabilityObjective) * records.length * 1_000) / 1_000;
  return {
    availabilityObjective,
    requests: records.length,
    failed,
    allowedFailures,
    spent: allowedFailures > 0 ? Math.round((failed / allowedFailures) * 1_000) / 1_000 : null,
  };
}

export function alertResult(alert: AlertObservation, faultStartAt: number) {
  return {
    prometheusUrl: alert.prometheusUrl,
    expected: alert.expected,
    detectionMs: alert.firstFiringAt === undefined ? null : alert.firstFiringAt - faultStartAt,
    pendingAfterMs: alert.firstPendingAt === undefined ? null : alert.firstPendingAt - faultStartAt,
    error: alert.lastError ?? null,
  };
}
