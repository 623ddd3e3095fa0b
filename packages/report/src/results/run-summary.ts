import { z } from 'zod';
import { AREA_NAMES } from './area-file.js';
import { list, ms } from './zod-helpers.js';

/** One area of a `rag-validate run`, as `run.json` records it. */
export const runPhaseSchema = z.object({
  phase: z.enum(AREA_NAMES),
  status: z.enum(['pass', 'fail', 'skip']),
  summary: z.string(),
  durationMs: ms,
  /** Result files the area wrote (absolute paths). */
  files: list(z.string()),
});
export type RunPhase = z.output<typeof runPhaseSchema>;

/** `results/run.json`: what `rag-validate run` writes after its areas (the CLI types its file with this). */
export const runSummarySchema = z.object({
  kind: z.literal('run'),
  version: z.literal(1),
  status: z.enum(['pass', 'fail']),
  startedAt: z.string(),
  durationMs: ms,
  target: z.object({ mode: z.enum(['auto', 'embedded', 'external']) }),
  phases: list(runPhaseSchema),
});
export type RunSummary = z.output<typeof runSummarySchema>;
