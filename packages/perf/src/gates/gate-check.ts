/** What every gate returns (STYLE.md #9): never throws because something failed. */
export interface GateOutcome {
  readonly pass: boolean;
  /** 1 when the gate passes; otherwise how close it came (threshold ÷ measured for upper bounds). */
  readonly score: number;
  /** One line naming the gate and the measured value. */
  readonly reason: string;
}

export type GateUnit = 'ms' | 'ratio' | 'rps' | 'count' | 'per-day';
export type GateBound = 'upper' | 'lower';

export interface ThresholdCheck {
  /** `search latency-p95`, … */
  readonly label: string;
  readonly unit: GateUnit;
  /** `upper`: measured must be ≤ threshold; `lower`: measured must be ≥ threshold. */
  readonly bound: GateBound;
  readonly threshold: number;
  /** undefined when nothing could be measured (no call completed). */
  readonly measured: number | undefined;
  /** Where the threshold comes from, e.g. `slos.search.latency.p95Ms`. */
  readonly source: string;
  /** Why nothing was measured, e.g. `no search call completed`. */
  readonly unmeasuredBecause?: string;
  /** Extra context for the reason, e.g. `in the worst 10 s window (…)`. */
  readonly context?: string;
}

/** Formats a value in its unit: `5230.1 ms`, `2.35 %`, `98.20 rps`, `3`, `1,440 /day`. */
export function formatValue(value: number, unit: GateUnit): string {
  switch (unit) {
    case 'ms':
      return `${value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2)} ms`;
    case 'ratio':
      return `${(value * 100).toFixed(value === 0 ? 0 : 2)} %`;
    case 'rps':
      return `${value.toFixed(2)} rps`;
    case 'count':
      return value.toFixed(0);
    case 'per-day':
      return `${Math.round(value).toLocaleString('en-US')} /day`;
  }
}

/**
 * The one comparison every perf gate makes. Pure: the same inputs always give the same outcome.
 */
export function checkThreshold(check: ThresholdCheck): GateOutcome {
  const { label, unit, bound, threshold, measured, source } = check;
  const limit = `${formatValue(threshold, unit)} (${source})`;
  if (measured === undefined || !Number.isFinite(measured)) {
    return { pass: false, score: 0, reason: `${label} not measured: ${check.unmeasuredBecause ?? 'no value'}; required ${bound === 'upper' ? '≤' : '≥'} ${limit}` };
  }
  const pass = bound === 'upper' ? measured <= threshold : measured >= threshold;
  let score = 1;
  if (!pass) {
    if (bound === 'upper') score = threshold > 0 ? threshold / measured : 1 / (1 + measured);
    else score = threshold > 0 ? Math.max(0, measured) / threshold : 0;
  }
  const op = pass ? (bound === 'upper' ? '≤' : '≥') : bound === 'upper' ? '>' : '<';
  const where = check.context === undefined ? '' : ` ${check.context}`;
  return { pass, score: Math.min(1, Math.max(0, score)), reason: `${label} = ${formatValue(measured, unit)}${where} ${op} ${limit}${pass ? '' : ': FAILED'}` };
}
