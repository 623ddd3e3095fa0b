import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '@rag-validate/config';
import { deriveObjectives } from '../gates/objectives.js';
import { decodeHistogram, newHistogram, recordMs } from '../recorder/latency-histogram.js';
import { getScenario } from '../scenarios/builtin-scenarios.js';
import { lcg, syntheticRun, syntheticSettings, type SyntheticCall } from '../testing/synthetic-run.js';
import { buildPerfResult } from './build-result.js';
import { mergePerfResults } from './merge-results.js';
import type { PerfResult } from './perf-result.js';
import { readPerfResult } from './read-result.js';

const settings = syntheticSettings(getScenario('search'), 100, 20_000);
const objectives = deriveObjectives(settings, defaultConfig().slos);

/** 20 s of calls due at `rps`, offset so two generators interleave, with long-tailed latencies. */
function calls(seed: number, offsetMs: number, rps: number): SyntheticCall[] {
  const random = lcg(seed);
  const list: SyntheticCall[] = [];
  for (let atMs = offsetMs; atMs < 20_000; atMs += 1_000 / rps) {
    const latencyMs = 5 + 40 * random() + (random() < 0.02 ? 2_000 * random() : 0);
    list.push({ series: 'search', atMs, latencyMs, ok: random() > 0.005 });
  }
  return list;
}

const build = (list: readonly SyntheticCall[]) => buildPerfResult({ run: syntheticRun(list, { durationMs: 20_000, series: ['search'] }), settings, objectives });

describe('mergePerfResults', () => {
  const a = calls(1, 0, 50);
  const b = calls(2, 10, 50);
  const merged = mergePerfResults([build(a), build(b)]);
  const single = build([...a, ...b]);

  it('gives exactly the histogram of all samples recorded in one run', () => {
    const oracle = newHistogram();
    for (const call of [...a, ...b]) recordMs(oracle, call.latencyMs);
    const histogram = decodeHistogram(merged.series['search']?.histogram ?? '');
    expect(histogram.totalCount).toBe(2_000);
    for (const p of [0, 1, 10, 25, 50, 75, 90, 95, 99, 99.9, 99.99, 100]) expect(histogram.getValueAtPercentile(p), `p${p}`).toBe(oracle.getValueAtPercentile(p));
    expect(histogram.mean).toBe(oracle.mean);
  });

  it('gives the same statistics, timeline, windows and gates as one run of all the calls', () => {
    expect(merged.series).toEqual(single.series);
    expect(merged.timeline).toEqual(single.timeline);
    expect(merged.gates).toEqual(single.gates);
    expect(merged.pass).toBe(single.pass);
    expect(merged.generators).toHaveLength(2);
  });

  it('adds the offered and achieved rates of the generators', () => {
    expect(merged.series['search']?.offeredRps).toBe(100);
    const ok = [...a, ...b].filter((c) => c.ok).length;
    expect(merged.series['search']?.achievedRps).toBeCloseTo(ok / 20, 10);
  });

  describe('through result files', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'rv-perf-merge-'));
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('merges runs read back from JSON to the same result', async () => {
      const files = [join(dir, 'a.json'), join(dir, 'b.json')];
      await writeFile(files[0] ?? '', JSON.stringify(build(a)));
      await writeFile(files[1] ?? '', JSON.stringify(build(b)));
      const fromFiles = mergePerfResults(await Promise.all(files.map(readPerfResult)));
      expect(fromFiles.series).toEqual(merged.series);
      expect(fromFiles.gates).toEqual(merged.gates);
    });

    it('refuses a file that is not a perf result, naming the file and the problem', async () => {
      const file = join(dir, 'bad.json');
      await writeFile(file, JSON.stringify({ kind: 'rag-validate/e2e' }));
      const error = (await readPerfResult(file).catch((e: unknown) => e)) as { code: string; message: string };
      expect(error.code).toBe('RV_ERR_PERF_RESULT_INVALID');
      expect(error.message).toContain(file);
      expect(error.message).toContain('kind');
      const missing = (await readPerfResult(join(dir, 'none.json')).catch((e: unknown) => e)) as { code: string; message: string };
      expect(missing.code).toBe('RV_ERR_PERF_RESULT_INVALID');
      expect(missing.message).toContain('no such file');
    });
  });

  it('refuses to merge runs of different scenarios or objectives', () => {
    const other: PerfResult = { ...build(a), scenario: { ...build(a).scenario, name: 'generate' } };
    expect(() => mergePerfResults([build(a), other])).toThrow(expect.objectContaining({ code: 'RV_ERR_PERF_MERGE' }));
    const stricter: PerfResult = { ...build(a), objectives: { search: { ...(objectives['search'] as NonNullable<(typeof objectives)['search']>), availability: 0.999 } } };
    expect(() => mergePerfResults([build(a), stricter])).toThrow(/different objectives/);
    expect(() => mergePerfResults([])).toThrow(/no results/);
  });
});
