import { z } from 'zod';
import { ratio } from './primitives.js';

/** Retrieval-quality gates for the golden-set suite (the e2e package computes the metrics). */
export const qualitySchema = z
  .object({
    /** Cut-off rank for recall@k, precision@k and nDCG@k. */
    k: z.number().int().min(1).max(100).default(5),
    /**
     * Defaults sit below what the embedded reference stack measures on the golden set (recall@5
     * 0.89, MRR 0.80, nDCG@5 0.81), so a regression fails the run. Set `null` to not gate one.
     */
    minRecallAtK: ratio.nullable().default(0.7),
    minPrecisionAtK: ratio.nullable().optional(),
    minMrr: ratio.nullable().default(0.6),
    minNdcgAtK: ratio.nullable().default(0.6),
  })
  .strict();
export type QualityConfig = z.output<typeof qualitySchema>;
