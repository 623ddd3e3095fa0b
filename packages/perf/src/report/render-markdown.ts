import { formatValue } from '../gates/gate-check.js';
import type { PerfResult } from '../result/perf-result.js';

const ms = (v: number) => formatValue(v, 'ms');
const cell = (text: string) => text.replace(/\|/g, '\\|');

/** A Markdown summary of a perf result: verdict, gates, per-series statistics, generators. */
export function renderPerfMarkdown(result: PerfResult): string {
  const lines: string[] = [];
  lines.push(`# Perf: ${result.scenario.name} — ${result.pass ? 'PASS' : 'FAIL'}`, '');
  lines.push(result.scenario.description, '');
  lines.push(
    `Measured ${(result.measure.durationMs / 1_000).toFixed(1)} s from ${new Date(result.measure.startEpochMs).toISOString()} (warm-up excluded); ${result.generators.length} generator(s); worst-window gates over ${result.windowMs / 1_000} s.`,
    '',
  );
  const failed = result.gates.filter((g) => !g.pass);
  if (failed.length > 0) {
    lines.push('## Failed gates', '');
    for (const gate of failed) lines.push(`- ${gate.reason}`);
    lines.push('');
  }
  if (result.generators.some((g) => g.aborted)) lines.push('> The run was aborted before its end: the numbers cover only part of it.', '');
  lines.push('## Gates', '', '| operation | gate | measured | threshold | from | result |', '|---|---|---:|---:|---|---|');
  for (const g of result.gates) {
    lines.push(
      `| ${cell(g.operation)} | ${g.gate} | ${g.measured === null ? '–' : formatValue(g.measured, g.unit)} | ${g.bound === 'upper' ? '≤' : '≥'} ${formatValue(g.threshold, g.unit)} | ${cell(g.source)} | ${g.pass ? 'pass' : '**FAIL**'} |`,
    );
  }
  lines.push('', '## Series', '', '| series | sent | ok | errors | dropped | late | offered rps | achieved rps | mean | p50 | p95 | p99 | max |', '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const [name, s] of Object.entries(result.series)) {
    const req = s.kind === 'request';
    const l = s.latency;
    lines.push(
      `| ${cell(name)}${req ? '' : ' (sample)'} | ${req ? s.sent : s.completed} | ${req ? s.ok : '–'} | ${req ? s.errors : '–'} | ${req ? s.dropped : '–'} | ${req ? s.late : '–'} | ${req ? s.offeredRps.toFixed(2) : '–'} | ${req ? s.achievedRps.toFixed(2) : '–'} | ${ms(l.meanMs)} | ${ms(l.p50Ms)} | ${ms(l.p95Ms)} | ${ms(l.p99Ms)} | ${ms(l.maxMs)} |`,
    );
  }
  const errors = Object.entries(result.series).filter(([, s]) => Object.keys(s.errorsByKind).length > 0);
  if (errors.length > 0) {
    lines.push('', 'Errors by kind:', '');
    for (const [name, s] of errors) lines.push(`- ${name}: ${Object.entries(s.errorsByKind).map(([k, n]) => `${k} × ${n}`).join(', ')}`);
  }
  lines.push('', '## Generators', '', '| host | pid | calls sent | peak in flight | CPU per call | send lag p99 |', '|---|---:|---:|---:|---:|---:|');
  for (const g of result.generators) lines.push(`| ${cell(g.host)} | ${g.pid} | ${g.sentTotal} | ${g.peakInFlight} | ${g.cpu.usPerRequest.toFixed(1)} µs | ${ms(g.sendLag.p99Ms)} |`);
  lines.push('');
  return lines.join('\n');
}
