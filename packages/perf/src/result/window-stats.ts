import { decodeHistogram, newHistogram, type Histogram } from '../recorder/latency-histogram.js';
import type { TimelinePoint } from './perf-result.js';

/** The worst value of one statistic over every sliding window, and where that window is. */
export interface WorstWindow {
  readonly value: number;
  /** First and last second of the window (epoch seconds, inclusive). */
  readonly fromSec: number;
  readonly toSec: number;
}

export interface WorstWindows {
  readonly windowSec: number;
  readonly avg: WorstWindow | undefined;
  readonly p50: WorstWindow | undefined;
  readonly p95: WorstWindow | undefined;
  readonly p99: WorstWindow | undefined;
  readonly errorRate: WorstWindow | undefined;
}

/**
 * Slides a window of `windowSec` seconds over a series' timeline (seconds `fromSec` … the last
 * second with a completion) and returns the worst mean, p50, p95, p99 and error rate of any
 * window. The window's histogram is the exact sum of its seconds' histograms (added as the window
 * enters a second, subtracted as it leaves), so the result is the same for one run and for
 * several merged ones. A run shorter than the window is one window.
 */
export function worstWindows(timeline: readonly TimelinePoint[], series: string, fromSec: number, windowSec: number): WorstWindows {
  const bySecond = new Map<number, TimelinePoint['series'][string]>();
  let lastSec = fromSec;
  for (const point of timeline) {
    const entry = point.series[series];
    if (entry === undefined || point.t < fromSec) continue;
    bySecond.set(point.t, entry);
    if (entry.completed > 0 && point.t > lastSec) lastSec = point.t;
  }
  const seconds = lastSec - fromSec + 1;
  const width = Math.max(1, Math.min(windowSec, seconds));
  const running = newHistogram();
  const ring: Array<Histogram | undefined> = new Array<Histogram | undefined>(width).fill(undefined);
  const completedRing = new Array<number>(width).fill(0);
  const errorRing = new Array<number>(width).fill(0);
  let completed = 0;
  let errors = 0;
  const worst: { avg?: WorstWindow; p50?: WorstWindow; p95?: WorstWindow; p99?: WorstWindow; errorRate?: WorstWindow } = {};
  const consider = (key: keyof typeof worst, value: number, from: number, to: number) => {
    const current = worst[key];
    if (current === undefined || value > current.value) worst[key] = { value, fromSec: from, toSec: to };
  };
  for (let sec = fromSec; sec <= lastSec; sec += 1) {
    const slot = (sec - fromSec) % width;
    const leaving = ring[slot];
    if (leaving !== undefined) running.subtract(leaving);
    completed -= completedRing[slot] ?? 0;
    errors -= errorRing[slot] ?? 0;
    const entry = bySecond.get(sec);
    const histogram = entry?.histogram ? decodeHistogram(entry.histogram) : undefined;
    ring[slot] = histogram;
    completedRing[slot] = entry?.completed ?? 0;
    errorRing[slot] = entry?.errors ?? 0;
    if (histogram !== undefined) running.add(histogram);
    completed += entry?.completed ?? 0;
    errors += entry?.errors ?? 0;
    if (sec - fromSec + 1 < width) continue;
    const from = sec - width + 1;
    if (running.totalCount > 0) {
      consider('avg', running.mean / 1_000, from, sec);
      consider('p50', running.getValueAtPercentile(50) / 1_000, from, sec);
      consider('p95', running.getValueAtPercentile(95) / 1_000, from, sec);
      consider('p99', running.getValueAtPercentile(99) / 1_000, from, sec);
    }
    if (completed > 0) consider('errorRate', errors / completed, from, sec);
  }
  return { windowSec: width, avg: worst.avg, p50: worst.p50, p95: worst.p95, p99: worst.p99, errorRate: worst.errorRate };
}
