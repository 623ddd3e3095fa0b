/** Covered / total of one metric; `pct` is null when there is nothing to cover. */
export interface CoverageMetric {
  readonly total: number;
  readonly covered: number;
  readonly pct: number | null;
}

export interface CoverageMetrics {
  readonly lines: CoverageMetric;
  readonly statements: CoverageMetric;
  readonly functions: CoverageMetric;
  readonly branches: CoverageMetric;
}

export interface ProjectCoverage {
  readonly name: string;
  readonly root: string;
  /** False when the project's unit tests failed. */
  readonly testsPassed: boolean;
  /** Null when vitest wrote no coverage summary for the project. */
  readonly metrics: CoverageMetrics | null;
}

/** `results/coverage.json`: what the report's test-coverage section reads (@rag-validate/report's coverageResultSchema). */
export interface CoverageReport {
  readonly kind: 'coverage';
  readonly version: 1;
  readonly generatedAt: string;
  readonly projects: readonly ProjectCoverage[];
  /** Sums over every project. */
  readonly total: CoverageMetrics;
}

export const METRIC_NAMES = ['lines', 'statements', 'functions', 'branches'] as const;

const pct = (covered: number, total: number): number | null => (total === 0 ? null : Math.round((covered / total) * 10_000) / 100);

/**
 * The `total` of an istanbul `coverage-summary.json` (vitest's `json-summary` reporter) as metrics.
 * Throws when the JSON does not have one.
 */
export function summaryTotals(json: unknown): CoverageMetrics {
  const total = (json as { total?: Record<string, unknown> } | null)?.total;
  if (typeof total !== 'object' || total === null) throw new Error('not a coverage summary: no "total"');
  const metric = (name: (typeof METRIC_NAMES)[number]): CoverageMetric => {
    const m = total[name] as { total?: unknown; covered?: unknown } | undefined;
    if (typeof m?.total !== 'number' || typeof m.covered !== 'number') throw new Error(`not a coverage summary: total.${name} has no total/covered counts`);
    return { total: m.total, covered: m.covered, pct: pct(m.covered, m.total) };
  };
  return { lines: metric('lines'), statements: metric('statements'), functions: metric('functions'), branches: metric('branches') };
}

/** Merges per-project coverage into one report whose total sums the counts of every project that has some. Pure. */
export function mergeCoverage(projects: readonly ProjectCoverage[], generatedAt: Date): CoverageReport {
  const sum = (name: (typeof METRIC_NAMES)[number]): CoverageMetric => {
    const total = projects.reduce((n, p) => n + (p.metrics?.[name].total ?? 0), 0);
    const covered = projects.reduce((n, p) => n + (p.metrics?.[name].covered ?? 0), 0);
    return { total, covered, pct: pct(covered, total) };
  };
  return {
    kind: 'coverage',
    version: 1,
    generatedAt: generatedAt.toISOString(),
    projects,
    total: { lines: sum('lines'), statements: sum('statements'), functions: sum('functions'), branches: sum('branches') },
  };
}
