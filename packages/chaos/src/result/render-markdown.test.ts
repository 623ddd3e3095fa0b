import { describe, expect, it } from 'vitest';
import type { ChaosRunResult, ExperimentResult } from './chaos-result.js';
import { renderChaosMarkdown } from './render-markdown.js';

const experiment: ExperimentResult = {
  name: 'vector-db-down',
  title: 'Vector DB down, then data consistency',
  description: 'd',
  expectedOutcome: 'search answers 503 JSON within 10 s',
  fault: { kind: 'stop', service: 'vectorDb' },
  faultDescription: 'stop vector-db (SIGTERM / docker stop), start it again on rollback',
  driver: 'process',
  verdict: 'fail',
  hypotheses: [
    { id: 'clean-errors', title: 'Clean errors, no hangs', verdict: 'pass', score: 1, reason: '30 requests during the fault: 30 clean-error' },
    { id: 'data-consistency', title: 'No indexed data lost or changed', verdict: 'fail', score: 0, reason: '0 of 10 pre-fault points present | lost' },
  ],
  timeline: [
    { event: 'fault-injected', at: '2026-01-01T00:00:00.000Z', sinceFaultMs: 4, detail: 'stop vector-db' },
    { event: 'first-good-query', at: '2026-01-01T00:00:07.000Z', sinceFaultMs: 7_250 },
  ],
  recovery: { rollbackMs: 1_200, timeToReadyMs: 1_500, timeToFirstGoodQueryMs: 2_250, mttrObjectiveMs: 300_000 },
  load: { requests: 40, dropped: 0, byOperation: { search: { before: { ok: 4 }, during: { 'clean-error': 30 }, after: { ok: 6 } } }, p95DuringFaultMs: { search: 12 } },
  errorBudget: { availabilityObjective: 0.99, requests: 40, failed: 30, allowedFailures: 0.4, spent: 75 },
  consistency: { manifest: { before: 10, missing: 10, changed: 0, added: 0, countBefore: 10, countAfter: 0, expectedCountAfter: 10, missingIds: [], changedIds: [] }, acknowledgedWrites: 0, lostWrites: 0, lostWritePaths: [] },
  alert: { prometheusUrl: 'http://p', expected: [{ alertname: 'ServiceDown' }], detectionMs: 3_700, pendingAfterMs: 1_000, error: null },
  probesBefore: [],
  probesAfter: [],
  error: null,
  startedAt: '2026-01-01T00:00:00.000Z',
  durationMs: 20_000,
};

const result: ChaosRunResult = {
  kind: 'chaos',
  version: 1,
  startedAt: '2026-01-01T00:00:00.000Z',
  finishedAt: '2026-01-01T00:01:00.000Z',
  target: { kind: 'embedded', urls: { rag: 'http://127.0.0.1:1', embedding: 'e', llm: 'l', vectorDb: 'v' } },
  driver: 'process',
  settings: { faultDurationMs: 10_000, baselineMs: 2_000, cleanErrorWithinMs: 10_000, loadRps: 2, mttrMs: 300_000 },
  experiments: [experiment, { ...experiment, name: 'llm-down', verdict: 'skipped', hypotheses: [], timeline: [], recovery: null, load: null, errorBudget: null, consistency: null, alert: null, error: { code: 'RV_ERR_CHAOS_NOT_ALLOWED', message: 'not allowed' } }],
  summary: { passed: 0, failed: 1, inconclusive: 0, errored: 0, skipped: 1 },
  pass: false,
};

describe('renderChaosMarkdown', () => {
  const markdown = renderChaosMarkdown(result);

  it('opens with the settings and a summary row per experiment with its recovery time', () => {
    expect(markdown).toContain('# Chaos experiments');
    expect(markdown).toContain('Each fault held 10.0 s under 2 req/s');
    expect(markdown).toContain('| vector-db-down | FAIL | 2.25 s | 1.50 s | 30/40 failed (75× the budget) | 0/10 points kept |');
    expect(markdown).toContain('| llm-down | skipped | — | — | — | — |');
  });

  it('gives each experiment its hypotheses, timeline, load and alert, escaping table pipes', () => {
    expect(markdown).toContain('## vector-db-down: Vector DB down, then data consistency — FAIL');
    expect(markdown).toContain('| No indexed data lost or changed | fail | 0.00 | 0 of 10 pre-fault points present \\| lost |');
    expect(markdown).toContain('| 7250 | first-good-query |  |');
    expect(markdown).toContain('| search | 4 ok | 30 clean-error | 6 ok | 12 ms |');
    expect(markdown).toContain('Alert ServiceDown: firing 3.70 s after the fault started');
    expect(markdown).toContain('- Skipped: `RV_ERR_CHAOS_NOT_ALLOWED` not allowed');
  });
});
