import { PerfMergeError } from '../errors.js';
import { secondLatency } from '../recorder/load-recorder.js';
import { decodeHistogram, encodeHistogram, newHistogram, summarize } from '../recorder/latency-histogram.js';
import { withGates } from './build-result.js';
import type { PerfResult, SeriesSecond, SeriesStats, TimelinePoint } from './perf-result.js';

/**
 * Merges the results of several generators (machines or processes that ran the same scenario
 * at the same time) into one, as if one generator had sent all their load: counts add up,
 * histograms add exactly (HdrHistogram buckets), so every percentile and window is the one a
 * single run of all the samples would give; offered and achieved rates add up (the generators
 * ran side by side). The measured part spans the earliest start to the latest end. Throws
 * PerfMergeError when the runs cannot be combined.
 */
export function mergePerfResults(results: readonly PerfResult[]): PerfResult {
  const first = results[0];
  if (first === undefined) throw new PerfMergeError('no results given');
  for (const other of results.slice(1)) {
    if (JSON.stringify(other.histogramSettings) !== JSON.stringify(first.histogramSettings)) throw new PerfMergeError('their histogram settings differ, so their histograms do not add up exactly');
    if (other.scenario.name !== first.scenario.name) throw new PerfMergeError(`they ran different scenarios (${first.scenario.name}, ${other.scenario.name})`);
    if (JSON.stringify(other.objectives) !== JSON.stringify(first.objectives)) throw new PerfMergeError('they were gated on different objectives (SLOs or rates differ); merge runs made with the same config');
    if (other.windowMs !== first.windowMs) throw new PerfMergeError(`their window sizes differ (${first.windowMs} ms, ${other.windowMs} ms)`);
  }
  const startEpochMs = Math.min(...results.map((r) => r.measure.startEpochMs));
  const endEpochMs = Math.max(...results.map((r) => r.measure.endEpochMs));

  const series: Record<string, SeriesStats> = {};
  const names = [...new Set(results.flatMap((r) => Object.keys(r.series)))];
  for (const name of names) {
    const parts = results.map((r) => r.series[name]).filter((s): s is SeriesStats => s !== undefined);
    const histogram = newHistogram();
    for (const part of parts) histogram.add(decodeHistogram(part.histogram));
    const sum = (key: 'scheduled' | 'sent' | 'dropped' | 'late' | 'completed' | 'ok' | 'errors') => parts.reduce((total, part) => total + part[key], 0);
    const errorsByKind: Record<string, number> = {};
    for (const part of parts) for (const [kind, n] of Object.entries(part.errorsByKind)) errorsByKind[kind] = (errorsByKind[kind] ?? 0) + n;
    const kind = parts[0]?.kind ?? 'request';
    series[name] = {
      kind,
      scheduled: sum('scheduled'),
      sent: sum('sent'),
      dropped: sum('dropped'),
      late: sum('late'),
      completed: sum('completed'),
      ok: sum('ok'),
      errors: sum('errors'),
      errorsByKind: Object.fromEntries(Object.entries(errorsByKind).sort(([a], [b]) => a.localeCompare(b))),
      // The generators ran side by side, so their rates add up (a window spanning their slightly
      // different start times would understate the rate they offered together).
      offeredRps: kind === 'request' ? round6(parts.reduce((total, part) => total + part.offeredRps, 0)) : 0,
      achievedRps: kind === 'request' ? round6(parts.reduce((total, part) => total + part.achievedRps, 0)) : 0,
      latency: summarize(histogram),
      histogram: encodeHistogram(histogram),
    };
  }

  const timeline = new Map<number, Map<string, SeriesSecond[]>>();
  for (const result of results) {
    for (const point of result.timeline) {
      let entries = timeline.get(point.t);
      if (entries === undefined) {
        entries = new Map();
        timeline.set(point.t, entries);
      }
      for (const [name, second] of Object.entries(point.series)) entries.set(name, [...(entries.get(name) ?? []), second]);
    }
  }
  const mergedTimeline: TimelinePoint[] = [...timeline.entries()]
    .sort(([a], [b]) => a - b)
    .map(([t, entries]) => ({ t, series: Object.fromEntries([...entries.entries()].map(([name, parts]) => [name, mergeSeconds(parts)])) }));

  return withGates({
    ...first,
    target: first.target,
    startedAt: results.map((r) => r.startedAt).sort()[0] ?? first.startedAt,
    finishedAt: results.map((r) => r.finishedAt).sort().at(-1) ?? first.finishedAt,
    measure: { startEpochMs, endEpochMs, durationMs: endEpochMs - startEpochMs },
    series,
    timeline: mergedTimeline,
    generators: results.flatMap((r) => r.generators),
  });
}

function mergeSeconds(parts: readonly SeriesSecond[]): SeriesSecond {
  if (parts.length === 1 && parts[0] !== undefined) return parts[0];
  const sum = (key: 'scheduled' | 'sent' | 'dropped' | 'late' | 'completed' | 'ok' | 'errors') => parts.reduce((total, part) => total + part[key], 0);
  const encoded = parts.map((p) => p.histogram).filter((h): h is string => h !== null);
  let histogram: string | null = null;
  let latency: SeriesSecond['latency'] = null;
  if (encoded.length > 0) {
    const merged = newHistogram();
    for (const text of encoded) merged.add(decodeHistogram(text));
    histogram = encodeHistogram(merged);
    latency = secondLatency(merged);
  }
  return {
    scheduled: sum('scheduled'),
    sent: sum('sent'),
    dropped: sum('dropped'),
    late: sum('late'),
    completed: sum('completed'),
    ok: sum('ok'),
    errors: sum('errors'),
    latency,
    histogram,
  };
}

const round6 = (value: number) => Math.round(value * 1e6) / 1e6;
