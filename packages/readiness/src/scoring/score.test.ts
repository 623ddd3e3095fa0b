import { describe, expect, it } from 'vitest';
import type { CheckStatus, Severity } from '../model/check-types.js';
import type { CheckResult } from '../model/readiness-result.js';
import { categorySummaries, countStatuses, scoreOf, verdictOf } from './score.js';

let n = 0;
function result(severity: Severity, status: CheckStatus, category: CheckResult['category'] = 'health'): CheckResult {
  n += 1;
  const score = status === 'pass' ? 1 : status === 'warn' ? 0.5 : 0;
  return { id: `health.c${n}`, category, severity, title: 't', howToFix: 'f', status, pass: status === 'pass' || status === 'warn', score, reason: 'r', evidence: [] };
}

describe('verdictOf', () => {
  it('is not-ready when any critical check fails, whatever else passed', () => {
    expect(verdictOf([result('critical', 'fail'), ...Array.from({ length: 20 }, () => result('high', 'pass'))])).toBe('not-ready');
  });

  it('is ready-with-warnings for non-critical failures, warnings and unknown evidence', () => {
    expect(verdictOf([result('critical', 'pass'), result('high', 'fail')])).toBe('ready-with-warnings');
    expect(verdictOf([result('critical', 'pass'), result('low', 'warn')])).toBe('ready-with-warnings');
    expect(verdictOf([result('critical', 'unknown')])).toBe('ready-with-warnings');
  });

  it('is ready when everything applicable passed', () => {
    expect(verdictOf([result('critical', 'pass'), result('low', 'skip')])).toBe('ready');
  });
});

describe('scoreOf', () => {
  it('weighs by severity (10/5/3/1), counts warn as half and unknown as nothing, leaves skip out', () => {
    // earned: critical pass 10 + high warn 2.5 + medium fail 0 + low unknown 0 = 12.5 of 19
    const score = scoreOf([result('critical', 'pass'), result('high', 'warn'), result('medium', 'fail'), result('low', 'unknown'), result('critical', 'skip')]);
    expect(score.score).toBe(Math.round((12.5 / 19) * 1000) / 10);
    expect(score.coverage).toBe(Math.round((18 / 19) * 1000) / 1000);
  });

  it('is 100 with full coverage when nothing applies', () => {
    expect(scoreOf([result('high', 'skip')])).toEqual({ score: 100, coverage: 1 });
  });
});

describe('summaries', () => {
  it('counts statuses and scores each category that has checks', () => {
    const results = [result('high', 'pass', 'security'), result('high', 'fail', 'security'), result('low', 'skip', 'api-docs')];
    expect(countStatuses(results)).toEqual({ pass: 1, warn: 0, fail: 1, unknown: 0, skip: 1 });
    expect(categorySummaries(results)).toEqual([
      { category: 'api-docs', counts: { pass: 0, warn: 0, fail: 0, unknown: 0, skip: 1 }, score: null },
      { category: 'security', counts: { pass: 1, warn: 0, fail: 1, unknown: 0, skip: 0 }, score: 50 },
    ]);
  });
});
