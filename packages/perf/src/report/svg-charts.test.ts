import { describe, expect, it } from 'vitest';
import { barChart, escapeXml, formatTick, lineChart, logTicks, niceTicks, thresholdChart } from './svg-charts.js';

describe('svg chart helpers', () => {
  it('pick round ticks covering the range', () => {
    expect(niceTicks(0, 100, 5)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(niceTicks(0, 0.9, 4)).toEqual([0, 0.25, 0.5, 0.75]);
    expect(niceTicks(5, 5)).toEqual([5]);
    expect(logTicks(1, 1_000)).toEqual([1, 10, 100, 1_000]);
    expect(logTicks(2, 30)).toEqual([2, 5, 10, 20]);
    expect([0, 0.25, 7.5, 250, 15_000, 2_500_000].map(formatTick)).toEqual(['0', '0.25', '7.5', '250', '15k', '2.5M']);
  });

  it('draw a line chart with one path per series, scaled into the plot, and a dashed threshold line', () => {
    const svg = lineChart({
      title: 'search latency',
      width: 400,
      height: 200,
      series: [
        { name: 'p50', points: [{ x: 0, y: 0 }, { x: 10, y: 100 }] },
        { name: 'p95', points: [{ x: 0, y: 50 }, { x: 10, y: 50 }] },
      ],
      thresholds: [{ value: 100, label: 'p95 SLO' }],
    });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/class="rv-series"/g)).toHaveLength(2);
    // x: 0 → left margin (58), 10 → width − right margin (384); y = 0 at the bottom (160).
    expect(svg).toContain('d="M58.0,160.0L384.0,');
    expect(svg).toMatch(/class="rv-threshold"><line [^>]*stroke-dasharray="6 4"/);
    expect(svg).toContain('>p95 SLO<');
  });

  it('draw a log-scale chart without the values it cannot place', () => {
    const svg = lineChart({ title: 'x', yLog: true, series: [{ name: 'a', points: [{ x: 0, y: 0 }, { x: 1, y: 10 }, { x: 2, y: 1_000 }] }] });
    expect(svg).toMatch(/d="M[\d.]+,[\d.]+L[\d.]+,[\d.]+"/);
    expect(svg).toContain('>1000<');
  });

  it('say "no data" rather than drawing an empty frame', () => {
    expect(lineChart({ title: 'empty', series: [{ name: 'a', points: [] }] })).toContain('>no data<');
    expect(barChart({ title: 'empty', bars: [] })).toContain('>no data<');
  });

  it('draw one bar per value, the tallest reaching the top tick', () => {
    const svg = barChart({ title: 'distribution', bars: [{ label: '1', value: 5 }, { label: '2', value: 10 }, { label: '5', value: 0 }] });
    expect(svg.match(/class="rv-bar"/g)).toHaveLength(3);
    expect(svg).toContain('<title>2: 10</title>');
  });

  it('draw each gate as a bar against the shared threshold mark, coloured by result', () => {
    const svg = thresholdChart({
      title: 'gates',
      items: [
        { label: 'search latency-p95', measured: 12, threshold: 5_000, bound: 'upper', pass: true },
        { label: 'generate latency-avg', measured: 45_000, threshold: 30_000, bound: 'upper', pass: false },
        { label: 'index latency-max', measured: null, threshold: 60_000, bound: 'upper', pass: false },
      ],
    });
    expect(svg.match(/class="rv-gate" data-pass="true"/g)).toHaveLength(1);
    expect(svg.match(/class="rv-gate" data-pass="false"/g)).toHaveLength(2);
    expect(svg).toContain('not measured');
  });

  it('escape every label, so a title cannot inject markup', () => {
    const svg = lineChart({ title: '<script>alert(1)</script>', series: [{ name: 'a"b', points: [{ x: 0, y: 1 }] }] });
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;');
    expect(escapeXml(`<&>"'`)).toBe('&lt;&amp;&gt;&quot;&#39;');
  });
});
