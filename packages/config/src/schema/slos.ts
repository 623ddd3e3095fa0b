import { z } from 'zod';
import { positiveMs, positiveNumber, ratio } from './primitives.js';

/** The operations that carry service-level objectives. */
export const OPERATION_NAMES = ['search', 'generate', 'index', 'health'] as const;
export type OperationName = (typeof OPERATION_NAMES)[number];

/** Latency objectives; each one present is a gate in perf, a threshold in dashboards and an alert. */
export const latencyObjectiveSchema = z
  .object({
    avgMs: positiveMs.optional(),
    p50Ms: positiveMs.optional(),
    p95Ms: positiveMs.optional(),
    p99Ms: positiveMs.optional(),
    /** Every single call must finish within this (e.g. "one file indexed in < 60 s"). */
    maxMs: positiveMs.optional(),
  })
  .strict()
  .refine((value) => Object.values(value).some((v) => v !== undefined), {
    error: 'expected at least one of avgMs, p50Ms, p95Ms, p99Ms, maxMs',
  });
export type LatencyObjective = z.output<typeof latencyObjectiveSchema>;

export const throughputObjectiveSchema = z
  .object({
    /** Requests per second the operation must sustain (the rate perf drives it at). */
    rps: positiveNumber.optional(),
    /** Items per day (e.g. files indexed per day). */
    perDay: positiveNumber.optional(),
  })
  .strict();

export const operationSloSchema = z
  .object({
    latency: latencyObjectiveSchema,
    /** Share of calls that must succeed (not 5xx, not a timeout or connection error). */
    availability: ratio.default(0.99),
    throughput: throughputObjectiveSchema.prefault({}),
  })
  .strict();
export type OperationSlo = z.output<typeof operationSloSchema>;

/**
 * Defaults are the seed's numbers (Task 06, "성능 기준 및 SLA"): search avg < 3 s and p95 < 5 s at
 * 100 RPS; generation avg < 30 s and p95 < 60 s at 10 RPS; one file indexed < 60 s and 1,000 files
 * a day; availability 99 %; health answered in < 1 s on average.
 */
export const DEFAULT_SLOS = {
  search: { latency: { avgMs: 3_000, p95Ms: 5_000 }, availability: 0.99, throughput: { rps: 100 } },
  generate: { latency: { avgMs: 30_000, p95Ms: 60_000 }, availability: 0.99, throughput: { rps: 10 } },
  index: { latency: { maxMs: 60_000 }, availability: 0.99, throughput: { perDay: 1_000 } },
  health: { latency: { avgMs: 1_000 }, availability: 0.99, throughput: {} },
} as const;

/**
 * An operation's SLO as given in a file is merged over its default, key by key: setting
 * `slos.search.latency.p99Ms` adds a p99 objective and keeps avg and p95; `null` removes a default.
 */
function withDefaults(defaults: unknown) {
  return (input: unknown): unknown => mergeOver(defaults, input);
}

function mergeOver(base: unknown, override: unknown): unknown {
  if (override === undefined) return base;
  if (override === null) return undefined;
  const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (!isMap(base) || !isMap(override)) return override;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const merged = mergeOver(base[key], value);
    if (merged === undefined) delete out[key];
    else out[key] = merged;
  }
  return out;
}

export const slosSchema = z
  .object({
    search: z.preprocess(withDefaults(DEFAULT_SLOS.search), operationSloSchema),
    generate: z.preprocess(withDefaults(DEFAULT_SLOS.generate), operationSloSchema),
    index: z.preprocess(withDefaults(DEFAULT_SLOS.index), operationSloSchema),
    health: z.preprocess(withDefaults(DEFAULT_SLOS.health), operationSloSchema),
  })
  .strict();
export type Slos = z.output<typeof slosSchema>;

/** Recovery objectives, checked by chaos experiments. */
export const recoverySchema = z
  .object({
    /** Mean time to recovery objective: fault rolled back → first good end-to-end query. */
    mttrMs: positiveMs.default(300_000),
    /** Share of acknowledged writes that must survive a fault (1 = nothing may be lost). */
    dataConsistency: ratio.default(1),
  })
  .strict();
export type RecoveryObjectives = z.output<typeof recoverySchema>;
