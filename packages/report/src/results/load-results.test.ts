import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { E2eResult } from '@rag-validate/e2e';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyOfResults, readResultJson, realResults } from '../testing/results-copy.js';
import { loadResults } from './load-results.js';

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'rv-report-load-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('loadResults on the results the suites wrote', () => {
  it('reads every area file, each perf scenario, the coverage summary and the monitoring files beside the results', async () => {
    const { resultsDir, workDir } = realResults();
    const results = await loadResults(resultsDir);
    for (const area of [results.health, results.e2e, results.chaos, results.readiness, results.coverage]) expect(area, area.file).toMatchObject({ state: 'ok' });
    expect(results.run).toEqual({ state: 'missing', file: 'run.json' });
    expect(results.perf.map((p) => [p.file, p.state])).toEqual([
      ['perf-generate.json', 'ok'],
      ['perf-search.json', 'ok'],
    ]);
    const e2e = await readResultJson<E2eResult>('e2e.json');
    expect(results.e2e.state === 'ok' && results.e2e.value.suites.map((s) => s.cases.length)).toEqual(e2e.suites.map((s) => s.cases.length));
    const monitoringDir = join(workDir, 'deployment', 'monitoring');
    expect(results.monitoring?.dir).toBe(monitoringDir);
    const onDisk = (await readdir(monitoringDir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).length;
    expect(results.monitoring?.files).toHaveLength(onDisk);
    expect(results.monitoring?.files.every((f) => f.generated && existsSync(join(monitoringDir, f.path)))).toBe(true);
    expect(results.files).toEqual(expect.arrayContaining(['e2e.json', 'perf-search.html', 'readiness.junit.xml', 'chaos.md']));
  });

  it('finds no monitoring files where there is no prometheus.yml', async () => {
    const results = await loadResults(realResults().resultsDir, { monitoringDirs: [scratch, join(scratch, 'nope')] });
    expect(results.monitoring).toBeNull();
  });
});

describe('one bad file does not sink the others', () => {
  it('marks a garbled, a wrong-shaped and a wrong-kind file unreadable with the reason, and reads the rest', async () => {
    const { dir, resultsDir } = await copyOfResults();
    try {
      await writeFile(join(resultsDir, 'e2e.json'), '{"kind": "e2e", "suites": [');
      const chaos = await readResultJson<Record<string, unknown>>('chaos.json');
      await writeFile(join(resultsDir, 'chaos.json'), JSON.stringify({ ...chaos, experiments: 'none' }));
      await writeFile(join(resultsDir, 'readiness.json'), JSON.stringify(await readResultJson('health.json')));
      await writeFile(join(resultsDir, 'perf-search.json'), JSON.stringify({ kind: 'rag-validate/perf' }));
      const results = await loadResults(resultsDir);
      expect(results.e2e).toMatchObject({ state: 'unreadable', file: 'e2e.json', reason: expect.stringMatching(/^not valid JSON \(/) });
      expect(results.chaos).toMatchObject({ state: 'unreadable', reason: expect.stringContaining('experiments: ') });
      expect(results.readiness).toMatchObject({ state: 'unreadable', reason: expect.stringContaining('kind: ') });
      expect(results.perf.map((p) => p.state)).toEqual(['ok', 'unreadable']);
      expect(results.perf[1]).toMatchObject({ reason: expect.stringMatching(/^not a result of its suite: .*schemaVersion/) });
      expect(results.health.state).toBe('ok');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('reads a result file that is a directory as unreadable', async () => {
    const dir = join(scratch, 'dir-as-file');
    await mkdir(join(dir, 'health.json'), { recursive: true });
    await writeFile(join(dir, 'readiness.json'), JSON.stringify(await readResultJson('readiness.json')));
    const results = await loadResults(dir);
    expect(results.health).toEqual({ state: 'unreadable', file: 'health.json', reason: 'it is a directory' });
    expect(results.readiness.state).toBe('ok');
  });
});

describe('a results directory that cannot be used', () => {
  it('is a typed error when it does not exist or is a file', async () => {
    await expect(loadResults(join(scratch, 'missing'))).rejects.toMatchObject({ code: 'RV_ERR_REPORT_RESULTS_DIR', reason: 'no such directory' });
    await writeFile(join(scratch, 'a-file'), 'x');
    await expect(loadResults(join(scratch, 'a-file'))).rejects.toMatchObject({ code: 'RV_ERR_REPORT_RESULTS_DIR', reason: 'it is not a directory' });
  });

  it('is a typed error when it holds no result file', async () => {
    const empty = join(scratch, 'empty');
    await mkdir(empty);
    await writeFile(join(empty, 'notes.txt'), 'nothing here');
    await expect(loadResults(empty)).rejects.toMatchObject({ code: 'RV_ERR_REPORT_NO_RESULTS', expected: expect.arrayContaining(['run.json', 'perf-<scenario>.json']) });
  });
});
