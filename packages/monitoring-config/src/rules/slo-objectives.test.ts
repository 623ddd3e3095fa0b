import { defaultConfig, resolveConfig } from '@rag-validate/config';
import { describe, expect, it } from 'vitest';
import { SloThresholdError } from '../errors.js';
import { sloObjectives } from './slo-objectives.js';

describe('sloObjectives', () => {
  it("turns the seed's SLOs into availability and latency objectives", () => {
    const summary = sloObjectives(defaultConfig().slos).map((o) => [o.operation, o.slo, o.objective, o.errorBudget, o.thresholdSeconds]);
    expect(summary).toEqual([
      ['search', 'availability', 0.99, 0.01, undefined],
      ['search', 'latency-p95', 0.95, 0.05, 5],
      ['generate', 'availability', 0.99, 0.01, undefined],
      ['generate', 'latency-p95', 0.95, 0.05, 60],
      ['index', 'availability', 0.99, 0.01, undefined],
      // "one file indexed < 60 s": a request slower than that is bad, held to the 99 % availability objective
      ['index', 'latency-max', 0.99, 0.01, 60],
      ['health', 'availability', 0.99, 0.01, undefined],
    ]);
  });

  it('adds p50/p99 objectives and follows a changed availability', () => {
    const config = resolveConfig({ slos: { search: { availability: 0.999, latency: { p50Ms: 1000, p99Ms: 10_000 } } } }, { env: {} });
    const search = sloObjectives(config.slos).filter((o) => o.operation === 'search');
    expect(search.map((o) => [o.slo, o.objective, o.errorBudget, o.thresholdSeconds])).toEqual([
      ['availability', 0.999, 0.001, undefined],
      ['latency-p50', 0.5, 0.5, 1],
      ['latency-p95', 0.95, 0.05, 5],
      ['latency-p99', 0.99, 0.01, 10],
    ]);
    expect(search[3]?.description).toBe('99 % of search requests finish within 10 s');
  });

  it('rejects a latency threshold that is not a histogram bucket bound, with the path and the choices', () => {
    const config = resolveConfig({ slos: { search: { latency: { p95Ms: 4000 } } } }, { env: {} });
    expect(() => sloObjectives(config.slos)).toThrow(SloThresholdError);
    expect(() => sloObjectives(config.slos)).toThrow(/slos\.search\.latency\.p95Ms = 4000 ms .* 3000, 5000, 10000/);
  });

  it('rejects the largest bucket bound: nothing above it could count as slow', () => {
    const config = resolveConfig({ slos: { generate: { latency: { p99Ms: 120_000 } } } }, { env: {} });
    expect(() => sloObjectives(config.slos)).toThrow(/slos\.generate\.latency\.p99Ms = 120000 ms/);
  });
});
