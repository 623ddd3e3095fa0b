import { formatValue, renderPerfSeriesCharts, type PerfResult } from '@rag-validate/perf';
import { formatMs } from '../format.js';
import { badge, esc, note, section, table } from './html.js';
import { fileLinks, type RenderContext } from './render-context.js';

/** Every perf result: gates, per-series numbers and the perf package's plots (latency over time with SLO lines, throughput and errors, distribution). */
export function perfSection(ctx: RenderContext): string {
  const status = ctx.verdict.areas.find((a) => a.area === 'perf')?.status;
  if (ctx.results.perf.length === 0) {
    return section('perf', 'Performance', note('no results: no perf-&lt;scenario&gt;.json in the results directory. Run `rag-validate perf` or `rag-validate run` to produce one.'), status);
  }
  const parts = ctx.results.perf.map((file) => {
    if (file.state !== 'ok') {
      return `<h3>${esc(file.file)}</h3><p class="unreadable">unreadable: ${esc(file.file)}: ${esc(file.state === 'unreadable' ? file.reason : 'missing')}</p>`;
    }
    const base = file.file.replace(/\.json$/, '');
    return `<h3 id="perf-${esc(file.value.scenario.name)}">${esc(file.value.scenario.name)} ${badge(file.value.pass ? 'pass' : 'fail')}</h3>${fileLinks(ctx, [file.file, `${base}.md`, `${base}.html`])}${scenario(file.value)}`;
  });
  return section('perf', 'Performance', parts.join(''), status);
}

function scenario(result: PerfResult): string {
  const rate = result.generators[0]?.stages.map((s) => (s.fromRps === s.toRps ? `${s.fromRps} rps` : `${s.fromRps}→${s.toRps} rps`)).join(', ') ?? '';
  const meta = `${esc(result.scenario.description)} Measured ${esc(formatMs(result.measure.durationMs))} at ${esc(rate)} from ${esc(new Date(result.measure.startEpochMs).toISOString())} (warm-up excluded).`;
  const gates = table(
    ['operation', 'gate', 'measured', 'threshold', 'from', 'result'],
    result.gates.map((g) => ({
      className: g.pass ? '' : 'failed',
      cells: [
        esc(g.operation),
        esc(g.gate),
        `<span class="num">${g.measured === null ? '–' : esc(formatValue(g.measured, g.unit))}</span>`,
        `<span class="num">${g.bound === 'upper' ? '≤' : '≥'} ${esc(formatValue(g.threshold, g.unit))}</span>`,
        `<code>${esc(g.source)}</code>`,
        g.pass ? badge('pass') : `${badge('fail')} ${esc(g.reason)}`,
      ],
    })),
    'gates',
  );
  const stats = table(
    ['series', 'sent', 'ok', 'errors', 'dropped', 'achieved', 'p50', 'p95', 'p99', 'max'],
    Object.entries(result.series).map(([name, s]) => ({
      cells: [
        esc(name),
        ...[s.sent, s.ok, s.errors, s.dropped].map((v) => `<span class="num">${v}</span>`),
        `<span class="num">${s.kind === 'request' ? `${s.achievedRps.toFixed(1)} ok/s` : '–'}</span>`,
        ...[s.latency.p50Ms, s.latency.p95Ms, s.latency.p99Ms, s.latency.maxMs].map((v) => `<span class="num">${esc(formatMs(v))}</span>`),
      ],
    })),
  );
  const charts = Object.keys(result.series).flatMap((name) => renderPerfSeriesCharts(result, name).map((svg) => `<div class="chart">${svg}</div>`));
  return `<p class="note">${meta}</p>${gates}${stats}${charts.join('')}`;
}
