import { LoadRecorder } from '../recorder/load-recorder.js';
import { recordMs } from '../recorder/latency-histogram.js';
import type { LoadRun } from '../runner/open-model-runner.js';
import { constantRate } from '../schedule/rate-stage.js';
import type { RunSettings } from '../scenarios/run-settings.js';
import type { Scenario } from '../scenarios/scenario.js';
import { VIRTUAL_EPOCH_MS } from './virtual-clock.js';

/** One call of a synthetic run: due at `atMs` after the measured start, finished `latencyMs` later. */
export interface SyntheticCall {
  readonly series: string;
  readonly atMs: number;
  readonly latencyMs: number;
  readonly ok?: boolean;
  readonly error?: string;
  readonly dropped?: boolean;
}

/**
 * A LoadRun recorded from a list of calls, without sending anything: for tests of results,
 * gates and merging, where the samples must be known exactly.
 */
export function syntheticRun(calls: readonly SyntheticCall[], options: { durationMs: number; startEpochMs?: number; series?: readonly string[] }): LoadRun {
  const start = options.startEpochMs ?? VIRTUAL_EPOCH_MS;
  const names = options.series ?? [...new Set(calls.map((c) => c.series))];
  const recorder = new LoadRecorder(names.map((name) => ({ name, kind: 'request' as const })));
  for (const call of calls) {
    recorder.get(call.series).send(start + call.atMs, call.dropped === true ? 'dropped' : 'sent', false);
    if (call.dropped !== true) recordMs(recorder.sendLag, 0);
  }
  const completions = calls.filter((c) => c.dropped !== true).sort((a, b) => a.atMs + a.latencyMs - (b.atMs + b.latencyMs));
  let last = start;
  for (const call of completions) {
    const at = start + call.atMs + call.latencyMs;
    last = Math.max(last, at);
    const ok = call.ok ?? true;
    recorder.get(call.series).complete(at, call.latencyMs, ok, ok ? undefined : (call.error ?? 'http 500'));
  }
  recorder.finish();
  return {
    recorder,
    startedEpochMs: start,
    measureStartEpochMs: start,
    measureEndEpochMs: start + options.durationMs,
    finishedEpochMs: Math.max(last, start + options.durationMs),
    aborted: false,
    sentTotal: completions.length,
    peakInFlight: 1,
    cpu: { userMs: 1, systemMs: 1 },
  };
}

/** Run settings for a one-operation scenario at a constant rate. */
export function syntheticSettings(scenario: Scenario, rps: number, durationMs: number, windowMs = 10_000): RunSettings {
  return { scenario, warmup: [], stages: [constantRate(rps, durationMs)], maxInFlight: 100, lateThresholdMs: 10, windowMs };
}

/** A deterministic pseudo-random sequence in [0, 1) (so tests need no seedable RNG). */
export function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}
