import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ChaosRunResult } from '@rag-validate/chaos';
import type { E2eResult } from '@rag-validate/e2e';
import type { PerfResult } from '@rag-validate/perf';
import type { ReadinessResult } from '@rag-validate/readiness';
import { describe, expect, it } from 'vitest';
import { loadResults } from '../results/load-results.js';
import type { RunSummary } from '../results/run-summary.js';
import { copyOfResults, readResultJson, realResults } from '../testing/results-copy.js';
import { areaVerdicts } from './area-verdicts.js';

describe('areaVerdicts', () => {
  it('without run.json takes each verdict from its result file', async () => {
    const verdict = areaVerdicts(await loadResults(realResults().resultsDir));
    const e2e = await readResultJson<E2eResult>('e2e.json');
    const perf = [await readResultJson<PerfResult>('perf-generate.json'), await readResultJson<PerfResult>('perf-search.json')];
    const chaos = await readResultJson<ChaosRunResult>('chaos.json');
    const readiness = await readResultJson<ReadinessResult>('readiness.json');
    const expected = {
      health: 'pass',
      e2e: e2e.status,
      perf: perf.every((p) => p.pass) ? 'pass' : 'fail',
      chaos: chaos.pass ? 'pass' : 'fail',
      readiness: readiness.verdict === 'not-ready' ? 'fail' : 'pass',
    };
    expect(Object.fromEntries(verdict.areas.map((a) => [a.area, a.status]))).toEqual(expected);
    expect(verdict.areas.every((a) => a.source === 'result file')).toBe(true);
    // The global setup makes e2e (precision gate) and perf (generate p95 of 5 ms) fail for real.
    expect(verdict.status).toBe('fail');
    expect(verdict.areas.find((a) => a.area === 'perf')?.summary).toMatch(/^generate FAIL \(\d+\.\d ok\/s, p95 [\d.]+ ms\); search (PASS|FAIL)/);
    expect(verdict.areas.find((a) => a.area === 'readiness')?.summary).toContain(`score ${readiness.score}/100`);
  });

  it('prefers run.json, except for an area whose file is unreadable; an area that did not run has no results', async () => {
    const { dir, resultsDir } = await copyOfResults();
    try {
      const run: RunSummary = {
        kind: 'run',
        version: 1,
        status: 'pass',
        startedAt: '2026-01-01T00:00:00.000Z',
        durationMs: 1_000,
        target: { mode: 'embedded' },
        phases: [
          { phase: 'health', status: 'pass', summary: 'from run.json', durationMs: 10, files: [] },
          { phase: 'chaos', status: 'skip', summary: 'external target: chaos needs chaos.allowExternalTarget', durationMs: 0, files: [] },
          { phase: 'e2e', status: 'pass', summary: 'said pass', durationMs: 5, files: [] },
        ],
      };
      await writeFile(join(resultsDir, 'run.json'), JSON.stringify(run));
      await writeFile(join(resultsDir, 'e2e.json'), 'garbage');
      await rm(join(resultsDir, 'readiness.json'));
      const verdict = areaVerdicts(await loadResults(resultsDir));
      const by = Object.fromEntries(verdict.areas.map((a) => [a.area, a]));
      expect(by['health']).toMatchObject({ status: 'pass', summary: 'from run.json', durationMs: 10, source: 'run.json' });
      expect(by['chaos']).toMatchObject({ status: 'skip', summary: 'external target: chaos needs chaos.allowExternalTarget', source: 'run.json' });
      expect(by['e2e']).toMatchObject({ status: 'unreadable', summary: expect.stringMatching(/^e2e\.json unreadable: not valid JSON/), durationMs: 5 });
      expect(by['readiness']).toMatchObject({ status: 'no-results', source: 'none' });
      expect(verdict.status).toBe('fail');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
