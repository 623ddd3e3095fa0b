import { SERVICE_NAMES } from '@rag-validate/config';
import { TIMELINE_EVENTS } from '@rag-validate/chaos';
import { z } from 'zod';
import { count, list, ms } from './zod-helpers.js';

const verdict = z.enum(['pass', 'fail', 'inconclusive', 'skipped']);

const experimentSchema = z.object({
  name: z.string(),
  title: z.string(),
  description: z.string(),
  expectedOutcome: z.string(),
  faultDescription: z.string(),
  driver: z.string(),
  verdict: z.enum([...verdict.options, 'error']),
  hypotheses: list(z.object({ id: z.string(), title: z.string(), verdict, score: z.number(), reason: z.string() })),
  timeline: list(z.object({ event: z.enum(TIMELINE_EVENTS), at: z.string(), sinceFaultMs: z.number().nullable(), detail: z.string().optional() })),
  recovery: z
    .object({ rollbackMs: ms, timeToReadyMs: ms.nullable(), timeToFirstGoodQueryMs: ms.nullable(), mttrObjectiveMs: ms })
    .nullable(),
  load: z
    .object({
      requests: count,
      dropped: count,
      byOperation: z.partialRecord(z.enum(['search', 'generate', 'index']), z.record(z.enum(['before', 'during', 'after']), z.partialRecord(z.string(), count))),
      p95DuringFaultMs: z.partialRecord(z.enum(['search', 'generate', 'index']), ms),
    })
    .nullable(),
  errorBudget: z
    .object({ availabilityObjective: z.number(), requests: count, failed: count, allowedFailures: z.number(), spent: z.number().nullable() })
    .nullable(),
  consistency: z.object({ acknowledgedWrites: count, lostWrites: count, lostWritePaths: list(z.string()) }).nullable(),
  alert: z.object({ prometheusUrl: z.string(), detectionMs: ms.nullable(), pendingAfterMs: ms.nullable(), error: z.string().nullable() }).nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  startedAt: z.string(),
  durationMs: ms,
});

/** `results/chaos.json` (`ChaosRunResult` of @rag-validate/chaos), the fields the report shows. */
export const chaosResultSchema = z.object({
  kind: z.literal('chaos'),
  version: z.literal(1),
  startedAt: z.string(),
  finishedAt: z.string(),
  target: z.object({ kind: z.string(), urls: z.record(z.enum(SERVICE_NAMES), z.string()) }),
  driver: z.string(),
  settings: z.object({ faultDurationMs: ms, baselineMs: ms, cleanErrorWithinMs: ms, loadRps: z.number().min(0), mttrMs: ms }),
  experiments: list(experimentSchema),
  summary: z.object({ passed: count, failed: count, inconclusive: count, errored: count, skipped: count }),
  pass: z.boolean(),
});
/** A chaos result as the report reads it; `ChaosRunResult` of @rag-validate/chaos is assignable to it. */
export type ChaosReportInput = z.output<typeof chaosResultSchema>;
export type ChaosExperimentInput = ChaosReportInput['experiments'][number];
