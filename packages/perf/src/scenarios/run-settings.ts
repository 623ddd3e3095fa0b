import type { RagValidateConfig } from '@rag-validate/config';
import { PerfOptionError } from '../errors.js';
import { constantRate, parseStages, validateStages, type RateStage } from '../schedule/rate-stage.js';
import type { Scenario } from './scenario.js';

/** What a caller (the CLI, a test) may set for one run; anything unset comes from the scenario and `config.perf`. */
export interface RunOverrides {
  /** Constant arrival rate, all operations together (requests/s). Default: the scenario's rate. */
  readonly rps?: number | undefined;
  /** Ramping rate instead of a constant one: `30s:10-100,60s:100` or stage objects. Excludes `rps` and `durationMs`. */
  readonly stages?: string | readonly RateStage[] | undefined;
  /** Default: config.perf.durationMs. */
  readonly durationMs?: number | undefined;
  /** Unmeasured ramp from 0 to the starting rate before the run. Default: config.perf.warmupMs. */
  readonly warmupMs?: number | undefined;
  /** Default: config.perf.maxInFlight. */
  readonly maxInFlight?: number | undefined;
  /** Default: config.perf.windowMs. */
  readonly windowMs?: number | undefined;
  /** Default: config.perf.lateThresholdMs. */
  readonly lateThresholdMs?: number | undefined;
}

/** Everything that shapes a run, resolved. */
export interface RunSettings {
  readonly scenario: Scenario;
  readonly warmup: readonly RateStage[];
  readonly stages: readonly RateStage[];
  readonly maxInFlight: number;
  readonly lateThresholdMs: number;
  readonly windowMs: number;
}

/** Resolves a scenario + config + overrides into run settings. Throws PerfOptionError for unusable values. */
export function resolveRunSettings(scenario: Scenario, config: Pick<RagValidateConfig, 'slos' | 'perf'>, overrides: RunOverrides = {}): RunSettings {
  const perf = config.perf;
  const durationMs = overrides.durationMs ?? perf.durationMs;
  const warmupMs = overrides.warmupMs ?? perf.warmupMs;
  const maxInFlight = overrides.maxInFlight ?? perf.maxInFlight;
  const windowMs = overrides.windowMs ?? perf.windowMs;
  const lateThresholdMs = overrides.lateThresholdMs ?? perf.lateThresholdMs;
  if (!Number.isInteger(maxInFlight) || maxInFlight < 1) throw new PerfOptionError('--max-in-flight', maxInFlight, 'expected a whole number ≥ 1');
  if (!Number.isFinite(windowMs) || windowMs < 1_000) throw new PerfOptionError('--window', windowMs, 'expected a window of at least 1s');
  if (!Number.isFinite(warmupMs) || warmupMs < 0) throw new PerfOptionError('--warmup', warmupMs, 'expected a warm-up of 0s or more');
  if (!(lateThresholdMs > 0)) throw new PerfOptionError('lateThresholdMs', lateThresholdMs, 'expected more than 0 ms');

  let stages: readonly RateStage[];
  if (overrides.stages !== undefined) {
    if (overrides.rps !== undefined) throw new PerfOptionError('--rps', overrides.rps, 'give either --rps or --stages, not both');
    if (overrides.durationMs !== undefined) throw new PerfOptionError('--duration', overrides.durationMs, 'give either --duration or --stages (stages carry their own durations), not both');
    stages = typeof overrides.stages === 'string' ? parseStages(overrides.stages) : overrides.stages;
    validateStages(stages, '--stages');
  } else {
    if (!Number.isFinite(durationMs) || durationMs <= 0) throw new PerfOptionError('--duration', durationMs, 'expected a duration greater than 0');
    const rps = overrides.rps ?? defaultRate(scenario, config);
    if (!Number.isFinite(rps) || rps <= 0) throw new PerfOptionError('--rps', rps, 'expected a rate greater than 0 requests/s');
    stages = [constantRate(rps, durationMs)];
  }
  const first = stages[0] as RateStage;
  // The warm-up ramps up to the starting rate, so connections, caches and JITs warm up gradually
  // (a cold start at full rate opens a connection per call and can swamp the target). A run that
  // itself ramps up from 0 needs none.
  const warmup = warmupMs > 0 && first.fromRps > 0 ? [{ durationMs: warmupMs, fromRps: 0, toRps: first.fromRps }] : [];
  return { scenario, warmup, stages, maxInFlight, lateThresholdMs, windowMs };
}

/** The scenario's default rate: its own number, or its SLO's throughput objective. */
export function defaultRate(scenario: Scenario, config: Pick<RagValidateConfig, 'slos'>): number {
  if ('rps' in scenario.rate) return scenario.rate.rps;
  const slo = scenario.rate.sloRps;
  const rps = config.slos[slo].throughput.rps;
  if (rps === undefined) {
    throw new PerfOptionError('--rps', undefined, `scenario ${scenario.name} runs at slos.${slo}.throughput.rps, which is not set; set it or pass --rps`);
  }
  return rps;
}
