import { OPERATION_NAMES } from '@rag-validate/config';
import { z } from 'zod';
import { OPERATION_IDS } from '../operations/operation-catalog.js';

/** Bumped when the result format changes incompatibly. */
export const PERF_RESULT_SCHEMA_VERSION = 1;
export const PERF_RESULT_KIND = 'rag-validate/perf';

const count = z.number().int().min(0);
const ms = z.number().min(0);

export const latencySummarySchema = z.object({
  count,
  minMs: ms,
  meanMs: ms,
  p50Ms: ms,
  p90Ms: ms,
  p95Ms: ms,
  p99Ms: ms,
  p999Ms: ms,
  maxMs: ms,
  stdDevMs: ms,
});

const countsShape = { scheduled: count, sent: count, dropped: count, late: count, completed: count, ok: count, errors: count };

/** Totals of one series over the measured part of the run. */
export const seriesStatsSchema = z.object({
  kind: z.enum(['request', 'sample']),
  ...countsShape,
  errorsByKind: z.record(z.string(), count),
  /** Sends due per second of the measured part. */
  offeredRps: ms,
  /** Successful calls per second of the measured part. */
  achievedRps: ms,
  latency: latencySummarySchema,
  /** Every latency (HdrHistogram V2 compressed base64, microseconds). */
  histogram: z.string(),
});
export type SeriesStats = z.output<typeof seriesStatsSchema>;

export const secondLatencySchema = z.object({ meanMs: ms, p50Ms: ms, p95Ms: ms, p99Ms: ms, maxMs: ms });

/** One series in one second: sends in the second they were due, completions in the second they finished. */
export const seriesSecondSchema = z.object({
  ...countsShape,
  latency: secondLatencySchema.nullable(),
  histogram: z.string().nullable(),
});
export type SeriesSecond = z.output<typeof seriesSecondSchema>;

export const timelinePointSchema = z.object({
  /** Wall-clock second (seconds since the epoch). */
  t: z.number().int(),
  series: z.record(z.string(), seriesSecondSchema),
});
export type TimelinePoint = z.output<typeof timelinePointSchema>;

const rateStageSchema = z.object({ durationMs: z.number().positive(), fromRps: z.number().min(0), toRps: z.number().min(0) });

/** One load generator process (a merged result lists every machine's). */
export const generatorInfoSchema = z.object({
  host: z.string(),
  pid: z.number().int(),
  startedAt: z.string(),
  finishedAt: z.string(),
  aborted: z.boolean(),
  warmup: z.array(rateStageSchema),
  stages: z.array(rateStageSchema),
  maxInFlight: z.number().int().positive(),
  lateThresholdMs: z.number().positive(),
  /** Calls started, warm-up included. */
  sentTotal: count,
  peakInFlight: count,
  cpu: z.object({ userMs: ms, systemMs: ms, usPerRequest: ms }),
  /** How late sends started after their intended time. */
  sendLag: latencySummarySchema,
});
export type GeneratorInfo = z.output<typeof generatorInfoSchema>;

/** The thresholds a run was gated on, derived from the config SLOs. */
export const operationObjectivesSchema = z.object({
  slo: z.enum(OPERATION_NAMES),
  latency: z.object({ avgMs: ms.optional(), p50Ms: ms.optional(), p95Ms: ms.optional(), p99Ms: ms.optional(), maxMs: ms.optional() }),
  availability: z.number().gt(0).lte(1),
  /** Successful calls per second the run must achieve. */
  requiredRps: ms,
  /** Where requiredRps comes from, in words. */
  requiredRpsSource: z.string(),
  /** Successful calls per day the run's rate must amount to (slos.<op>.throughput.perDay). */
  perDay: ms.optional(),
});
export type OperationObjectives = z.output<typeof operationObjectivesSchema>;

export const gateResultSchema = z.object({
  gate: z.string(),
  operation: z.string(),
  scope: z.enum(['run', 'window']),
  unit: z.enum(['ms', 'ratio', 'rps', 'count', 'per-day']),
  bound: z.enum(['upper', 'lower']),
  threshold: z.number(),
  measured: z.number().nullable(),
  pass: z.boolean(),
  score: z.number().min(0).max(1),
  reason: z.string(),
  /** The config value the threshold comes from. */
  source: z.string(),
  /** For window gates: the worst window (epoch seconds, inclusive). */
  window: z.object({ fromSec: z.number().int(), toSec: z.number().int() }).optional(),
});
export type GateResult = z.output<typeof gateResultSchema>;

export const perfResultSchema = z.object({
  kind: z.literal(PERF_RESULT_KIND),
  schemaVersion: z.literal(PERF_RESULT_SCHEMA_VERSION),
  scenario: z.object({
    name: z.string(),
    description: z.string(),
    mix: z.array(z.object({ operation: z.enum(OPERATION_IDS), weight: z.number().positive() })),
  }),
  /** Service URLs driven (no credentials). */
  target: z.object({ rag: z.string().optional(), llm: z.string().optional(), contract: z.string().optional() }),
  startedAt: z.string(),
  finishedAt: z.string(),
  /** The measured part of the run (warm-up excluded), wall-clock ms since the epoch. */
  measure: z.object({ startEpochMs: z.number(), endEpochMs: z.number(), durationMs: ms }),
  windowMs: z.number().positive(),
  histogramSettings: z.object({ unit: z.literal('us'), lowestDiscernibleValue: z.number(), highestTrackableValue: z.number(), significantDigits: z.number() }),
  objectives: z.record(z.string(), operationObjectivesSchema),
  series: z.record(z.string(), seriesStatsSchema),
  timeline: z.array(timelinePointSchema),
  generators: z.array(generatorInfoSchema).min(1),
  gates: z.array(gateResultSchema),
  pass: z.boolean(),
});

/** The result of a perf run (or of merged runs): JSON-serialisable, written to results/perf-<scenario>.json. */
export type PerfResult = z.output<typeof perfResultSchema>;
