import { z } from 'zod';
import { count, list } from './zod-helpers.js';

/** Covered / total of one coverage metric; `pct` is null when there is nothing to cover. */
export const coverageMetricSchema = z.object({ total: count, covered: count, pct: z.number().min(0).max(100).nullable() });

const metricsSchema = z.object({ lines: coverageMetricSchema, statements: coverageMetricSchema, functions: coverageMetricSchema, branches: coverageMetricSchema });

/**
 * `results/coverage.json`, written by `npm run coverage` (tools/test-coverage): each project's unit
 * tests run with V8 coverage, merged into one file with a total.
 */
export const coverageResultSchema = z.object({
  kind: z.literal('coverage'),
  version: z.literal(1),
  generatedAt: z.string(),
  projects: list(
    z.object({
      name: z.string(),
      root: z.string(),
      /** False when the project's tests failed (its coverage is still counted when vitest wrote it). */
      testsPassed: z.boolean(),
      /** Null when no coverage summary was written for the project. */
      metrics: metricsSchema.nullable(),
    }),
  ),
  total: metricsSchema,
});
export type CoverageResult = z.output<typeof coverageResultSchema>;
export type CoverageMetrics = z.output<typeof metricsSchema>;
