import { LATENCY_BUCKETS_SECONDS, OPERATION_NAMES, type OperationName, type Slos } from '@rag-validate/config';
import { SloThresholdError } from '../errors.js';
import { formatNumber } from '../promql.js';

/** The percentile and max latency objectives that become burn-rate SLOs, by config key. */
const LATENCY_SLO_KEYS = [
  { key: 'p50Ms', slo: 'latency-p50', quantile: 0.5 },
  { key: 'p95Ms', slo: 'latency-p95', quantile: 0.95 },
  { key: 'p99Ms', slo: 'latency-p99', quantile: 0.99 },
  { key: 'maxMs', slo: 'latency-max', quantile: undefined },
] as const;

export type SloName = 'availability' | (typeof LATENCY_SLO_KEYS)[number]['slo'];

/**
 * One service-level objective as the rules see it: a share of good requests over the SLO period.
 * The error budget is `1 - objective`; its burn rate is the observed error ratio divided by it.
 */
export interface SloObjective {
  readonly operation: OperationName;
  /** Value of the `slo` label on the recording rules and alerts. */
  readonly slo: SloName;
  readonly kind: 'availability' | 'latency';
  /** Share of requests that must be good, e.g. 0.99. */
  readonly objective: number;
  /** `1 - objective`, without floating-point noise. */
  readonly errorBudget: number;
  /** Latency SLOs: a request is bad when it takes longer than this (a histogram bucket bound). */
  readonly thresholdSeconds?: number;
  /** Config path the objective comes from (for messages). */
  readonly path: string;
  /** One sentence for summaries and docs. */
  readonly description: string;
}

/**
 * The SLOs the rules enforce, derived from `config.slos`:
 * - every operation's `availability` → "that share of requests is not a 5xx";
 * - `p50Ms`/`p95Ms`/`p99Ms` → "50/95/99 % of requests finish within the threshold";
 * - `maxMs` → "every request finishes within it", held to the operation's availability objective
 *   (an objective of 100 % has no error budget to burn).
 * `avgMs` is not a share of requests; it becomes the HighAverageResponseTime alert instead.
 * Throws `SloThresholdError` when a latency threshold is not a histogram bucket bound.
 */
export function sloObjectives(slos: Slos): SloObjective[] {
  const objectives: SloObjective[] = [];
  for (const operation of OPERATION_NAMES) {
    const slo = slos[operation];
    const availability = Number(formatNumber(slo.availability));
    objectives.push({
      operation,
      slo: 'availability',
      kind: 'availability',
      objective: availability,
      errorBudget: Number(formatNumber(1 - availability)),
      path: `slos.${operation}.availability`,
      description: `${percent(availability)} of ${operation} requests succeed (no 5xx)`,
    });
    for (const { key, slo: name, quantile } of LATENCY_SLO_KEYS) {
      const thresholdMs = slo.latency[key];
      if (thresholdMs === undefined) continue;
      const path = `slos.${operation}.latency.${key}`;
      const thresholdSeconds = latencyBucket(path, thresholdMs);
      const objective = quantile ?? availability;
      objectives.push({
        operation,
        slo: name,
        kind: 'latency',
        objective,
        errorBudget: Number(formatNumber(1 - objective)),
        thresholdSeconds,
        path,
        description: `${percent(objective)} of ${operation} requests finish within ${formatNumber(thresholdSeconds)} s`,
      });
    }
  }
  return objectives;
}

/** Bucket bounds a latency threshold may use: every bound but the largest (nothing above it to count). */
export function latencyThresholdChoicesSeconds(): number[] {
  return LATENCY_BUCKETS_SECONDS.slice(0, -1);
}

function latencyBucket(path: string, thresholdMs: number): number {
  const seconds = thresholdMs / 1000;
  const choices = latencyThresholdChoicesSeconds();
  if (!choices.includes(seconds)) throw new SloThresholdError(path, thresholdMs, choices);
  return seconds;
}

function percent(ratio: number): string {
  return `${formatNumber(ratio * 100)} %`;
}
