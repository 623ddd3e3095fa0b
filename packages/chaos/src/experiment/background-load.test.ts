import { describe, expect, it } from 'vitest';
import { fixedRateLoad } from './background-load.js';
import type { LoadOperation, RequestRecord } from './request-outcome.js';

function until(condition: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const poll = () => (condition() ? resolve() : setTimeout(poll, 5));
    poll();
  });
}

describe('fixedRateLoad (open model)', () => {
  it('keeps sending while earlier calls hang, alternating the operations', async () => {
    const started: Array<[LoadOperation, number]> = [];
    const release: Array<() => void> = [];
    const load = fixedRateLoad({
      rps: 50,
      operations: ['search', 'generate'],
      execute: (operation, seq) =>
        new Promise<RequestRecord>((resolve) => {
          started.push([operation, seq]);
          release.push(() => resolve({ operation, startedAt: Date.now(), durationMs: 1, outcome: 'ok' }));
        }),
    });
    // No call has finished, yet sends go on: a closed-loop load would stop at the first one.
    await until(() => started.length >= 6);
    for (const r of release) r();
    const stopping = load.stop();
    for (const r of release) r();
    await stopping;
    expect(started.slice(0, 4)).toEqual([
      ['search', 0],
      ['generate', 0],
      ['search', 1],
      ['generate', 1],
    ]);
    expect(load.records.length).toBeGreaterThanOrEqual(6);
  });

  it('drops sends once maxInFlight calls are open, and counts them', async () => {
    const load = fixedRateLoad({ rps: 100, operations: ['search'], maxInFlight: 2, execute: () => new Promise<RequestRecord>(() => undefined) });
    await until(() => load.dropped >= 3);
    // The two open calls never finish: stop must not wait for them forever in this test, so only check the counter.
    expect(load.dropped).toBeGreaterThanOrEqual(3);
    void load.stop();
  });

  it('rejects a non-positive rate and an empty operation list', () => {
    const execute = () => Promise.resolve({ operation: 'search' as const, startedAt: 0, durationMs: 0, outcome: 'ok' as const });
    expect(() => fixedRateLoad({ rps: 0, operations: ['search'], execute })).toThrow(expect.objectContaining({ code: 'RV_ERR_CHAOS_INVALID_OPTION' }));
    expect(() => fixedRateLoad({ rps: 1, operations: [], execute })).toThrow(expect.objectContaining({ code: 'RV_ERR_CHAOS_INVALID_OPTION' }));
  });
});
