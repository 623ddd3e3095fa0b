import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { resolveConfig } from '@rag-validate/config';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScenario } from '../run-scenario.js';
import type { PerfResult } from '../result/perf-result.js';
import { startMiniTarget, type MiniTarget } from '../testing/mini-rag-target.js';
import { renderPerfGatesChart, renderPerfHtml, renderPerfSeriesCharts } from './render-html.js';
import { renderPerfMarkdown } from './render-markdown.js';
import { writePerfArtifacts } from './write-perf-artifacts.js';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let target: MiniTarget;
let dir: string;
let result: PerfResult;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rv-perf-html-'));
  // A real run: the mixed scenario against a local server, one search in ten failing.
  target = await startMiniTarget({ searchDelayMs: (n) => (n % 7) * 3, generateDelayMs: 40, failSearchEvery: 10 });
  const config = resolveConfig({ target: { services: { rag: { url: target.url }, llm: { url: target.url } } } }, { env: {} });
  result = await runScenario({ config, scenario: 'mixed', rps: 30, durationMs: 3_000, warmupMs: 0 });
});
afterAll(async () => {
  await target.close();
  await rm(dir, { recursive: true, force: true });
});

describe('perf reports', () => {
  it('write the result, a Markdown summary and one self-contained HTML file', async () => {
    const paths = await writePerfArtifacts(result, dir);
    expect(paths).toEqual({ json: join(dir, 'perf-mixed.json'), markdown: join(dir, 'perf-mixed.md'), html: join(dir, 'perf-mixed.html') });
    expect(JSON.parse(await readFile(paths.json, 'utf8'))).toEqual(JSON.parse(JSON.stringify(result)));
    const html = await readFile(paths.html, 'utf8');
    // Nothing is loaded from anywhere: no scripts, stylesheets, images or fonts by URL.
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\ssrc=|\shref=|url\(|@import/);
  });

  it('summarise the verdict, every gate and the failed ones with their reasons in Markdown', () => {
    const markdown = renderPerfMarkdown(result);
    expect(markdown).toContain('# Perf: mixed — FAIL');
    expect(markdown).toMatch(/- search error-rate = \d+\.\d\d % > 1\.00 % \(1 − slos\.search\.availability\): FAILED/);
    for (const gate of result.gates) expect(markdown).toContain(`| ${gate.operation} | ${gate.gate} |`);
  });

  it('give other reports the same plots: three per request series (latency with SLO lines, throughput, distribution) and the gates chart', () => {
    const charts = renderPerfSeriesCharts(result, 'search');
    expect(charts.map((svg) => /aria-label="([^"]*)"/.exec(svg)?.[1])).toEqual([
      expect.stringMatching(/^search: latency per second/),
      'search: throughput and errors per second',
      'search: latency distribution (calls per band, log-spaced bands)',
    ]);
    expect(charts[0]).toContain('class="rv-threshold"');
    expect(renderPerfSeriesCharts(result, 'no-such-series')).toEqual([]);
    expect(renderPerfGatesChart(result.gates).match(/<g class="rv-gate"/g)).toHaveLength(result.gates.length);
    const html = renderPerfHtml(result);
    for (const svg of charts) expect(html).toContain(svg);
  });

  it.skipIf(!existsSync(CHROMIUM))('render in headless Chromium with every plot drawn and no console errors', async () => {
    const file = join(dir, 'report.html');
    await (await import('node:fs/promises')).writeFile(file, renderPerfHtml(result));
    let browser: Browser | undefined;
    try {
      browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
      const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
      const problems: string[] = [];
      const requests: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
      });
      page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
      page.on('request', (request) => requests.push(request.url()));
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      const charts = await page.$$eval('svg.rv-chart', (svgs) =>
        svgs.map((svg) => {
          const box = svg.getBoundingClientRect();
          const paths = [...svg.querySelectorAll('path.rv-series')].map((p) => (p as unknown as { getTotalLength(): number }).getTotalLength());
          const bars = [...svg.querySelectorAll('rect.rv-bar')].map((r) => (r as unknown as { getBBox(): { height: number } }).getBBox().height);
          return { title: svg.getAttribute('aria-label') ?? '', width: box.width, height: box.height, paths, bars, gates: svg.querySelectorAll('g.rv-gate').length };
        }),
      );
      // The gate chart, then per request series 3 charts (latency, throughput, distribution).
      expect(charts.length).toBe(1 + 3 * 3);
      for (const chart of charts) {
        expect(chart.width, chart.title).toBeGreaterThan(300);
        expect(chart.height, chart.title).toBeGreaterThan(60);
      }
      const latency = charts.find((c) => c.title === 'search: latency per second (ms)' || c.title.startsWith('search: latency per second'));
      expect(latency?.paths.length).toBe(4);
      expect(latency?.paths.every((length) => length > 0)).toBe(true);
      expect(charts.find((c) => c.title.startsWith('search: latency distribution'))?.bars.some((h) => h > 0)).toBe(true);
      expect(charts[0]?.gates).toBe(result.gates.length);
      const shot = join(dir, 'report.png');
      await page.screenshot({ path: shot, fullPage: true });
      expect((await stat(shot)).size).toBeGreaterThan(20_000);
      expect(problems).toEqual([]);
      expect(requests).toEqual([pathToFileURL(file).href]);
    } finally {
      await browser?.close();
    }
  });
});
