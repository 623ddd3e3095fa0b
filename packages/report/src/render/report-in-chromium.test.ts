import { existsSync } from 'node:fs';
import { copyFile, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ChaosRunResult } from '@rag-validate/chaos';
import type { PerfResult } from '@rag-validate/perf';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyOfResults, readResultJson } from '../testing/results-copy.js';
import { writeReport } from '../write-report.js';
import { EXPECTED_SECTIONS } from '../testing/expected-sections.js';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const missing = existsSync(CHROMIUM) ? '' : `${CHROMIUM} is not installed (apt-get install chromium)`;

const SECTIONS = EXPECTED_SECTIONS;

describe.skipIf(missing !== '')(`report.html in headless Chromium${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let dir: string;
  let html: string;
  beforeAll(async () => {
    let resultsDir: string;
    ({ dir, resultsDir } = await copyOfResults());
    html = (await writeReport(resultsDir)).html;
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('shows every area with its heading, the perf plots and chaos timelines as drawn SVG, with no console error and no request but the file', { timeout: 90_000 }, async () => {
    let browser: Browser | undefined;
    try {
      browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      const problems: string[] = [];
      const requests: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
      });
      page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
      page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
      page.on('request', (request) => requests.push(request.url()));
      await page.goto(pathToFileURL(html).href, { waitUntil: 'load' });

      const headings = await page.$$eval('section.area > h2', (els) => els.map((h) => ({ id: h.parentElement?.id ?? '', text: h.textContent ?? '', height: h.getBoundingClientRect().height })));
      expect(headings.map((h) => h.id)).toEqual(SECTIONS.map(([id]) => id));
      for (const [i, [, title]] of SECTIONS.entries()) {
        expect(headings[i]?.text.startsWith(title), headings[i]?.text).toBe(true);
        expect(headings[i]?.height).toBeGreaterThan(10);
      }

      const perfCharts = await page.$$eval('#perf svg.rv-chart', (svgs) =>
        svgs.map((svg) => {
          const box = svg.getBoundingClientRect();
          const lines = [...svg.querySelectorAll('path.rv-series')].map((p) => (p as unknown as { getTotalLength(): number }).getTotalLength());
          const bars = [...svg.querySelectorAll('rect.rv-bar')].map((r) => (r as unknown as { getBBox(): { height: number } }).getBBox().height);
          return { title: svg.getAttribute('aria-label') ?? '', width: box.width, height: box.height, lines, bars, slo: svg.querySelectorAll('g.rv-threshold').length };
        }),
      );
      const perf = [await readResultJson<PerfResult>('perf-generate.json'), await readResultJson<PerfResult>('perf-search.json')];
      expect(perfCharts).toHaveLength(perf.reduce((n, r) => n + 3 * Object.keys(r.series).length, 0));
      for (const chart of perfCharts) {
        expect(chart.width, chart.title).toBeGreaterThan(300);
        expect(chart.height, chart.title).toBeGreaterThan(100);
      }
      for (const name of ['generate', 'search']) {
        const latency = perfCharts.find((c) => c.title.startsWith(`${name}: latency per second`));
        expect(latency?.lines.some((length) => length > 0), name).toBe(true);
        expect(latency?.slo, name).toBeGreaterThanOrEqual(1);
        expect(perfCharts.find((c) => c.title.startsWith(`${name}: latency distribution`))?.bars.some((h) => h > 0), name).toBe(true);
      }

      const chaos = await readResultJson<ChaosRunResult>('chaos.json');
      const timelines = await page.$$eval('#chaos svg.rv-timeline', (svgs) =>
        svgs.map((svg) => ({ width: svg.getBoundingClientRect().width, events: [...svg.querySelectorAll('g.rv-key-event')].map((g) => g.getAttribute('data-event')), bands: svg.querySelectorAll('g.rv-band-fault rect, g.rv-band-recovery rect').length })),
      );
      expect(timelines).toHaveLength(chaos.experiments.length);
      for (const timeline of timelines) {
        expect(timeline.width).toBeGreaterThan(300);
        expect(timeline.events).toEqual(expect.arrayContaining(['fault-injected', 'rollback-started', 'ready', 'first-good-query']));
        expect(timeline.bands).toBe(2);
      }

      const shot = join(dir, 'report.png');
      await page.screenshot({ path: shot, fullPage: true });
      const png = await readFile(shot);
      expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
      expect(png.readUInt32BE(16)).toBe(1200);
      expect(png.readUInt32BE(20)).toBeGreaterThan(3_000);
      expect(png.length).toBeGreaterThan(100_000);
      if (process.env['RV_REPORT_SCREENSHOT']) await copyFile(shot, process.env['RV_REPORT_SCREENSHOT']);

      expect(problems).toEqual([]);
      expect(requests).toEqual([pathToFileURL(html).href]);
    } finally {
      await browser?.close();
    }
  });
});
