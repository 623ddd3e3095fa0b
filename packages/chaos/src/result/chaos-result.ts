import type { ServiceName } from '@rag-validate/config';
import type { ExpectedAlert } from '../experiment/alert-watcher.js';
import type { HypothesisId } from '../experiment/checks.js';
import type { ManifestComparison } from '../experiment/manifest.js';
import type { ProbeResult } from '../experiment/probe.js';
import type { LoadOperation, OutcomeClass } from '../experiment/request-outcome.js';
import type { ChaosDriverName, FaultSpec } from '../faults/fault-spec.js';
import type { TargetKind } from '../safety/chaos-policy.js';

export type Verdict = 'pass' | 'fail' | 'inconclusive' | 'skipped';

/** One hypothesis of an experiment and what was found. */
export interface HypothesisVerdict {
  readonly id: HypothesisId;
  readonly title: string;
  readonly verdict: Verdict;
  readonly score: number;
  readonly reason: string;
}

export const TIMELINE_EVENTS = [
  'steady-state-checked',
  'load-started',
  'fault-injected',
  'first-error',
  'first-clean-error',
  'alert-pending',
  'alert-firing',
  'rollback-started',
  'rolled-back',
  'ready',
  'first-good-query',
  'load-stopped',
  'consistency-checked',
  'steady-state-rechecked',
] as const;
export type TimelineEventName = (typeof TIMELINE_EVENTS)[number];

/** One moment of an experiment. */
export interface TimelineEvent {
  readonly event: TimelineEventName;
  /** ISO time. */
  readonly at: string;
  /** Milliseconds since the fault was injected (negative before it; null when no fault was injected). */
  readonly sinceFaultMs: number | null;
  readonly detail?: string;
}

/** The requests of the background load, counted. */
export interface LoadSummary {
  readonly requests: number;
  readonly dropped: number;
  /** Per operation and phase: how many ended in each outcome. */
  readonly byOperation: Readonly<Partial<Record<LoadOperation, Readonly<Record<'before' | 'during' | 'after', Readonly<Partial<Record<OutcomeClass, number>>>>>>>>;
  /** p95 latency (ms) per operation during the fault, all outcomes. */
  readonly p95DuringFaultMs: Readonly<Partial<Record<LoadOperation, number>>>;
}

/** Error budget spent by the experiment against the availability objective. */
export interface ErrorBudget {
  readonly availabilityObjective: number;
  readonly requests: number;
  readonly failed: number;
  /** Failures the objective allows for this many requests. */
  readonly allowedFailures: number;
  /** failed / allowedFailures (1 = the whole budget of these requests); null when no failure is allowed. */
  readonly spent: number | null;
}

export interface RecoveryResult {
  /** How long the rollback itself took (e.g. starting the service again). */
  readonly rollbackMs: number;
  /** Rollback started → all services healthy. */
  readonly timeToReadyMs: number | null;
  /** Rollback started → first good end-to-end search + generate: the recovery time checked against the MTTR objective. */
  readonly timeToFirstGoodQueryMs: number | null;
  readonly mttrObjectiveMs: number;
}

export interface ConsistencyResult {
  readonly manifest: ManifestComparison | null;
  readonly acknowledgedWrites: number;
  readonly lostWrites: number;
  /** Up to 10 acknowledged-then-lost file paths. */
  readonly lostWritePaths: readonly string[];
}

export interface AlertResult {
  readonly prometheusUrl: string;
  readonly expected: readonly ExpectedAlert[];
  /** Fault start → alert firing, when it fired. */
  readonly detectionMs: number | null;
  readonly pendingAfterMs: number | null;
  readonly error: string | null;
}

/** One experiment's result. JSON-serialisable. */
export interface ExperimentResult {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly expectedOutcome: string;
  readonly fault: FaultSpec;
  readonly faultDescription: string;
  readonly driver: ChaosDriverName;
  /** `fail` if any hypothesis failed; `inconclusive` if one could not be proven; `error` if the run itself failed. */
  readonly verdict: Verdict | 'error';
  readonly hypotheses: readonly HypothesisVerdict[];
  readonly timeline: readonly TimelineEvent[];
  readonly recovery: RecoveryResult | null;
  readonly load: LoadSummary | null;
  readonly errorBudget: ErrorBudget | null;
  readonly consistency: ConsistencyResult | null;
  readonly alert: AlertResult | null;
  readonly probesBefore: readonly ProbeResult[];
  readonly probesAfter: readonly ProbeResult[];
  readonly error: { readonly code: string; readonly message: string } | null;
  readonly startedAt: string;
  readonly durationMs: number;
}

/** `results/chaos.json`. */
export interface ChaosRunResult {
  readonly kind: 'chaos';
  readonly version: 1;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly target: { readonly kind: TargetKind; readonly urls: Readonly<Record<ServiceName, string>> };
  readonly driver: ChaosDriverName;
  readonly settings: {
    readonly faultDurationMs: number;
    readonly baselineMs: number;
    readonly cleanErrorWithinMs: number;
    readonly loadRps: number;
    readonly mttrMs: number;
  };
  readonly experiments: readonly ExperimentResult[];
  readonly summary: { readonly passed: number; readonly failed: number; readonly inconclusive: number; readonly errored: number; readonly skipped: number };
  /** True when every experiment passed. */
  readonly pass: boolean;
}
