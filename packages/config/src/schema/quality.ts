import { z } from 'zod';
import { ratio } from './primitives.js';

/** Retrieval-quality gates for the golden-set suite (the e2e package computes the metrics). */
export const qualitySchema = z
  .object({
    /** Cut-off rank for recall@k, precision@k and nDCG@k. */
    k: z.number().int().min(1).max(100).default(5),
    minRecallAtK: ratio.optional(),
    minPrecisionAtK: ratio.optional(),
    minMrr: ratio.optional(),
    minNdcgAtK: ratio.optional(),
  })
  .strict();
export type QualityConfig = z.output<typeof qualitySchema>;
