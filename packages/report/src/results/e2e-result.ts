import { SERVICE_NAMES } from '@rag-validate/config';
import { SUITE_NAMES } from '@rag-validate/e2e';
import { z } from 'zod';
import { count, list, ms } from './zod-helpers.js';

const caseStatus = z.enum(['pass', 'fail', 'finding', 'skip']);

/** `results/e2e.json` (`E2eResult` of @rag-validate/e2e). */
export const e2eResultSchema = z.object({
  kind: z.literal('e2e'),
  version: z.literal(1),
  status: z.enum(['pass', 'fail']),
  startedAt: z.string(),
  finishedAt: z.string(),
  durationMs: ms,
  target: z.object({
    mode: z.enum(['embedded', 'external']),
    contract: z.string(),
    urls: z.record(z.enum(SERVICE_NAMES), z.string()),
  }),
  suites: list(
    z.object({
      suite: z.enum(SUITE_NAMES),
      title: z.string(),
      status: z.enum(['pass', 'fail']),
      durationMs: ms,
      counts: z.record(caseStatus, count),
      cases: list(
        z.object({
          id: z.string(),
          suite: z.enum(SUITE_NAMES),
          title: z.string(),
          status: caseStatus,
          durationMs: ms,
          message: z.string().optional(),
          evidence: z.record(z.string(), z.unknown()),
        }),
      ),
    }),
  ),
});
/** An e2e result as the report reads it; `E2eResult` of @rag-validate/e2e is assignable to it. */
export type E2eReportInput = z.output<typeof e2eResultSchema>;
