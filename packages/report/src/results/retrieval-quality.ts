import { z } from 'zod';
import type { E2eReportInput } from './e2e-result.js';
import { count, describeIssues, list } from './zod-helpers.js';

/** The id of the e2e case whose evidence holds the retrieval-quality scores. */
export const QUALITY_CASE_ID = 'retrieval-quality/quality-gates';

const meanSchema = z.object({ queries: count, recall: z.number(), precision: z.number(), mrr: z.number(), ndcg: z.number(), hitRate: z.number() });

/** The evidence of the retrieval-quality gates case (`MeanScores`, `QualityGateResult` of @rag-validate/e2e). */
export const qualityEvidenceSchema = z.object({
  k: z.number().int().positive(),
  mean: meanSchema,
  byLang: z.record(z.string(), meanSchema),
  byDifficulty: z.record(z.string(), meanSchema),
  gates: list(z.object({ name: z.string(), metric: z.string(), pass: z.boolean(), score: z.number(), threshold: z.number(), reason: z.string() })),
  worst: list(
    z.object({ id: z.string(), query: z.string(), lang: z.string(), ndcg: z.number(), recall: z.number(), retrieved: list(z.string()), relevant: list(z.string()) }),
  ),
});
export type QualityEvidence = z.output<typeof qualityEvidenceSchema>;
export type MeanScoresInput = z.output<typeof meanSchema>;

/** What the report can say about retrieval quality from an e2e result. */
export type QualityFinding =
  | { readonly state: 'ok'; readonly status: 'pass' | 'fail' | 'finding' | 'skip'; readonly message: string | undefined; readonly evidence: QualityEvidence }
  | { readonly state: 'not-run' }
  | { readonly state: 'no-scores'; readonly status: string; readonly reason: string };

/** Finds the retrieval-quality scores in an e2e result (the evidence of its quality-gates case). */
export function retrievalQuality(e2e: E2eReportInput): QualityFinding {
  const found = e2e.suites.flatMap((s) => s.cases).find((c) => c.id === QUALITY_CASE_ID);
  if (found === undefined) return { state: 'not-run' };
  const parsed = qualityEvidenceSchema.safeParse(found.evidence);
  if (!parsed.success) {
    return { state: 'no-scores', status: found.status, reason: found.message ?? `its evidence has no scores (${describeIssues(parsed.error)})` };
  }
  return { state: 'ok', status: found.status, message: found.message, evidence: parsed.data };
}
