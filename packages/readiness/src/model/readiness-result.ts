import type { ServiceName } from '@rag-validate/config';
import type { Category, CheckOutcome, CheckStatus, Profile, Severity } from './check-types.js';

/**
 * - `ready`: every applicable check passed;
 * - `ready-with-warnings`: no critical check failed, but something warned, failed or is unknown;
 * - `not-ready`: a critical check failed.
 */
export const VERDICTS = ['ready', 'ready-with-warnings', 'not-ready'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** One evaluated check: its metadata and its outcome. */
export interface CheckResult extends CheckOutcome {
  readonly id: string;
  readonly category: Category;
  readonly severity: Severity;
  readonly title: string;
  readonly howToFix: string;
  readonly owasp?: string;
}

export type StatusCounts = Readonly<Record<CheckStatus, number>>;

export interface CategorySummary {
  readonly category: Category;
  readonly counts: StatusCounts;
  /** 0–100, severity-weighted; null when every check of the category was skipped. */
  readonly score: number | null;
}

/** The typed, JSON-serialisable result of one readiness run (`results/readiness.json`). */
export interface ReadinessResult {
  readonly kind: 'readiness';
  readonly schemaVersion: 1;
  readonly verdict: Verdict;
  /** 0–100: Σ weight × (pass 1, warn 0.5, fail/unknown 0) / Σ weight of the applicable checks. */
  readonly score: number;
  /** Share (0–1) of the applicable checks' weight that could be evaluated (not unknown). */
  readonly coverage: number;
  readonly profile: Profile;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly target: {
    readonly mode: 'embedded' | 'external';
    readonly contract: string | undefined;
    readonly urls: Readonly<Record<ServiceName, string>>;
  };
  readonly inputs: { readonly compose: string | undefined; readonly envFile: string | undefined };
  readonly counts: StatusCounts;
  /** Ids of the critical checks that failed (non-empty ⇔ not-ready). */
  readonly criticalFailures: readonly string[];
  readonly categories: readonly CategorySummary[];
  readonly checks: readonly CheckResult[];
}
