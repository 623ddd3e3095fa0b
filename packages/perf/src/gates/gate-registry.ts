import type { LatencySummary } from '../recorder/latency-histogram.js';
import type { OperationObjectives } from '../result/perf-result.js';
import type { WorstWindow, WorstWindows } from '../result/window-stats.js';
import type { GateBound, GateUnit } from './gate-check.js';

/** What the gates of one operation are measured on. */
export interface GateMeasurements {
  readonly run: LatencySummary;
  readonly scheduled: number;
  readonly completed: number;
  readonly errors: number;
  readonly dropped: number;
  readonly achievedRps: number;
  readonly windows: WorstWindows;
}

export const GATE_IDS = [
  'latency-avg',
  'latency-p50',
  'latency-p95',
  'latency-p99',
  'latency-max',
  'error-rate',
  'throughput',
  'throughput-per-day',
  'dropped',
  'window-latency-avg',
  'window-latency-p95',
  'window-latency-p99',
  'window-error-rate',
] as const;
export type GateId = (typeof GATE_IDS)[number];

/** One gate: what it checks, where its threshold comes from, how it is measured. */
export interface GateDefinition {
  readonly id: GateId;
  readonly title: string;
  readonly description: string;
  readonly unit: GateUnit;
  readonly bound: GateBound;
  readonly scope: 'run' | 'window';
  /** The config value the threshold comes from; `<slo>` is the operation's SLO name. */
  readonly source: string;
  /** The threshold for an operation, or undefined when its objectives do not ask for this gate. */
  threshold(objectives: OperationObjectives): number | undefined;
  /** The measured value (and the window it comes from), or undefined when nothing was measured. */
  measure(measurements: GateMeasurements): { readonly value: number; readonly window?: WorstWindow } | undefined;
}

const latencyGate = (
  id: GateId,
  key: 'avgMs' | 'p50Ms' | 'p95Ms' | 'p99Ms' | 'maxMs',
  stat: 'meanMs' | 'p50Ms' | 'p95Ms' | 'p99Ms' | 'maxMs',
  title: string,
): GateDefinition => ({
  id,
  title,
  description: `${title} of every measured call, from its intended send time to its last response byte, must not exceed slos.<slo>.latency.${key}.`,
  unit: 'ms',
  bound: 'upper',
  scope: 'run',
  source: `slos.<slo>.latency.${key}`,
  threshold: (o) => o.latency[key],
  measure: (m) => (m.run.count === 0 ? undefined : { value: m.run[stat] }),
});

const windowGate = (id: GateId, key: 'avgMs' | 'p95Ms' | 'p99Ms', stat: 'avg' | 'p95' | 'p99', title: string): GateDefinition => ({
  id,
  title,
  description: `${title} of the worst sliding window (perf.windowMs) must not exceed slos.<slo>.latency.${key}: a bad stretch cannot hide in a long run.`,
  unit: 'ms',
  bound: 'upper',
  scope: 'window',
  source: `slos.<slo>.latency.${key}`,
  threshold: (o) => o.latency[key],
  measure: (m) => {
    const worst = m.windows[stat];
    return worst === undefined ? undefined : { value: worst.value, window: worst };
  },
});

/** Every perf gate. Which ones apply to an operation follows from its SLO. */
export const GATES: readonly GateDefinition[] = [
  latencyGate('latency-avg', 'avgMs', 'meanMs', 'Mean latency'),
  latencyGate('latency-p50', 'p50Ms', 'p50Ms', 'Median latency'),
  latencyGate('latency-p95', 'p95Ms', 'p95Ms', '95th percentile latency'),
  latencyGate('latency-p99', 'p99Ms', 'p99Ms', '99th percentile latency'),
  latencyGate('latency-max', 'maxMs', 'maxMs', 'Slowest call'),
  {
    id: 'error-rate',
    title: 'Error rate',
    description: 'Share of measured calls that failed (any error status, timeout, connection error or bad body) must not exceed 1 − slos.<slo>.availability.',
    unit: 'ratio',
    bound: 'upper',
    scope: 'run',
    source: '1 − slos.<slo>.availability',
    threshold: (o) => round9(1 - o.availability),
    measure: (m) => (m.completed === 0 ? undefined : { value: m.errors / m.completed }),
  },
  {
    id: 'throughput',
    title: 'Achieved throughput',
    description: 'Successful calls per second over the measured part must reach the required rate: availability × the offered rate, or × slos.<slo>.throughput.rps when the scenario runs at that objective.',
    unit: 'rps',
    bound: 'lower',
    scope: 'run',
    source: 'slos.<slo>.throughput.rps / offered rate, × slos.<slo>.availability',
    threshold: (o) => o.requiredRps,
    measure: (m) => ({ value: m.achievedRps }),
  },
  {
    id: 'throughput-per-day',
    title: 'Daily throughput',
    description: 'Successful calls per second × 86,400 must reach slos.<slo>.throughput.perDay (e.g. 1,000 files indexed a day).',
    unit: 'per-day',
    bound: 'lower',
    scope: 'run',
    source: 'slos.<slo>.throughput.perDay',
    threshold: (o) => o.perDay,
    measure: (m) => ({ value: m.achievedRps * 86_400 }),
  },
  {
    id: 'dropped',
    title: 'Dropped sends',
    description: 'Sends the generator could not start because perf.maxInFlight calls were open must be 0; otherwise the run did not offer the load it claims.',
    unit: 'count',
    bound: 'upper',
    scope: 'run',
    source: 'open model: every scheduled send starts (perf.maxInFlight)',
    threshold: () => 0,
    measure: (m) => ({ value: m.dropped }),
  },
  windowGate('window-latency-avg', 'avgMs', 'avg', 'Mean latency'),
  windowGate('window-latency-p95', 'p95Ms', 'p95', '95th percentile latency'),
  windowGate('window-latency-p99', 'p99Ms', 'p99', '99th percentile latency'),
  {
    id: 'window-error-rate',
    title: 'Error rate',
    description: 'Error rate of the worst sliding window must not exceed 1 − slos.<slo>.availability.',
    unit: 'ratio',
    bound: 'upper',
    scope: 'window',
    source: '1 − slos.<slo>.availability',
    threshold: (o) => round9(1 - o.availability),
    measure: (m) => (m.windows.errorRate === undefined ? undefined : { value: m.windows.errorRate.value, window: m.windows.errorRate }),
  },
];

const round9 = (value: number) => Math.round(value * 1e9) / 1e9;
