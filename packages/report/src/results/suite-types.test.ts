import type { ChaosRunResult } from '@rag-validate/chaos';
import type { ServiceHealth } from '@rag-validate/clients';
import type { E2eResult, MeanScores, QualityGateResult } from '@rag-validate/e2e';
import type { ReadinessResult } from '@rag-validate/readiness';
import { describe, expect, it } from 'vitest';
import { readResultJson } from '../testing/results-copy.js';
import type { ChaosReportInput } from './chaos-result.js';
import { chaosResultSchema } from './chaos-result.js';
import { coverageResultSchema } from './coverage-result.js';
import { e2eResultSchema, type E2eReportInput } from './e2e-result.js';
import { healthResultSchema, type HealthResult } from './health-result.js';
import { readinessResultSchema, type ReadinessReportInput } from './readiness-result.js';
import type { QualityEvidence } from './retrieval-quality.js';

// Compile time: every suite's own result type is assignable to what the report reads, so a change
// of a suite's result shape that the report depends on fails typecheck here.
export const suiteTypesFitTheReport = {
  e2e: (result: E2eResult): E2eReportInput => result,
  chaos: (result: ChaosRunResult): ChaosReportInput => result,
  readiness: (result: ReadinessResult): ReadinessReportInput => result,
  health: (services: ServiceHealth[]): HealthResult['services'] => services,
  qualityMean: (mean: MeanScores): QualityEvidence['mean'] => mean,
  qualityGates: (gates: QualityGateResult[]): QualityEvidence['gates'] => gates,
};

describe('the report reads the files the suites wrote for real', () => {
  it.each([
    ['health.json', healthResultSchema],
    ['e2e.json', e2eResultSchema],
    ['chaos.json', chaosResultSchema],
    ['readiness.json', readinessResultSchema],
    ['coverage.json', coverageResultSchema],
  ] as const)('%s parses with its schema', async (file, schema) => {
    const parsed = schema.safeParse(await readResultJson(file));
    expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues.slice(0, 3))).toBe(true);
  });
});
