import { CATEGORIES, CHECK_STATUSES, SEVERITY_WEIGHTS, type CheckStatus } from '../model/check-types.js';
import type { CategorySummary, CheckResult, StatusCounts, Verdict } from '../model/readiness-result.js';

export interface Score {
  /** 0–100 with one decimal; 100 when nothing was applicable. */
  readonly score: number;
  /** 0–1: evaluated weight / applicable weight. */
  readonly coverage: number;
}

/**
 * Severity-weighted score: each applicable check (every status but `skip`) weighs critical 10,
 * high 5, medium 3, low 1 and scores pass 1, warn 0.5, fail 0, unknown 0 — evidence that could not
 * be gathered never counts as a pass.
 */
export function scoreOf(results: readonly CheckResult[]): Score {
  const applicable = results.filter((r) => r.status !== 'skip');
  const total = applicable.reduce((sum, r) => sum + SEVERITY_WEIGHTS[r.severity], 0);
  if (total === 0) return { score: 100, coverage: 1 };
  const earned = applicable.reduce((sum, r) => sum + SEVERITY_WEIGHTS[r.severity] * r.score, 0);
  const evaluated = applicable.filter((r) => r.status !== 'unknown').reduce((sum, r) => sum + SEVERITY_WEIGHTS[r.severity], 0);
  return { score: Math.round((earned / total) * 1000) / 10, coverage: Math.round((evaluated / total) * 1000) / 1000 };
}

/** `not-ready` when a critical check failed; `ready` when nothing failed, warned or is unknown; else `ready-with-warnings`. */
export function verdictOf(results: readonly CheckResult[]): Verdict {
  if (results.some((r) => r.severity === 'critical' && r.status === 'fail')) return 'not-ready';
  if (results.every((r) => r.status === 'pass' || r.status === 'skip')) return 'ready';
  return 'ready-with-warnings';
}

export function countStatuses(results: readonly CheckResult[]): StatusCounts {
  const counts = Object.fromEntries(CHECK_STATUSES.map((s) => [s, 0])) as Record<CheckStatus, number>;
  for (const result of results) counts[result.status] += 1;
  return counts;
}

/** One row per category that has checks in `results`, in checklist order. */
export function categorySummaries(results: readonly CheckResult[]): CategorySummary[] {
  return CATEGORIES.flatMap((category) => {
    const inCategory = results.filter((r) => r.category === category);
    if (inCategory.length === 0) return [];
    const applicable = inCategory.some((r) => r.status !== 'skip');
    return [{ category, counts: countStatuses(inCategory), score: applicable ? scoreOf(inCategory).score : null }];
  });
}
