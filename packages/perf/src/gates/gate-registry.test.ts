import { describe, expect, it } from 'vitest';
import type { OperationObjectives } from '../result/perf-result.js';
import { GATE_IDS, GATES } from './gate-registry.js';

const objectives = (latency: OperationObjectives['latency'], perDay?: number): OperationObjectives => ({
  slo: 'search',
  latency,
  availability: 0.99,
  requiredRps: 99,
  requiredRpsSource: 'test',
  ...(perDay === undefined ? {} : { perDay }),
});

describe('gate registry', () => {
  it('defines every gate id exactly once, each with a title, description, unit, bound and source', () => {
    expect(GATES.map((g) => g.id).sort()).toEqual([...GATE_IDS].sort());
    for (const gate of GATES) {
      expect(gate.title.length, gate.id).toBeGreaterThan(3);
      expect(gate.description.length, gate.id).toBeGreaterThan(30);
      expect(['ms', 'ratio', 'rps', 'count', 'per-day']).toContain(gate.unit);
      expect(['upper', 'lower']).toContain(gate.bound);
      expect(gate.source.length, gate.id).toBeGreaterThan(0);
      expect(gate.id.startsWith('window-'), gate.id).toBe(gate.scope === 'window');
    }
  });

  it('gives every window gate a whole-run counterpart with the same threshold', () => {
    const full = objectives({ avgMs: 1, p50Ms: 2, p95Ms: 3, p99Ms: 4, maxMs: 5 });
    for (const gate of GATES.filter((g) => g.scope === 'window')) {
      const twin = GATES.find((g) => g.id === gate.id.replace(/^window-/, ''));
      expect(twin, gate.id).toBeDefined();
      expect(gate.threshold(full)).toBe(twin?.threshold(full));
    }
  });

  it('derives thresholds from the SLO and skips gates the SLO does not ask for', () => {
    const applies = (o: OperationObjectives) => GATES.filter((g) => g.threshold(o) !== undefined).map((g) => g.id);
    expect(applies(objectives({ avgMs: 3_000, p95Ms: 5_000 }))).toEqual([
      'latency-avg',
      'latency-p95',
      'error-rate',
      'throughput',
      'dropped',
      'window-latency-avg',
      'window-latency-p95',
      'window-error-rate',
    ]);
    expect(applies(objectives({ maxMs: 60_000 }, 1_000))).toEqual(['latency-max', 'error-rate', 'throughput', 'throughput-per-day', 'dropped', 'window-error-rate']);
    expect(GATES.find((g) => g.id === 'error-rate')?.threshold(objectives({ avgMs: 1 }))).toBe(0.01);
  });
});
