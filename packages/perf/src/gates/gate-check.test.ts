import { describe, expect, it } from 'vitest';
import { checkThreshold, formatValue } from './gate-check.js';

describe('checkThreshold', () => {
  const p95 = { label: 'search latency-p95', unit: 'ms', bound: 'upper', threshold: 5_000, source: 'slos.search.latency.p95Ms' } as const;

  it('passes an upper bound that is met, with score 1 and a reason naming gate, value and source', () => {
    expect(checkThreshold({ ...p95, measured: 12.345 })).toEqual({
      pass: true,
      score: 1,
      reason: 'search latency-p95 = 12.3 ms ≤ 5000 ms (slos.search.latency.p95Ms)',
    });
  });

  it('fails an upper bound that is exceeded, scoring how close it came', () => {
    const outcome = checkThreshold({ ...p95, measured: 6_250 });
    expect(outcome.pass).toBe(false);
    expect(outcome.score).toBeCloseTo(0.8, 10);
    expect(outcome.reason).toBe('search latency-p95 = 6250 ms > 5000 ms (slos.search.latency.p95Ms): FAILED');
  });

  it('treats the threshold itself as passing', () => {
    expect(checkThreshold({ ...p95, measured: 5_000 }).pass).toBe(true);
    expect(checkThreshold({ label: 'x throughput', unit: 'rps', bound: 'lower', threshold: 99, measured: 99, source: 's' }).pass).toBe(true);
  });

  it('fails a lower bound that is not reached', () => {
    const outcome = checkThreshold({ label: 'search throughput', unit: 'rps', bound: 'lower', threshold: 99, measured: 49.5, source: 'slos.search.throughput.rps' });
    expect(outcome).toEqual({ pass: false, score: 0.5, reason: 'search throughput = 49.50 rps < 99.00 rps (slos.search.throughput.rps): FAILED' });
  });

  it('fails a gate with nothing measured, saying why, instead of throwing', () => {
    const outcome = checkThreshold({ ...p95, measured: undefined, unmeasuredBecause: 'no search call completed' });
    expect(outcome).toEqual({ pass: false, score: 0, reason: 'search latency-p95 not measured: no search call completed; required ≤ 5000 ms (slos.search.latency.p95Ms)' });
  });

  it('scores a zero threshold (dropped sends) between 0 and 1', () => {
    const outcome = checkThreshold({ label: 'search dropped', unit: 'count', bound: 'upper', threshold: 0, measured: 3, source: 'perf.maxInFlight' });
    expect(outcome.pass).toBe(false);
    expect(outcome.score).toBe(0.25);
    expect(outcome.reason).toBe('search dropped = 3 > 0 (perf.maxInFlight): FAILED');
  });

  it('is pure: the same inputs give the same outcome', () => {
    const input = { ...p95, measured: 7_000, context: 'in the worst 10 s window' };
    expect(checkThreshold(input)).toEqual(checkThreshold({ ...input }));
  });

  it('formats every unit', () => {
    expect([formatValue(0.0235, 'ratio'), formatValue(0, 'ratio'), formatValue(3, 'count'), formatValue(1_440.4, 'per-day'), formatValue(1.234, 'ms')]).toEqual([
      '2.35 %',
      '0 %',
      '3',
      '1,440 /day',
      '1.23 ms',
    ]);
  });
});
