import { resolveConfig } from '@rag-validate/config';
import { describe, expect, it } from 'vitest';
import { selectExperiments } from '../experiments/shipped-experiments.js';
import { errorBudget, judge, overall } from './judge-experiment.js';
import type { RequestRecord } from './request-outcome.js';

const { slos } = resolveConfig({}, { env: {} });
const during = (operation: RequestRecord['operation'], outcome: RequestRecord['outcome']): RequestRecord => ({ operation, outcome, startedAt: 1_500, durationMs: 20 });
const ctx = { slos, dataConsistency: 1, timing: { mttrMs: 300_000 } };
const pass = { pass: true, score: 1, reason: 'ok' };

describe('judge', () => {
  it('llm-down: search must stay available and generation must fail cleanly', () => {
    const [llmDown] = selectExperiments(['llm-down']);
    const records = [during('search', 'ok'), during('generate', 'clean-error')];
    const verdicts = judge(llmDown!, ctx, { before: pass, during: records, afterFault: records, probesAfter: [], recoveryMs: 900, consistency: null, alert: undefined, faultStartAt: 1_000, rolledBackAt: 2_000 });
    expect(verdicts.map((v) => [v.id, v.verdict])).toEqual([
      ['steady-state-before', 'pass'],
      ['clean-errors', 'pass'],
      ['no-silent-degradation', 'pass'],
      ['stays-available', 'pass'],
      ['fault-observed', 'pass'],
      ['recovery-time', 'pass'],
      ['steady-state-after', 'pass'],
      ['alert-detected', 'skipped'],
    ]);
    expect(overall(verdicts)).toBe('pass');
  });

  it('a clean error on search while only the LLM is down fails the experiment', () => {
    const [llmDown] = selectExperiments(['llm-down']);
    const records = [during('search', 'clean-error'), during('generate', 'clean-error')];
    const verdicts = judge(llmDown!, ctx, { before: pass, during: records, afterFault: records, probesAfter: [], recoveryMs: 900, consistency: null, alert: undefined, faultStartAt: 1_000, rolledBackAt: 2_000 });
    expect(verdicts.find((v) => v.id === 'stays-available')?.verdict).toBe('fail');
    expect(overall(verdicts)).toBe('fail');
  });

  it('vector-db-down judges the manifest; rag-server-crash also the acknowledged writes', () => {
    const [vectorDbDown, ragCrash] = selectExperiments(['vector-db-down', 'rag-server-crash']);
    const consistency = {
      comparison: { before: 10, missing: 2, changed: 0, added: 0, countBefore: 10, countAfter: 8, expectedCountAfter: 10, missingIds: ['a', 'b'], changedIds: [] },
      result: { manifest: null, acknowledgedWrites: 12, lostWrites: 1, lostWritePaths: ['x.py'] },
    };
    const seen = { before: pass, during: [during('index', 'connection-error')], afterFault: [], probesAfter: [], recoveryMs: 500, consistency, alert: undefined, faultStartAt: 1_000, rolledBackAt: 2_000 };
    expect(judge(vectorDbDown!, ctx, seen).find((v) => v.id === 'data-consistency')).toMatchObject({ verdict: 'fail', score: 0.8 });
    const crash = judge(ragCrash!, ctx, seen);
    expect(crash.find((v) => v.id === 'clean-errors')?.verdict).toBe('pass');
    expect(crash.find((v) => v.id === 'durable-writes')).toMatchObject({ verdict: 'fail', reason: expect.stringContaining('acknowledged then lost') });
  });

  it('overall: fail beats inconclusive beats pass; skipped does not count', () => {
    const h = (verdict: 'pass' | 'fail' | 'inconclusive' | 'skipped') => ({ id: 'clean-errors' as const, title: '', verdict, score: 0, reason: '' });
    expect(overall([h('pass'), h('inconclusive'), h('fail')])).toBe('fail');
    expect(overall([h('pass'), h('inconclusive'), h('skipped')])).toBe('inconclusive');
    expect(overall([h('pass'), h('skipped')])).toBe('pass');
    expect(overall([h('skipped')])).toBe('skipped');
  });
});

describe('errorBudget', () => {
  it('compares failures with what the strictest availability objective of the loaded operations allows', () => {
    const records = [...Array.from({ length: 198 }, () => during('search', 'ok')), during('search', 'clean-error'), during('generate', 'hang')];
    expect(errorBudget(records, slos, ['search', 'generate'])).toEqual({ availabilityObjective: 0.99, requests: 200, failed: 2, allowedFailures: 2, spent: 1 });
  });
});
