import { decodeFromCompressedBase64, encodeIntoCompressedBase64, type Histogram } from 'hdr-histogram-js';
import { FastIndexHistogram } from './fast-index-histogram.js';

/**
 * Every histogram of a perf run has these settings, so histograms from any run, second or
 * machine add up exactly: values in microseconds from 1 µs to one hour, 3 significant digits
 * (a value is known to within 0.1 %).
 */
export const HISTOGRAM_SETTINGS = {
  unit: 'us',
  lowestDiscernibleValue: 1,
  highestTrackableValue: 3_600_000_000,
  significantDigits: 3,
} as const;
export type HistogramSettings = typeof HISTOGRAM_SETTINGS;

export type { Histogram };

/** A new, empty histogram with the shared settings. */
export function newHistogram(): Histogram {
  // What build({ bitBucketSize: 32, autoResize: false, useWebAssembly: false, … }) makes, with the
  // cheaper index arithmetic of the hot path.
  return new FastIndexHistogram(HISTOGRAM_SETTINGS.lowestDiscernibleValue, HISTOGRAM_SETTINGS.highestTrackableValue, HISTOGRAM_SETTINGS.significantDigits);
}

/** Records a duration given in ms (clamped to the trackable range). */
export function recordMs(histogram: Histogram, ms: number): void {
  const us = Math.round(ms * 1_000);
  histogram.recordValue(us < 0 ? 0 : us > HISTOGRAM_SETTINGS.highestTrackableValue ? HISTOGRAM_SETTINGS.highestTrackableValue : us);
}

/** The HDR V2 compressed, base64 form (the format HdrHistogram uses in every language). */
export function encodeHistogram(histogram: Histogram): string {
  return encodeIntoCompressedBase64(histogram);
}

/** Reads a histogram written by encodeHistogram (or any HdrHistogram V2 compressed base64). */
export function decodeHistogram(encoded: string): Histogram {
  return decodeFromCompressedBase64(encoded, 32, false);
}

/** True when the histogram has the shared settings (so adding it is exact). */
export function hasSharedSettings(histogram: Histogram): boolean {
  return histogram.numberOfSignificantValueDigits === HISTOGRAM_SETTINGS.significantDigits && histogram.highestTrackableValue >= HISTOGRAM_SETTINGS.highestTrackableValue;
}

/** Latency statistics in milliseconds. All zero when `count` is 0. */
export interface LatencySummary {
  readonly count: number;
  readonly minMs: number;
  readonly meanMs: number;
  readonly p50Ms: number;
  readonly p90Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  readonly p999Ms: number;
  readonly maxMs: number;
  readonly stdDevMs: number;
}

const round3 = (value: number) => Math.round(value * 1_000) / 1_000;

/** Percentile of a histogram in ms (p in 0–100). */
export function percentileMs(histogram: Histogram, p: number): number {
  return histogram.totalCount === 0 ? 0 : histogram.getValueAtPercentile(p) / 1_000;
}

/** The summary of a histogram (values in ms, 3 decimals). */
export function summarize(histogram: Histogram): LatencySummary {
  const count = histogram.totalCount;
  if (count === 0) return { count: 0, minMs: 0, meanMs: 0, p50Ms: 0, p90Ms: 0, p95Ms: 0, p99Ms: 0, p999Ms: 0, maxMs: 0, stdDevMs: 0 };
  const ms = (us: number) => round3(us / 1_000);
  return {
    count,
    // Bucket bounds rather than the raw extremes, so a merged histogram reports the same values.
    minMs: ms(histogram.getValueAtPercentile(0)),
    meanMs: ms(histogram.mean),
    p50Ms: ms(histogram.getValueAtPercentile(50)),
    p90Ms: ms(histogram.getValueAtPercentile(90)),
    p95Ms: ms(histogram.getValueAtPercentile(95)),
    p99Ms: ms(histogram.getValueAtPercentile(99)),
    p999Ms: ms(histogram.getValueAtPercentile(99.9)),
    maxMs: ms(histogram.getValueAtPercentile(100)),
    stdDevMs: ms(histogram.stdDeviation),
  };
}

/** Adds histograms into a new one (the inputs are left as they are). */
export function addHistograms(histograms: Iterable<Histogram>): Histogram {
  const sum = newHistogram();
  for (const histogram of histograms) sum.add(histogram);
  return sum;
}

/** Calls `visit(valueUs, count)` for every recorded value bucket, lowest first. */
export function forEachRecorded(histogram: Histogram, visit: (valueUs: number, count: number) => void): void {
  const iterator = (histogram as unknown as { recordedValuesIterator: RecordedValuesIterator }).recordedValuesIterator;
  iterator.reset();
  while (iterator.hasNext()) {
    const step = iterator.next();
    visit(step.valueIteratedTo, step.countAtValueIteratedTo);
  }
}

interface RecordedValuesIterator {
  reset(): void;
  hasNext(): boolean;
  next(): { valueIteratedTo: number; countAtValueIteratedTo: number };
}

/** One band of a latency distribution: calls whose latency is in (fromMs, toMs]. */
export interface DistributionBand {
  readonly fromMs: number;
  readonly toMs: number;
  readonly count: number;
}

/** Counts per band, with bands equally wide on a log scale from the minimum to the maximum. */
export function distribution(histogram: Histogram, bands = 40): DistributionBand[] {
  if (histogram.totalCount === 0) return [];
  const min = Math.max(1, histogram.minNonZeroValue);
  const max = Math.max(min * 1.01, histogram.maxValue);
  const logMin = Math.log(min) - 1e-9;
  const step = (Math.log(max) + 1e-9 - logMin) / bands;
  const counts = new Array<number>(bands).fill(0);
  forEachRecorded(histogram, (valueUs, count) => {
    const index = Math.min(bands - 1, Math.max(0, Math.floor((Math.log(Math.max(1, valueUs)) - logMin) / step)));
    counts[index] = (counts[index] ?? 0) + count;
  });
  return counts.map((count, i) => ({ fromMs: Math.exp(logMin + step * i) / 1_000, toMs: Math.exp(logMin + step * (i + 1)) / 1_000, count }));
}
