import { mkdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyOfResults } from './testing/results-copy.js';
import { reportPaths, writeReport } from './write-report.js';

let dir: string;
let resultsDir: string;
beforeAll(async () => {
  ({ dir, resultsDir } = await copyOfResults());
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeReport', () => {
  it('writes report.html, report.md and report.junit.xml into the results directory by default', async () => {
    const written = await writeReport(resultsDir);
    expect([written.html, written.markdown, written.junit]).toEqual(['report.html', 'report.md', 'report.junit.xml'].map((f) => join(resultsDir, f)));
    const html = await readFile(written.html, 'utf8');
    expect(written.htmlBytes).toBe((await stat(written.html)).size);
    expect(html).toContain('<a href="perf-search.html">perf-search.html</a>');
    expect(await readFile(written.markdown, 'utf8')).toMatch(/^# rag-validate report — ❌ FAIL/);
    expect(await readFile(written.junit, 'utf8')).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="rag-validate"/);
    expect(written.verdict.status).toBe('fail');
  });

  it('writes elsewhere with links relative to where the report is', async () => {
    const written = await writeReport(resultsDir, join(dir, 'site', 'nested', 'index.html'));
    expect(written.markdown).toBe(join(dir, 'site', 'nested', 'index.md'));
    expect(written.junit).toBe(join(dir, 'site', 'nested', 'index.junit.xml'));
    const html = await readFile(written.html, 'utf8');
    expect(html).toContain('<a href="../../results/perf-search.html">perf-search.html</a>');
    expect(html).toContain('<a href="../../deployment/monitoring/prometheus.yml">prometheus.yml</a>');
  });

  it('fails with RV_ERR_REPORT_WRITE when the report path is a directory', async () => {
    await mkdir(join(dir, 'taken.html'));
    await expect(writeReport(resultsDir, join(dir, 'taken.html'))).rejects.toMatchObject({ code: 'RV_ERR_REPORT_WRITE', file: join(dir, 'taken.html'), reason: 'it is a directory' });
  });

  it('names the Markdown and JUnit files after the HTML file', () => {
    expect(reportPaths('/r/report.html')).toEqual({ html: '/r/report.html', markdown: '/r/report.md', junit: '/r/report.junit.xml' });
    expect(reportPaths('/r/out')).toEqual({ html: '/r/out', markdown: '/r/out.md', junit: '/r/out.junit.xml' });
  });
});
