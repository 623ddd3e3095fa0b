import { SERVICE_NAMES } from '@rag-validate/config';
import { CATEGORIES, CHECK_STATUSES, PROFILES, SEVERITIES, VERDICTS } from '@rag-validate/readiness';
import { z } from 'zod';
import { count, list, ms } from './zod-helpers.js';

const counts = z.record(z.enum(CHECK_STATUSES), count);

/** `results/readiness.json` (`ReadinessResult` of @rag-validate/readiness). */
export const readinessResultSchema = z.object({
  kind: z.literal('readiness'),
  schemaVersion: z.literal(1),
  verdict: z.enum(VERDICTS),
  score: z.number().min(0).max(100),
  coverage: z.number().min(0).max(1),
  profile: z.enum(PROFILES),
  startedAt: z.string(),
  durationMs: ms,
  target: z.object({ mode: z.enum(['embedded', 'external']), contract: z.string().optional(), urls: z.record(z.enum(SERVICE_NAMES), z.string()) }),
  inputs: z.object({ compose: z.string().optional(), envFile: z.string().optional() }),
  counts,
  criticalFailures: list(z.string()),
  categories: list(z.object({ category: z.enum(CATEGORIES), counts, score: z.number().nullable() })),
  checks: list(
    z.object({
      id: z.string(),
      category: z.enum(CATEGORIES),
      severity: z.enum(SEVERITIES),
      title: z.string(),
      howToFix: z.string(),
      owasp: z.string().optional(),
      status: z.enum(CHECK_STATUSES),
      pass: z.boolean(),
      score: z.number(),
      reason: z.string(),
      evidence: list(z.string()),
    }),
  ),
});
/** A readiness result as the report reads it; `ReadinessResult` of @rag-validate/readiness is assignable to it. */
export type ReadinessReportInput = z.output<typeof readinessResultSchema>;
