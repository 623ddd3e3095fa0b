import type { Evidence, ProbeName } from './evidence.js';

/** The seven areas of the checklist (seed Phase 4: 기능 / 성능 / 운영 / 보안, split finer). */
export const CATEGORIES = ['configuration', 'health', 'dependencies', 'observability', 'api-docs', 'deployment', 'security'] as const;
export type Category = (typeof CATEGORIES)[number];

/** How much a failure matters. Any `critical` failure makes the verdict `not-ready`. */
export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Weight of a check in the score, by severity. */
export const SEVERITY_WEIGHTS: Readonly<Record<Severity, number>> = { critical: 10, high: 5, medium: 3, low: 1 };

/**
 * The outcome of one check:
 * - `pass`: the evidence shows the system meets the check;
 * - `warn`: it works but falls short of good practice (does not fail the run);
 * - `fail`: the evidence shows the system does not meet the check;
 * - `unknown`: the evidence could not be gathered (never reported as a pass);
 * - `skip`: the check does not apply to this target (e.g. no `file_path` route to probe).
 */
export const CHECK_STATUSES = ['pass', 'warn', 'fail', 'unknown', 'skip'] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];

/** What a check's evaluation returns. Pure data, JSON-serialisable. */
export interface CheckOutcome {
  readonly status: CheckStatus;
  /** True for `pass` and `warn`. */
  readonly pass: boolean;
  /** 1 for pass, 0.5 for warn, 0 for fail / unknown; skip is left out of the score. */
  readonly score: number;
  /** One sentence saying why. */
  readonly reason: string;
  /** What was seen, one line per fact (never a secret value). */
  readonly evidence: readonly string[];
}

/** Settings a check's evaluation may read besides the gathered evidence. */
export interface CheckContext {
  /** `production` is strict about debug logging and defaults; `staging` tolerates them. */
  readonly profile: Profile;
}

export const PROFILES = ['production', 'staging'] as const;
export type Profile = (typeof PROFILES)[number];

/** One item of the checklist: metadata plus a pure evaluation of the evidence. */
export interface ReadinessCheck {
  /** Stable id, `<area>.<name>` (e.g. `deploy.healthchecks-http`). */
  readonly id: string;
  readonly category: Category;
  readonly severity: Severity;
  readonly title: string;
  /** What is probed or read, for the README and reports. */
  readonly probes: string;
  /** What to change when it fails. */
  readonly howToFix: string;
  /** OWASP API Security Top 10 2023 category, for security checks (e.g. `API4:2023`). */
  readonly owasp?: string;
  /** True for advisory checks: they never fail, at worst they warn (e.g. rate limiting, which often lives in a gateway). */
  readonly advisory?: boolean;
  /** The evidence it reads; only these probes run when the check is selected. */
  readonly needs: readonly ProbeName[];
  /** Pure: never throws because the system failed, never performs I/O. */
  evaluate(evidence: Evidence, context: CheckContext): CheckOutcome;
}

function outcome(status: CheckStatus, reason: string, evidence: readonly string[]): CheckOutcome {
  const score = status === 'pass' ? 1 : status === 'warn' ? 0.5 : 0;
  return { status, pass: status === 'pass' || status === 'warn', score, reason, evidence };
}

export const passed = (reason: string, evidence: readonly string[] = []): CheckOutcome => outcome('pass', reason, evidence);
export const warned = (reason: string, evidence: readonly string[] = []): CheckOutcome => outcome('warn', reason, evidence);
export const failed = (reason: string, evidence: readonly string[] = []): CheckOutcome => outcome('fail', reason, evidence);
export const unknown = (reason: string, evidence: readonly string[] = []): CheckOutcome => outcome('unknown', reason, evidence);
export const skipped = (reason: string, evidence: readonly string[] = []): CheckOutcome => outcome('skip', reason, evidence);
