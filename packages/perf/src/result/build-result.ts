import { hostname } from 'node:os';
import { encodeHistogram, HISTOGRAM_SETTINGS, summarize } from '../recorder/latency-histogram.js';
import type { LoadRun } from '../runner/open-model-runner.js';
import type { RunSettings } from '../scenarios/run-settings.js';
import { evaluateGates } from '../gates/evaluate-gates.js';
import { PERF_RESULT_KIND, PERF_RESULT_SCHEMA_VERSION, type OperationObjectives, type PerfResult, type SeriesStats, type TimelinePoint } from './perf-result.js';

export interface BuildResultInput {
  readonly run: LoadRun;
  readonly settings: RunSettings;
  readonly objectives: Readonly<Record<string, OperationObjectives>>;
  /** Service URLs driven, without credentials. */
  readonly target?: PerfResult['target'];
}

/** Turns what a run recorded into its typed, JSON-serialisable result, gates evaluated. */
export function buildPerfResult(input: BuildResultInput): PerfResult {
  const { run, settings, objectives, target = {} } = input;
  const durationMs = Math.max(0, run.measureEndEpochMs - run.measureStartEpochMs);
  const seconds = durationMs / 1_000;
  const series: Record<string, SeriesStats> = {};
  const timeline = new Map<number, TimelinePoint>();
  for (const recorder of run.recorder.series.values()) {
    const { counts } = recorder;
    series[recorder.name] = {
      kind: recorder.kind,
      ...counts,
      errorsByKind: Object.fromEntries([...recorder.errorsByKind.entries()].sort(([a], [b]) => a.localeCompare(b))),
      offeredRps: recorder.kind === 'request' && seconds > 0 ? round6(counts.scheduled / seconds) : 0,
      achievedRps: recorder.kind === 'request' && seconds > 0 ? round6(counts.ok / seconds) : 0,
      latency: summarize(recorder.total),
      histogram: encodeHistogram(recorder.total),
    };
    for (const [t, second] of recorder.seconds) {
      let point = timeline.get(t);
      if (point === undefined) {
        point = { t, series: {} };
        timeline.set(t, point);
      }
      const { histogram, latency, ...secondCounts } = second;
      point.series[recorder.name] = { ...secondCounts, latency: latency ?? null, histogram: histogram ?? null };
    }
  }
  const sentTotal = run.sentTotal;
  const cpuMs = run.cpu.userMs + run.cpu.systemMs;
  const body = {
    kind: PERF_RESULT_KIND,
    schemaVersion: PERF_RESULT_SCHEMA_VERSION,
    scenario: { name: settings.scenario.name, description: settings.scenario.description, mix: settings.scenario.mix.map(({ operation, weight }) => ({ operation, weight })) },
    target,
    startedAt: new Date(run.startedEpochMs).toISOString(),
    finishedAt: new Date(run.finishedEpochMs).toISOString(),
    measure: { startEpochMs: run.measureStartEpochMs, endEpochMs: run.measureEndEpochMs, durationMs },
    windowMs: settings.windowMs,
    histogramSettings: { ...HISTOGRAM_SETTINGS },
    objectives: { ...objectives },
    series,
    timeline: [...timeline.values()].sort((a, b) => a.t - b.t),
    generators: [
      {
        host: hostname(),
        pid: process.pid,
        startedAt: new Date(run.startedEpochMs).toISOString(),
        finishedAt: new Date(run.finishedEpochMs).toISOString(),
        aborted: run.aborted,
        warmup: settings.warmup.map((s) => ({ ...s })),
        stages: settings.stages.map((s) => ({ ...s })),
        maxInFlight: settings.maxInFlight,
        lateThresholdMs: settings.lateThresholdMs,
        sentTotal,
        peakInFlight: run.peakInFlight,
        cpu: { userMs: round3(run.cpu.userMs), systemMs: round3(run.cpu.systemMs), usPerRequest: sentTotal > 0 ? round3((cpuMs * 1_000) / sentTotal) : 0 },
        sendLag: summarize(run.recorder.sendLag),
      },
    ],
  } satisfies Omit<PerfResult, 'gates' | 'pass'>;
  return withGates(body);
}

/** Evaluates the gates of a result body and sets `pass` (false too when any generator was aborted). */
export function withGates(body: Omit<PerfResult, 'gates' | 'pass'>): PerfResult {
  const gates = evaluateGates(body);
  return { ...body, gates, pass: gates.every((g) => g.pass) && !body.generators.some((g) => g.aborted) };
}

const round3 = (value: number) => Math.round(value * 1_000) / 1_000;
const round6 = (value: number) => Math.round(value * 1e6) / 1e6;
