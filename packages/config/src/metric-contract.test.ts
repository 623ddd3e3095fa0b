import { describe, expect, it } from 'vitest';
import { defaultConfig } from './default-config.js';
import { contractMetricNames, LATENCY_BUCKETS_SECONDS, METRICS, OPERATION_ROUTES } from './metric-contract.js';
import { OPERATION_NAMES } from './schema/slos.js';

describe('metric contract', () => {
  it('uses valid, unique Prometheus metric names', () => {
    const names = contractMetricNames();
    for (const name of names) expect(name).toMatch(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/);
    expect(new Set(names).size).toBe(names.length);
  });

  it('gives counters a _total suffix and nothing else one (promtool check metrics rejects it)', () => {
    for (const metric of Object.values(METRICS)) expect(metric.name.endsWith('_total')).toBe(metric.type === 'counter');
  });

  it('has latency buckets at every default SLO latency threshold, so the SLIs are exact', () => {
    const slos = defaultConfig().slos;
    for (const operation of OPERATION_NAMES) {
      const { latency } = slos[operation];
      for (const ms of [latency.p50Ms, latency.p95Ms, latency.p99Ms, latency.maxMs]) {
        if (ms !== undefined) expect(LATENCY_BUCKETS_SECONDS).toContain(ms / 1000);
      }
    }
    expect([...LATENCY_BUCKETS_SECONDS]).toEqual([...LATENCY_BUCKETS_SECONDS].sort((a, b) => a - b));
  });

  it('maps every SLO operation to at least one route', () => {
    for (const operation of OPERATION_NAMES) expect(OPERATION_ROUTES[operation].routes.length).toBeGreaterThan(0);
  });
});
