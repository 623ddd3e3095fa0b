import type { ContractVersion, ServiceUrls } from '@rag-validate/config';

/** The e2e suites rag-validate ships, in the order `run` executes them. */
export const SUITE_NAMES = ['complete-workflow', 'service-integration', 'error-scenarios', 'retrieval-quality'] as const;
export type SuiteName = (typeof SUITE_NAMES)[number];

/**
 * `pass`: the behaviour is right. `fail`: it is wrong (fails the run). `finding`: a known weakness
 * of the target reported with evidence that does not fail the run (e.g. the real Task-06 server's
 * `/health` that ignores its dependencies). `skip`: not run, with the reason.
 */
export type CaseStatus = 'pass' | 'fail' | 'finding' | 'skip';

/** A JSON-safe value kept as evidence of what a case saw. */
export type Evidence = Readonly<Record<string, unknown>>;

export interface CaseResult {
  /** `<suite>/<case>`, stable across runs (used in JUnit and the report). */
  readonly id: string;
  readonly suite: SuiteName;
  readonly title: string;
  readonly status: CaseStatus;
  readonly durationMs: number;
  /** Why it failed, what the finding is, or why it was skipped. */
  readonly message?: string;
  readonly evidence: Evidence;
}

export interface SuiteResult {
  readonly suite: SuiteName;
  readonly title: string;
  /** fail when any case failed. */
  readonly status: 'pass' | 'fail';
  readonly durationMs: number;
  readonly counts: Readonly<Record<CaseStatus, number>>;
  readonly cases: readonly CaseResult[];
}

/** What `results/e2e.json` holds. */
export interface E2eResult {
  readonly kind: 'e2e';
  readonly version: 1;
  readonly status: 'pass' | 'fail';
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly durationMs: number;
  readonly target: { readonly mode: 'embedded' | 'external'; readonly contract: ContractVersion; readonly urls: ServiceUrls };
  readonly suites: readonly SuiteResult[];
}
