import { existsSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { ChaosRunResult } from '@rag-validate/chaos';
import type { E2eResult } from '@rag-validate/e2e';
import { renderPerfSeriesCharts, type PerfResult } from '@rag-validate/perf';
import type { ReadinessResult } from '@rag-validate/readiness';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CoverageResult } from '../results/coverage-result.js';
import { loadResults, type ReportResults } from '../results/load-results.js';
import { QUALITY_CASE_ID, type QualityEvidence } from '../results/retrieval-quality.js';
import { copyOfResults, readResultJson, realResults } from '../testing/results-copy.js';
import { formatMs } from './format.js';
import { renderHtmlReport } from './render-html-report.js';
import { EXPECTED_SECTIONS } from '../testing/expected-sections.js';

let results: ReportResults;
let html: string;
beforeAll(async () => {
  results = await loadResults(realResults().resultsDir);
  html = renderHtmlReport(results, { generatedAt: new Date('2026-02-03T04:05:06Z') });
});

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const sectionOf = (page: string, id: string): string => {
  const start = page.indexOf(`<section id="${id}"`);
  expect(start, `section ${id}`).toBeGreaterThanOrEqual(0);
  return page.slice(start, page.indexOf('</section>', start));
};

describe('renderHtmlReport on real results', () => {
  it('is one self-contained page: no script, stylesheet, image, frame or font by URL, and only relative links', () => {
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|<object|<embed|\ssrc=|url\(|@import/i);
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1] ?? '');
    expect(hrefs.length).toBeGreaterThan(10);
    expect(hrefs.filter((h) => /^[a-z]+:|^\/\//i.test(h))).toEqual([]);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
    expect(html).toContain('generated 2026-02-03T04:05:06.000Z');
  });

  it('has a section with its heading for every area, retrieval quality, monitoring and coverage', () => {
    for (const [id, title] of EXPECTED_SECTIONS) {
      expect(sectionOf(html, id)).toContain(`<h2>${title}`);
    }
  });

  it('shows every e2e case with its status and a failed case with its message and evidence open', async () => {
    const e2e = await readResultJson<E2eResult>('e2e.json');
    const section = sectionOf(html, 'e2e');
    const cases = e2e.suites.flatMap((s) => s.cases);
    for (const c of cases) expect(section).toContain(`<code>${c.id}</code>`);
    const failed = cases.filter((c) => c.status === 'fail');
    expect(failed.map((c) => c.id)).toContain(QUALITY_CASE_ID);
    for (const c of failed) expect(section).toContain(`<div>${escape(c.message ?? '')}</div><details open><summary>evidence</summary>`);
  });

  it('tabulates recall@k, MRR and nDCG@k overall, per language and per difficulty, with the gates', async () => {
    const e2e = await readResultJson<E2eResult>('e2e.json');
    const evidence = e2e.suites.flatMap((s) => s.cases).find((c) => c.id === QUALITY_CASE_ID)?.evidence as unknown as QualityEvidence;
    const section = sectionOf(html, 'retrieval-quality');
    expect(section).toContain(`<th>recall@${evidence.k}</th>`);
    const groups: Array<[string, QualityEvidence['mean']]> = [
      ['all', evidence.mean],
      ...Object.entries(evidence.byLang).map(([l, m]): [string, QualityEvidence['mean']] => [`language: ${l}`, m]),
      ...Object.entries(evidence.byDifficulty).map(([d, m]): [string, QualityEvidence['mean']] => [`difficulty: ${d}`, m]),
    ];
    expect(groups.length).toBe(1 + 2 + 3);
    for (const [label, m] of groups) {
      const numbers = [String(m.queries), m.recall.toFixed(3), m.precision.toFixed(3), m.mrr.toFixed(3), m.ndcg.toFixed(3)];
      expect(section, label).toContain(`<td>${label}</td>${numbers.map((v) => `<td class="num"><span class="num">${v}</span></td>`).join('')}`);
    }
    for (const gate of evidence.gates) expect(section).toContain(escape(gate.reason));
    expect(section).toContain('badge" data-status="fail"');
  });

  it('draws the perf package’s plots for every series of every perf result (latency with SLO lines, throughput, distribution)', async () => {
    const section = sectionOf(html, 'perf');
    for (const file of ['perf-generate.json', 'perf-search.json']) {
      const result = await readResultJson<PerfResult>(file);
      for (const name of Object.keys(result.series)) {
        const charts = renderPerfSeriesCharts(result, name);
        expect(charts).toHaveLength(3);
        for (const svg of charts) expect(section).toContain(svg);
      }
      for (const gate of result.gates.filter((g) => !g.pass)) expect(section).toContain(escape(gate.reason));
    }
    expect(section).toContain('p95 SLO 5.00 ms');
    expect(section).toContain('<a href="perf-generate.html">perf-generate.html</a>');
  });

  it('draws a timeline per chaos experiment and its recovery time against the MTTR objective', async () => {
    const chaos = await readResultJson<ChaosRunResult>('chaos.json');
    const section = sectionOf(html, 'chaos');
    for (const e of chaos.experiments) {
      const timeline = section.slice(section.indexOf(`<svg xmlns="http://www.w3.org/2000/svg" class="rv-chart rv-timeline"`, section.indexOf(`id="chaos-${e.name}"`)));
      for (const event of e.timeline.filter((t) => t.sinceFaultMs !== null)) expect(timeline, event.event).toContain(`data-event="${event.event}"`);
      for (const key of ['fault-injected', 'rollback-started', 'ready', 'first-good-query']) expect(timeline).toContain(`rv-key-event" data-event="${key}"`);
      const recovery = e.recovery?.timeToFirstGoodQueryMs;
      expect(recovery).toBeTypeOf('number');
      expect(timeline).toContain(`recovery ${formatMs(recovery ?? 0)} from rollback to first good query (MTTR objective 30.0 s)`);
    }
    expect(section.match(/<g class="rv-gate" data-pass="true">/g)).toHaveLength(chaos.experiments.filter((e) => e.verdict === 'pass').length);
    expect(section).toContain('Recovery time (rollback → first good query) against the MTTR objective');
  });

  it('lists the readiness checks, with how to fix every one that is not passing', async () => {
    const readiness = await readResultJson<ReadinessResult>('readiness.json');
    const section = sectionOf(html, 'readiness');
    expect(section).toContain(`score <b>${readiness.score}/100</b>`);
    for (const check of readiness.checks) expect(section).toContain(`<code>${check.id}</code>`);
    const open = readiness.checks.filter((c) => c.status === 'fail' || c.status === 'warn' || c.status === 'unknown');
    expect(open.length).toBeGreaterThan(0);
    // As text (tags stripped, entities decoded): `code` spans become <code> elements.
    const text = section.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
    for (const check of open) expect(text).toContain(check.howToFix.replace(/`/g, ''));
    expect(section).not.toMatch(/`[^`<]+`/);
  });

  it('links every generated monitoring file with a relative link that resolves to it', () => {
    const section = sectionOf(html, 'monitoring');
    const links = [...section.matchAll(/<li><a href="([^"]+)">([^<]+)<\/a>/g)];
    expect(links.map((m) => m[2])).toEqual(results.monitoring?.files.map((f) => f.path));
    for (const [, href] of links) expect(existsSync(resolve(results.dir, decodeURIComponent(href ?? ''))), href).toBe(true);
    expect(section).toContain('<a href="../deployment/monitoring"><code>../deployment/monitoring</code></a>');
  });

  it('tabulates the coverage summary per project with the total', async () => {
    const coverage = await readResultJson<CoverageResult>('coverage.json');
    const section = sectionOf(html, 'coverage');
    for (const p of coverage.projects) {
      const row = section.slice(section.indexOf(`>${p.name}<`));
      expect(row.slice(0, row.indexOf('</tr>'))).toContain(`>${p.root}<`);
      expect(row.slice(0, row.indexOf('</tr>'))).toContain(`${p.metrics?.lines.pct?.toFixed(1)} %<br><span class="note">${p.metrics?.lines.covered}/${p.metrics?.lines.total}</span>`);
    }
    expect(section).toContain(`${coverage.total.lines.pct?.toFixed(1)} %<br><span class="note">${coverage.total.lines.covered}/${coverage.total.lines.total}</span>`);
  });
});

describe('renderHtmlReport with bad or hostile input', () => {
  it('escapes every value from the result files and never shows auth headers or cookies', () => {
    if (results.e2e.state !== 'ok') throw new Error('e2e.json did not load');
    const [suite, ...suites] = results.e2e.value.suites;
    const [first, ...cases] = suite!.cases;
    const hostile = {
      ...first!,
      status: 'fail' as const,
      message: '<script>alert("x")</script> & <img src=x>',
      evidence: { request: { headers: { Authorization: 'Bearer sekret-token-123', 'x-api-key': 'k-456', Cookie: 'session=c-789' } }, note: "it's </pre>" },
    };
    const tampered: ReportResults = { ...results, e2e: { ...results.e2e, value: { ...results.e2e.value, suites: [{ ...suite!, cases: [hostile, ...cases] }, ...suites] } } };
    const page = renderHtmlReport(tampered);
    expect(page).not.toMatch(/<script|<img/);
    expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img src=x&gt;');
    expect(page).toContain('it&#39;s &lt;/pre&gt;');
    for (const secret of ['sekret-token-123', 'k-456', 'c-789']) expect(page).not.toContain(secret);
    expect(page).toContain('&quot;Authorization&quot;: &quot;[not shown]&quot;');
  });

  it('renders the other areas when one file is unreadable, and says how to get coverage when there is none', async () => {
    const { dir, resultsDir } = await copyOfResults();
    try {
      await writeFile(join(resultsDir, 'e2e.json'), '{"kind":');
      await rm(join(resultsDir, 'coverage.json'));
      await rm(join(resultsDir, 'chaos.json'));
      const page = renderHtmlReport(await loadResults(resultsDir));
      expect(sectionOf(page, 'e2e')).toMatch(/<p class="unreadable">unreadable: e2e\.json: not valid JSON \(/);
      expect(sectionOf(page, 'summary')).toMatch(/data-status="unreadable"/);
      expect(sectionOf(page, 'chaos')).toContain('no results: chaos.json is not in the results directory.');
      expect(sectionOf(page, 'coverage')).toContain('Run <code>npm run coverage</code> in the rag-validate repository');
      expect(sectionOf(page, 'perf').match(/<svg xmlns="http:\/\/www.w3.org\/2000\/svg" class="rv-chart"/g)?.length).toBeGreaterThanOrEqual(6);
      expect(sectionOf(page, 'readiness')).toContain('<h3>Checklist: what to fix</h3>');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('says how to generate the monitoring files when there are none', () => {
    const page = renderHtmlReport({ ...results, monitoring: null });
    expect(sectionOf(page, 'monitoring')).toContain('Monitoring files not generated: run <code>rag-validate monitoring generate --out deployment/monitoring</code>');
  });
});
