import { PerfOptionError } from '../errors.js';
import { parseDuration } from './parse-duration.js';

/**
 * One stage of an open-model load: the arrival rate goes linearly from `fromRps` to `toRps` over
 * `durationMs` (equal rates: a constant rate). Requests start on this schedule whatever the
 * responses do.
 */
export interface RateStage {
  readonly durationMs: number;
  readonly fromRps: number;
  readonly toRps: number;
}

/** A constant rate for a duration. */
export function constantRate(rps: number, durationMs: number): RateStage {
  const stage = { durationMs, fromRps: rps, toRps: rps };
  validateStages([stage], '--rps');
  return stage;
}

/**
 * Reads stages written as `<duration>:<rps>` or `<duration>:<from>-<to>`, comma-separated, e.g.
 * `30s:10-100,60s:100` (ramp from 10 to 100 rps over 30 s, then hold 100 rps for 60 s).
 */
export function parseStages(text: string, option = '--stages'): RateStage[] {
  const stages = text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map((part) => {
      const match = /^([^:]+):\s*(\d+(?:\.\d+)?)(?:\s*-\s*(\d+(?:\.\d+)?))?$/.exec(part);
      if (!match) throw new PerfOptionError(option, part, 'expected <duration>:<rps> or <duration>:<from>-<to>, e.g. 30s:10-100,60s:100');
      const durationMs = parseDuration(match[1] ?? '', option);
      const from = Number(match[2]);
      const to = match[3] === undefined ? from : Number(match[3]);
      return { durationMs, fromRps: from, toRps: to };
    });
  validateStages(stages, option);
  return stages;
}

/** Throws PerfOptionError unless every stage has a positive duration and finite rates ≥ 0, and some load is sent. */
export function validateStages(stages: readonly RateStage[], option = 'stages'): void {
  if (stages.length === 0) throw new PerfOptionError(option, [], 'expected at least one stage');
  for (const stage of stages) {
    if (!Number.isFinite(stage.durationMs) || stage.durationMs <= 0) throw new PerfOptionError(option, stage.durationMs, 'expected a stage duration greater than 0');
    for (const rate of [stage.fromRps, stage.toRps]) {
      if (!Number.isFinite(rate) || rate < 0) throw new PerfOptionError(option, rate, 'expected a rate of 0 requests/s or more');
    }
  }
  if (expectedArrivals(stages) < 1) throw new PerfOptionError(option, stages.map((s) => `${s.durationMs}ms@${s.fromRps}-${s.toRps}`).join(','), 'the stages send no request at all');
}

/** Total time of the stages. */
export function stagesDurationMs(stages: readonly RateStage[]): number {
  return stages.reduce((sum, stage) => sum + stage.durationMs, 0);
}

/** Number of arrivals the stage schedules: arrivals n = 0, 1, 2 … whose time is inside the stage. */
export function arrivalsInStage(stage: RateStage): number {
  const area = ((stage.fromRps + stage.toRps) / 2) * (stage.durationMs / 1_000);
  // Guard against 299.99999 for an exact 300 (floating point): arrivals are 0 … ceil(area) - 1.
  return Math.max(0, Math.ceil(area - 1e-9));
}

/** Arrivals of all stages. */
export function expectedArrivals(stages: readonly RateStage[]): number {
  return stages.reduce((sum, stage) => sum + arrivalsInStage(stage), 0);
}

/**
 * Time of the n-th arrival (0-based) after the stage starts, in ms. The cumulative arrivals at
 * time t are A(t) = r0·t + (r1 − r0)·t² / 2D; this returns the t with A(t) = n, in the form that
 * stays stable when r1 = r0 and when r0 = 0.
 */
export function arrivalOffsetMs(stage: RateStage, n: number): number {
  if (n <= 0) return 0;
  const seconds = stage.durationMs / 1_000;
  const a = (stage.toRps - stage.fromRps) / (2 * seconds);
  const b = stage.fromRps;
  const t = (2 * n) / (b + Math.sqrt(Math.max(0, b * b + 4 * a * n)));
  return t * 1_000;
}

/** The rate at `offsetMs` into the stage. */
export function rateAt(stage: RateStage, offsetMs: number): number {
  return stage.fromRps + (stage.toRps - stage.fromRps) * Math.min(1, Math.max(0, offsetMs / stage.durationMs));
}

/** One scheduled send: when it is due (ms after the run starts) and whether it is measured. */
export interface Arrival {
  readonly atMs: number;
  readonly measured: boolean;
}

/**
 * Every arrival of a run in time order: the warm-up stages (not measured) first, then the
 * measured stages. One cursor, no object per arrival (the generator's hot path): `advance()`
 * moves to the next arrival and returns false when there is none; `atMs` and `measured` then
 * describe it. Lazy, so long runs do not materialise their schedule.
 */
export class ArrivalSchedule {
  readonly #stages: ReadonlyArray<{ readonly stage: RateStage; readonly startMs: number; readonly count: number; readonly measured: boolean }>;
  #stage = 0;
  #n = -1;
  /** Due time of the current arrival, in ms after the run starts. */
  atMs = Number.NaN;
  /** The current arrival is in a measured stage. */
  measured = false;

  constructor(warmup: readonly RateStage[], measured: readonly RateStage[]) {
    const stages: Array<{ stage: RateStage; startMs: number; count: number; measured: boolean }> = [];
    let startMs = 0;
    for (const [list, isMeasured] of [
      [warmup, false],
      [measured, true],
    ] as const) {
      for (const stage of list) {
        stages.push({ stage, startMs, count: arrivalsInStage(stage), measured: isMeasured });
        startMs += stage.durationMs;
      }
    }
    this.#stages = stages;
  }

  advance(): boolean {
    let current = this.#stages[this.#stage];
    this.#n += 1;
    while (current !== undefined && this.#n >= current.count) {
      this.#stage += 1;
      this.#n = 0;
      current = this.#stages[this.#stage];
    }
    if (current === undefined) {
      this.atMs = Number.NaN;
      return false;
    }
    this.atMs = current.startMs + arrivalOffsetMs(current.stage, this.#n);
    this.measured = current.measured;
    return true;
  }
}

/** Every arrival of a run in time order, as objects (see ArrivalSchedule). */
export function* arrivals(warmup: readonly RateStage[], measured: readonly RateStage[]): Generator<Arrival> {
  const schedule = new ArrivalSchedule(warmup, measured);
  while (schedule.advance()) yield { atMs: schedule.atMs, measured: schedule.measured };
}
