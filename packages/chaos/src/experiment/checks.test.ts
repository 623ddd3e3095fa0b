import { describe, expect, it } from 'vitest';
import * as checks from './checks.js';
import { CHAOS_CHECKS } from './checks.js';
import type { RequestRecord } from './request-outcome.js';

const at = 1_000;
function record(operation: RequestRecord['operation'], outcome: RequestRecord['outcome'], durationMs = 10, detail?: string): RequestRecord {
  return { operation, outcome, startedAt: at, durationMs, ...(detail ? { detail } : {}) };
}

describe('check registry', () => {
  it('documents every hypothesis with a title and a description', () => {
    for (const [id, meta] of Object.entries(CHAOS_CHECKS)) {
      expect(meta.title.length, id).toBeGreaterThan(5);
      expect(meta.description.length, id).toBeGreaterThan(20);
    }
  });

  it('checks are pure: they never throw on empty input and always give a score in 0..1', () => {
    const results = [
      checks.checkCleanErrors([], { allowConnectionErrors: false }),
      checks.checkNoSilentDegradation([]),
      checks.checkStaysAvailable([], ['search']),
      checks.checkFaultObserved([], ['search'], { allowConnectionErrors: false }),
      checks.checkLatencyObjective([], 'generate', 100),
      checks.checkRecoveryTime(undefined, 100),
      checks.checkSteadyState([]),
      checks.checkDataConsistency({ before: 0, missing: 0, changed: 0, countBefore: 0, countAfter: 0, expectedCountAfter: 0 }, 1),
      checks.checkDurableWrites(0, 0, 1),
      checks.checkAlertDetected({ names: ['ServiceDown'], firstFiringAt: undefined }, 0, 1),
    ];
    for (const result of results) {
      expect(result.score).toBeGreaterThanOrEqual(0);
      expect(result.score).toBeLessThanOrEqual(1);
      expect(result.reason.length).toBeGreaterThan(0);
    }
  });
});

describe('checkCleanErrors', () => {
  it('passes when every request succeeded or failed cleanly', () => {
    expect(checks.checkCleanErrors([record('search', 'ok'), record('search', 'clean-error')], { allowConnectionErrors: false })).toMatchObject({ pass: true, score: 1 });
  });

  it('fails on a hang and names it', () => {
    const result = checks.checkCleanErrors([record('search', 'clean-error'), record('search', 'hang', 15_000, 'no answer within 15000 ms')], { allowConnectionErrors: false });
    expect(result).toMatchObject({ pass: false, score: 0.5 });
    expect(result.reason).toContain('1 hang');
    expect(result.reason).toContain('no answer within 15000 ms');
  });

  it('counts connection errors as clean only when the called service itself is down', () => {
    const records = [record('index', 'connection-error')];
    expect(checks.checkCleanErrors(records, { allowConnectionErrors: false }).pass).toBe(false);
    expect(checks.checkCleanErrors(records, { allowConnectionErrors: true }).pass).toBe(true);
  });

  it('is inconclusive when nothing ran during the fault', () => {
    expect(checks.checkCleanErrors([], { allowConnectionErrors: false })).toMatchObject({ pass: false, inconclusive: true });
  });
});

describe('checkNoSilentDegradation / checkStaysAvailable / checkFaultObserved', () => {
  it('a single degraded 200 fails the degradation check', () => {
    expect(checks.checkNoSilentDegradation([record('search', 'ok'), record('search', 'degraded', 5, '200 with no results')])).toMatchObject({ pass: false, score: 0.5 });
  });

  it('search must keep succeeding while only the LLM is down', () => {
    const records = [record('search', 'ok'), record('generate', 'clean-error')];
    expect(checks.checkStaysAvailable(records, ['search']).pass).toBe(true);
    expect(checks.checkStaysAvailable([...records, record('search', 'clean-error')], ['search'])).toMatchObject({ pass: false });
  });

  it('a fault nobody noticed is inconclusive, not a pass', () => {
    const result = checks.checkFaultObserved([record('search', 'ok')], ['search'], { allowConnectionErrors: false });
    expect(result).toMatchObject({ pass: false, inconclusive: true });
    expect(checks.checkFaultObserved([record('search', 'clean-error')], ['search'], { allowConnectionErrors: false }).pass).toBe(true);
  });
});

describe('checkLatencyObjective, checkRecoveryTime, checkDataConsistency, checkDurableWrites, checkAlertDetected', () => {
  it('compares the p95 during the fault with the objective', () => {
    const records = Array.from({ length: 20 }, (_, i) => record('generate', 'ok', 100 + i * 10));
    expect(checks.checkLatencyObjective(records, 'generate', 400)).toMatchObject({ pass: true });
    expect(checks.checkLatencyObjective(records, 'generate', 200)).toMatchObject({ pass: false });
  });

  it('recovery within the MTTR objective passes; none at all fails', () => {
    expect(checks.checkRecoveryTime(1_200, 300_000)).toMatchObject({ pass: true, score: 1 });
    expect(checks.checkRecoveryTime(400_000, 300_000).pass).toBe(false);
    expect(checks.checkRecoveryTime(undefined, 300_000).pass).toBe(false);
  });

  it('one lost point fails consistency at the default objective of 1', () => {
    expect(checks.checkDataConsistency({ before: 10, missing: 0, changed: 0, countBefore: 10, countAfter: 10, expectedCountAfter: 10 }, 1).pass).toBe(true);
    expect(checks.checkDataConsistency({ before: 10, missing: 1, changed: 0, countBefore: 10, countAfter: 9, expectedCountAfter: 10 }, 1)).toMatchObject({ pass: false, score: 0.9 });
    expect(checks.checkDataConsistency({ before: 10, missing: 10, changed: 0, countBefore: 10, countAfter: 0, expectedCountAfter: 10 }, 1)).toMatchObject({ pass: false, score: 0 });
    expect(checks.checkDataConsistency({ before: 10, missing: 0, changed: 0, countBefore: 10, countAfter: 11, expectedCountAfter: 10 }, 1).pass).toBe(false);
  });

  it('an acknowledged-then-lost write fails durability', () => {
    expect(checks.checkDurableWrites(20, 0, 1).pass).toBe(true);
    expect(checks.checkDurableWrites(20, 1, 1)).toMatchObject({ pass: false, score: 0.95 });
  });

  it('an alert firing before the rollback passes and records the detection time', () => {
    expect(checks.checkAlertDetected({ names: ['ServiceDown'], firstFiringAt: 4_000 }, 1_000, 8_000)).toMatchObject({ pass: true, reason: expect.stringContaining('3000 ms') });
    expect(checks.checkAlertDetected({ names: ['ServiceDown'], firstFiringAt: 9_000 }, 1_000, 8_000).pass).toBe(false);
  });

  it('percentile uses the nearest rank', () => {
    expect(checks.percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.95)).toBe(10);
    expect(checks.percentile([5], 0.5)).toBe(5);
    expect(checks.percentile([], 0.95)).toBe(0);
  });
});
