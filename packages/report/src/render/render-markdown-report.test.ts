import type { E2eResult } from '@rag-validate/e2e';
import type { PerfResult } from '@rag-validate/perf';
import type { ReadinessResult } from '@rag-validate/readiness';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadResults, type ReportResults } from '../results/load-results.js';
import { readResultJson, realResults } from '../testing/results-copy.js';
import { renderMarkdownReport } from './render-markdown-report.js';

let results: ReportResults;
let markdown: string;
beforeAll(async () => {
  results = await loadResults(realResults().resultsDir);
  markdown = renderMarkdownReport(results);
});

const md = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

describe('renderMarkdownReport on real results', () => {
  it('starts with the verdict and a row per area', () => {
    expect(markdown.split('\n')[0]).toBe('# rag-validate report — ❌ FAIL');
    expect(markdown).toContain('| area | verdict | summary |');
    for (const [title, label] of [
      ['Health', '✅ PASS'],
      ['End-to-end', '❌ FAIL'],
      ['Performance', '❌ FAIL'],
    ]) {
      expect(markdown).toMatch(new RegExp(`^\\| ${title} \\| ${label} \\| .+ \\|$`, 'm'));
    }
    expect(markdown).toMatch(/^\| Chaos \| (✅ PASS|❌ FAIL) \| \d+\/1 experiments passed; slowest recovery [\d.]+ (ms|s) \(MTTR objective 30\.0 s\) \|$/m);
  });

  it('gives the key numbers of every area', async () => {
    const readiness = await readResultJson<ReadinessResult>('readiness.json');
    expect(markdown).toContain('## Key numbers');
    expect(markdown).toMatch(/^- health: 4\/4 services healthy/m);
    expect(markdown).toMatch(/^- retrieval quality over 68 queries: recall@5 0\.\d{3}, MRR 0\.\d{3}, nDCG@5 0\.\d{3} \(ko nDCG@5 0\.\d{3}, en nDCG@5 0\.\d{3}\)$/m);
    expect(markdown).toMatch(/^- perf generate FAIL \(.+\): \d+\/\d+ gates passed/m);
    expect(markdown).toContain(`- readiness: ${readiness.verdict.replace(/-/g, ' ')}, score ${readiness.score}/100`);
    expect(markdown).toMatch(/^- test coverage \(1 projects\): lines \d+\.\d %/m);
  });

  it('lists every failure with its reason, escaped so a PR comment shows it as text', async () => {
    const e2e = await readResultJson<E2eResult>('e2e.json');
    const failed = e2e.suites.flatMap((s) => s.cases).filter((c) => c.status === 'fail');
    const gates = (await readResultJson<PerfResult>('perf-generate.json')).gates.filter((g) => !g.pass);
    expect(failed.length).toBeGreaterThan(0);
    expect(gates.length).toBeGreaterThan(0);
    const failures = markdown.slice(markdown.indexOf('## Failures'));
    for (const c of failed) expect(failures).toContain(`- e2e \`${c.id}\`: ${md(c.message ?? '')}`);
    for (const g of gates) expect(failures).toContain(`- perf \`generate\` \`${g.operation} ${g.gate}\`: ${md(g.reason)}`);
    expect(failures).toMatch(new RegExp(`^## Failures \\(${failed.length + gates.length + countOtherFailures()}\\)$`, 'm'));
    expect(failures).not.toMatch(/[<>]/);
  });

  it('keeps table rows intact when a summary holds pipes or line breaks', () => {
    if (results.health.state !== 'ok') throw new Error('health.json did not load');
    const [first, ...rest] = results.health.value.services;
    const broken = { ...first!, ok: false, probes: [{ endpoint: '/health', ok: false, status: 500, latencyMs: 1, detail: 'a | b\nc <d>' }] };
    const text = renderMarkdownReport({ ...results, health: { ...results.health, value: { ...results.health.value, services: [broken, ...rest] } } });
    expect(text).toMatch(/^\| Health \| ❌ FAIL \| not healthy: rag-server \|$/m);
    expect(text).toContain('- health `rag-server`: /health a | b c &lt;d&gt;');
  });
});

/** Chaos experiments and readiness checks that failed in this run (usually none). */
function countOtherFailures(): number {
  const chaos = results.chaos.state === 'ok' ? results.chaos.value.experiments.filter((e) => e.verdict !== 'pass' && e.verdict !== 'skipped').length : 0;
  const readiness = results.readiness.state === 'ok' ? results.readiness.value.checks.filter((c) => c.status === 'fail').length : 0;
  const perfSearch = results.perf.find((p) => p.file === 'perf-search.json');
  const search = perfSearch?.state === 'ok' ? perfSearch.value.gates.filter((g) => !g.pass).length : 0;
  return chaos + readiness + search;
}
