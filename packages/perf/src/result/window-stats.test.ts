import { describe, expect, it } from 'vitest';
import { newHistogram, recordMs } from '../recorder/latency-histogram.js';
import { getScenario } from '../scenarios/builtin-scenarios.js';
import { syntheticRun, syntheticSettings, type SyntheticCall } from '../testing/synthetic-run.js';
import { VIRTUAL_EPOCH_MS } from '../testing/virtual-clock.js';
import { buildPerfResult } from './build-result.js';
import { worstWindows } from './window-stats.js';

describe('worstWindows', () => {
  // 30 s at 10 calls/s of 10 ms, except second 12 where every call takes 1 s; second 20 fails.
  const calls: SyntheticCall[] = [];
  for (let i = 0; i < 300; i += 1) {
    const second = Math.floor(i / 10);
    calls.push({ series: 'search', atMs: i * 100, latencyMs: second === 12 ? 1_000 : 10, ok: second !== 20 });
  }
  const result = buildPerfResult({ run: syntheticRun(calls, { durationMs: 30_000 }), settings: syntheticSettings(getScenario('search'), 10, 30_000), objectives: {} });
  const from = VIRTUAL_EPOCH_MS / 1_000;

  it('finds the window that holds the slow stretch, with the exact statistics of its calls', () => {
    const worst = worstWindows(result.timeline, 'search', from, 10);
    expect(worst.windowSec).toBe(10);
    // The window's calls are the ones that *finished* in it: independent oracle histogram.
    const window = worst.p95;
    expect(window).toBeDefined();
    const oracle = newHistogram();
    for (const call of calls) {
      const done = Math.floor((VIRTUAL_EPOCH_MS + call.atMs + call.latencyMs) / 1_000);
      if (done >= (window?.fromSec ?? 0) && done <= (window?.toSec ?? 0)) recordMs(oracle, call.latencyMs);
    }
    expect(window?.value).toBe(oracle.getValueAtPercentile(95) / 1_000);
    expect(window?.value).toBeGreaterThan(900);
    expect(worst.avg?.value).toBeGreaterThan(90);
    // The run as a whole hides the stretch in its p95 (10 slow calls of 300).
    expect(result.series['search']?.latency.p95Ms).toBeLessThan(20);
  });

  it('finds the window with the most errors', () => {
    const worst = worstWindows(result.timeline, 'search', from, 10);
    expect(worst.errorRate?.value).toBeCloseTo(0.1, 10);
  });

  it('uses the whole run as one window when the run is shorter than the window', () => {
    const worst = worstWindows(result.timeline, 'search', from, 600);
    expect(worst.windowSec).toBe(30);
    expect(worst.p99?.value).toBe(result.series['search']?.latency.p99Ms);
  });
});
