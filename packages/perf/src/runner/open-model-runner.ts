import { setMaxListeners } from 'node:events';
import { LoadRecorder, type SeriesKind, type SeriesRecorder } from '../recorder/load-recorder.js';
import { recordMs } from '../recorder/latency-histogram.js';
import { ArrivalSchedule, stagesDurationMs, type RateStage } from '../schedule/rate-stage.js';
import { WeightedMix } from '../schedule/weighted-mix.js';
import { PerfOptionError } from '../errors.js';
import { realClock, type LoadClock } from './load-clock.js';

const UNEXPECTED: OperationOutcome = Object.freeze({ ok: false, error: 'unexpected' });

/** Sends at least this far apart get a precise (polled) wake-up; closer ones share 1 ms timers. */
export const PRECISE_GAP_MS = 5;

/** What one call reports back to the runner. */
export type OperationOutcome =
  | { readonly ok: true; readonly samples?: Readonly<Record<string, readonly number[]>> }
  | { readonly ok: false; readonly error: string; readonly samples?: Readonly<Record<string, readonly number[]>> };

export interface OperationCall {
  /** 0, 1, 2 … per operation: picks the query, prompt or file of this call. */
  readonly seq: number;
  /** How late the call started after its intended time (ms). Add it to in-call timings (time to first token). */
  readonly lagMs: number;
  /** Aborted when the run is stopped and its grace period is over: pass it to the client call. */
  readonly signal: AbortSignal;
}

/** One kind of call the generator sends. */
export interface RunnerOperation {
  readonly name: string;
  /** Sample series this operation reports (suffixes, e.g. `ttft` → series `llm-stream.ttft`). */
  readonly samples?: readonly string[];
  /** Makes the call. Should not reject (map failures to `{ ok: false }`); a rejection counts as error `unexpected`. */
  execute(call: OperationCall): Promise<OperationOutcome>;
  /**
   * The same call with a callback, when the operation can make it without a promise (used
   * instead of `execute` when present: no promise and no microtask per call). Calls `done` once.
   */
  start?(call: OperationCall, done: (outcome: OperationOutcome) => void): void;
}

export interface OpenModelPlan {
  /** Sent first and not measured. */
  readonly warmup: readonly RateStage[];
  /** The measured part of the run. */
  readonly stages: readonly RateStage[];
  /** Operations and their weights; each send picks the next one (deterministic weighted round-robin). */
  readonly mix: ReadonlyArray<{ readonly operation: RunnerOperation; readonly weight: number }>;
  /** A send that falls due while this many calls are open is dropped. */
  readonly maxInFlight: number;
  /** A send started more than this after its intended time counts as late. */
  readonly lateThresholdMs: number;
}

/** A live view of the run, sent about once a second. */
export interface LoadProgress {
  readonly phase: 'warmup' | 'measure' | 'drain';
  readonly elapsedMs: number;
  /** Warm-up + measured duration. */
  readonly plannedMs: number;
  readonly inFlight: number;
  /** Calls finished successfully per second over the last interval. */
  readonly achievedRps: number;
  /** Measured totals so far. */
  readonly completed: number;
  readonly errors: number;
  readonly dropped: number;
  readonly late: number;
  /** p95 so far per request series (ms). */
  readonly p95Ms: Readonly<Record<string, number>>;
}

export interface RunLoadOptions {
  readonly clock?: LoadClock;
  /** Aborting stops scheduling; calls in flight finish and the run is marked aborted. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: LoadProgress) => void;
  /** Default: 1_000. */
  readonly progressIntervalMs?: number;
  /** After `signal` aborts, calls in flight get this long to finish before they are aborted too. Default: 2_000. */
  readonly abortGraceMs?: number;
}

/** What a run recorded. Times are wall-clock ms since the epoch. */
export interface LoadRun {
  readonly recorder: LoadRecorder;
  readonly startedEpochMs: number;
  readonly measureStartEpochMs: number;
  /** End of the measured schedule (earlier when aborted). */
  readonly measureEndEpochMs: number;
  /** When the last call finished. */
  readonly finishedEpochMs: number;
  readonly aborted: boolean;
  /** Calls started, warm-up included. */
  readonly sentTotal: number;
  /** Most calls open at once. */
  readonly peakInFlight: number;
  /** CPU time of this process during the run. */
  readonly cpu: { readonly userMs: number; readonly systemMs: number };
}

/**
 * Runs an open-model load: sends start on the schedule of `plan` whatever the responses do, and
 * each call's latency is measured from its *intended* send time, so a stalled server shows up in
 * the latencies (no coordinated omission). A send due while `maxInFlight` calls are open is
 * dropped and counted; one started late is counted as late (and its latency includes the delay).
 * Only sends due after the warm-up are recorded.
 */
export function runOpenModel(plan: OpenModelPlan, options: RunLoadOptions = {}): Promise<LoadRun> {
  const { clock = realClock(), signal, onProgress, progressIntervalMs = 1_000, abortGraceMs = 2_000 } = options;
  if (!Number.isInteger(plan.maxInFlight) || plan.maxInFlight < 1) throw new PerfOptionError('maxInFlight', plan.maxInFlight, 'expected a whole number ≥ 1');
  if (!(plan.lateThresholdMs > 0)) throw new PerfOptionError('lateThresholdMs', plan.lateThresholdMs, 'expected a number of ms greater than 0');
  const seriesSpec: Array<{ name: string; kind: SeriesKind }> = [];
  for (const { operation } of plan.mix) {
    if (seriesSpec.some((s) => s.name === operation.name)) continue;
    seriesSpec.push({ name: operation.name, kind: 'request' });
    for (const suffix of operation.samples ?? []) seriesSpec.push({ name: `${operation.name}.${suffix}`, kind: 'sample' });
  }
  const recorder = new LoadRecorder(seriesSpec);
  // One entry per operation with its series and call counter, so a send does no lookups.
  const entries = new Map<string, { readonly operation: RunnerOperation; readonly series: SeriesRecorder; seq: number }>();
  for (const { operation } of plan.mix) if (!entries.has(operation.name)) entries.set(operation.name, { operation, series: recorder.get(operation.name), seq: 0 });
  const mix = new WeightedMix(plan.mix.map(({ operation, weight }) => ({ item: entries.get(operation.name) as { readonly operation: RunnerOperation; readonly series: SeriesRecorder; seq: number }, weight })));
  const schedule = new ArrivalSchedule(plan.warmup, plan.stages);
  const warmupMs = stagesDurationMs(plan.warmup);
  const plannedMs = warmupMs + stagesDurationMs(plan.stages);
  const cpuStart = process.cpuUsage();

  return new Promise<LoadRun>((resolve) => {
    const start = clock.now();
    let due = schedule.advance();
    let inFlight = 0;
    let peakInFlight = 0;
    let sentTotal = 0;
    let schedulingDone = false;
    let aborted = false;
    let abortedAt: number | undefined;
    let lastCompletion = start;
    let cancelTimer: (() => void) | undefined;
    let cancelGrace: (() => void) | undefined;
    const calls = new AbortController();
    // Every call in flight listens to this one signal (through undici): no leak warning at 11.
    setMaxListeners(0, calls.signal);
    let lastFiredAtMs = Number.NEGATIVE_INFINITY;
    let cancelProgress: (() => void) | undefined;
    let okSinceProgress = 0;
    let lastProgressAt = start;
    const measured = { completed: 0, errors: 0, dropped: 0, late: 0 };

    const finish = (): void => {
      cancelProgress?.();
      cancelTimer?.();
      cancelGrace?.();
      signal?.removeEventListener('abort', onAbort);
      recorder.finish();
      const cpu = process.cpuUsage(cpuStart);
      const measureEnd = Math.min(start + plannedMs, abortedAt ?? Number.POSITIVE_INFINITY);
      resolve({
        recorder,
        startedEpochMs: clock.toEpochMs(start),
        measureStartEpochMs: clock.toEpochMs(start + warmupMs),
        measureEndEpochMs: clock.toEpochMs(Math.max(start + warmupMs, measureEnd)),
        finishedEpochMs: clock.toEpochMs(Math.max(lastCompletion, measureEnd)),
        aborted,
        sentTotal,
        peakInFlight,
        cpu: { userMs: cpu.user / 1_000, systemMs: cpu.system / 1_000 },
      });
    };

    const maybeFinish = (): void => {
      if (schedulingDone && inFlight === 0) finish();
    };

    const complete = (intended: number, isMeasured: boolean, entry: { readonly operation: RunnerOperation; readonly series: SeriesRecorder }, outcome: OperationOutcome): void => {
      inFlight -= 1;
      const now = clock.now();
      lastCompletion = now;
      if (outcome.ok) okSinceProgress += 1;
      if (isMeasured) {
        const epoch = clock.toEpochMs(now);
        entry.series.complete(epoch, now - intended, outcome.ok, outcome.ok ? undefined : outcome.error);
        measured.completed += 1;
        if (!outcome.ok) measured.errors += 1;
        if (outcome.samples !== undefined) {
          for (const [suffix, values] of Object.entries(outcome.samples)) {
            const series = recorder.get(`${entry.operation.name}.${suffix}`);
            for (const value of values) series.complete(epoch, value, true);
          }
        }
      }
      maybeFinish();
    };

    const fire = (atMs: number, isMeasured: boolean, now: number): void => {
      const intended = start + atMs;
      const entry = mix.next();
      const lagMs = now > intended ? now - intended : 0;
      const late = lagMs > plan.lateThresholdMs;
      if (inFlight >= plan.maxInFlight) {
        if (isMeasured) {
          entry.series.send(clock.toEpochMs(intended), 'dropped', false);
          measured.dropped += 1;
        }
        return;
      }
      if (isMeasured) {
        entry.series.send(clock.toEpochMs(intended), 'sent', late);
        recordMs(recorder.sendLag, lagMs);
        if (late) measured.late += 1;
      }
      inFlight += 1;
      sentTotal += 1;
      if (inFlight > peakInFlight) peakInFlight = inFlight;
      const seq = entry.seq;
      entry.seq = seq + 1;
      const call = { seq, lagMs, signal: calls.signal };
      const { operation } = entry;
      if (operation.start !== undefined) {
        let done = false;
        const finishCall = (outcome: OperationOutcome): void => {
          if (done) return;
          done = true;
          complete(intended, isMeasured, entry, outcome);
        };
        try {
          operation.start(call, finishCall);
        } catch {
          finishCall(UNEXPECTED);
        }
        return;
      }
      let pending: Promise<OperationOutcome>;
      try {
        pending = operation.execute(call);
      } catch (error) {
        pending = Promise.reject(error);
      }
      pending.then(
        (outcome) => complete(intended, isMeasured, entry, outcome),
        () => complete(intended, isMeasured, entry, UNEXPECTED),
      );
    };

    const pump = (): void => {
      cancelTimer = undefined;
      if (aborted) return;
      // The clock is read after every send: a send's lag is its own, and sends that fell due while
      // this batch went out go with it instead of taking a turn of the event loop each.
      let now = clock.now();
      while (due && start + schedule.atMs <= now) {
        fire(schedule.atMs, schedule.measured, now);
        lastFiredAtMs = schedule.atMs;
        due = schedule.advance();
        now = clock.now();
      }
      if (!due) {
        schedulingDone = true;
        maybeFinish();
        return;
      }
      // Wake precisely (polling the last moment) only between sends at least PRECISE_GAP_MS apart:
      // at higher rates a 1 ms timer is finer than the gaps' sum and polling would burn a core.
      const gap = schedule.atMs - lastFiredAtMs;
      cancelTimer = clock.at(start + schedule.atMs, pump, gap >= PRECISE_GAP_MS);
    };

    const progress = (): void => {
      const now = clock.now();
      const interval = Math.max(1, now - lastProgressAt);
      const p95Ms: Record<string, number> = {};
      for (const series of recorder.series.values()) {
        if (series.kind === 'request' && series.total.totalCount > 0) p95Ms[series.name] = series.total.getValueAtPercentile(95) / 1_000;
      }
      onProgress?.({
        phase: schedulingDone ? 'drain' : now - start < warmupMs ? 'warmup' : 'measure',
        elapsedMs: now - start,
        plannedMs,
        inFlight,
        achievedRps: (okSinceProgress * 1_000) / interval,
        ...measured,
        p95Ms,
      });
      okSinceProgress = 0;
      lastProgressAt = now;
      cancelProgress = clock.at(now + progressIntervalMs, progress);
    };

    const onAbort = (): void => {
      if (schedulingDone) return;
      aborted = true;
      abortedAt = clock.now();
      schedulingDone = true;
      cancelTimer?.();
      if (inFlight > 0) cancelGrace = clock.at(clock.now() + abortGraceMs, () => calls.abort(), false);
      maybeFinish();
    };
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
    if (onProgress !== undefined) cancelProgress = clock.at(start + progressIntervalMs, progress);
    if (!aborted) pump();
  });
}
