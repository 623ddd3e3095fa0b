import { formatValue } from '@rag-validate/perf';
import { AREA_TITLES } from '../results/area-file.js';
import type { ReportResults } from '../results/load-results.js';
import { retrievalQuality } from '../results/retrieval-quality.js';
import { areaVerdicts, perfLine } from '../summary/area-verdicts.js';
import { formatMs, formatPct, formatScore, formatShare } from './format.js';
import { failedHypotheses } from './html/chaos-section.js';

/** Most failures listed before "… and N more". */
const MAX_FAILURES = 40;

/** Text for Markdown: no HTML (a PR comment renders tags), one line, at most `max` characters. */
function text(value: string, max = 400): string {
  const line = value.replace(/\s+/g, ' ').trim().replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** Text inside a table cell: also no pipes. */
const cell = (value: string, max?: number): string => text(value, max).replace(/\|/g, '\\|');

/** Inline code that survives backticks in the value. */
const code = (value: string): string => (value.includes('`') ? `\`\` ${value} \`\`` : `\`${value}\``);

const STATUS_LABEL: Readonly<Record<string, string>> = { pass: '✅ PASS', fail: '❌ FAIL', skip: '⏭️ SKIP', 'no-results': '➖ NO RESULTS', unreadable: '⚠️ UNREADABLE' };

/**
 * The report as Markdown for a pull-request comment: the verdict per area, the key numbers, and
 * every failure with its reason (capped at 40). Values are escaped (no HTML, no table breaks). Pure.
 */
export function renderMarkdownReport(results: ReportResults): string {
  const verdict = areaVerdicts(results);
  const lines: string[] = [`# rag-validate report — ${verdict.status === 'pass' ? '✅ PASS' : '❌ FAIL'}`, ''];
  if (results.run.state === 'ok') {
    const run = results.run.value;
    lines.push(`Run of ${run.startedAt}, ${(run.durationMs / 1_000).toFixed(1)} s, target ${run.target.mode}.`, '');
  }
  lines.push('| area | verdict | summary |', '|---|---|---|');
  for (const a of verdict.areas) lines.push(`| ${AREA_TITLES[a.area]} | ${STATUS_LABEL[a.status] ?? a.status} | ${cell(a.summary)} |`);
  lines.push('', '## Key numbers', '', ...keyNumbers(results).map((l) => `- ${l}`));
  const failures = failureLines(results);
  lines.push('', `## Failures (${failures.length})`, '');
  if (failures.length === 0) lines.push('None.');
  else {
    lines.push(...failures.slice(0, MAX_FAILURES).map((f) => `- ${f}`));
    if (failures.length > MAX_FAILURES) lines.push(`- … and ${failures.length - MAX_FAILURES} more (see report.html)`);
  }
  lines.push('', 'Full report with plots: `report.html`; CI results: `report.junit.xml`.', '');
  return lines.join('\n');
}

function keyNumbers(results: ReportResults): string[] {
  const out: string[] = [];
  if (results.health.state === 'ok') {
    const s = results.health.value.services;
    out.push(`health: ${s.filter((x) => x.ok).length}/${s.length} services healthy (slowest probe ${formatMs(Math.max(0, ...s.map((x) => x.latencyMs)))})`);
  }
  if (results.e2e.state === 'ok') {
    const cases = results.e2e.value.suites.flatMap((s) => s.cases);
    const n = (st: string) => cases.filter((c) => c.status === st).length;
    out.push(`e2e: ${n('pass')} passed, ${n('fail')} failed, ${n('finding')} findings, ${n('skip')} skipped in ${formatMs(results.e2e.value.durationMs)}`);
    const q = retrievalQuality(results.e2e.value);
    if (q.state === 'ok') {
      const { k, mean, byLang } = q.evidence;
      const langs = Object.entries(byLang).map(([lang, m]) => `${lang} nDCG@${k} ${formatScore(m.ndcg)}`);
      out.push(`retrieval quality over ${mean.queries} queries: recall@${k} ${formatScore(mean.recall)}, MRR ${formatScore(mean.mrr)}, nDCG@${k} ${formatScore(mean.ndcg)}${langs.length > 0 ? ` (${langs.join(', ')})` : ''}`);
    }
  }
  for (const file of results.perf) {
    if (file.state !== 'ok') continue;
    const r = file.value;
    const passed = r.gates.filter((g) => g.pass).length;
    const errors = Object.values(r.series).reduce((n, s) => n + s.errors, 0);
    out.push(`perf ${perfLine(r)}: ${passed}/${r.gates.length} gates passed, ${errors} errors in ${formatMs(r.measure.durationMs)}`);
  }
  if (results.chaos.state === 'ok') {
    const c = results.chaos.value;
    const rec = c.experiments.map((e) => e.recovery?.timeToFirstGoodQueryMs).filter((v): v is number => typeof v === 'number');
    out.push(`chaos: ${c.summary.passed}/${c.experiments.length} experiments passed${rec.length > 0 ? `; slowest recovery ${formatMs(Math.max(...rec))} (MTTR objective ${formatMs(c.settings.mttrMs)})` : ''}`);
  }
  if (results.readiness.state === 'ok') {
    const r = results.readiness.value;
    out.push(`readiness: ${r.verdict.replace(/-/g, ' ')}, score ${r.score}/100, coverage ${formatShare(r.coverage)} (${r.counts.pass} pass, ${r.counts.warn} warn, ${r.counts.fail} fail, ${r.counts.unknown} unknown)`);
  }
  if (results.coverage.state === 'ok') {
    const t = results.coverage.value.total;
    out.push(`test coverage (${results.coverage.value.projects.length} projects): lines ${formatPct(t.lines.pct)}, branches ${formatPct(t.branches.pct)}, functions ${formatPct(t.functions.pct)}`);
  }
  return out.length === 0 ? ['no readable results'] : out;
}

function failureLines(results: ReportResults): string[] {
  const out: string[] = [];
  for (const file of [results.run, results.health, results.e2e, ...results.perf, results.chaos, results.readiness, results.coverage]) {
    if (file.state === 'unreadable') out.push(`${code(file.file)} unreadable: ${text(file.reason)}`);
  }
  if (results.health.state === 'ok') {
    for (const s of results.health.value.services.filter((x) => !x.ok)) out.push(`health ${code(s.displayName)}: ${text(s.probes.map((p) => `${p.endpoint} ${p.detail}`).join('; '))}`);
  }
  if (results.e2e.state === 'ok') {
    for (const c of results.e2e.value.suites.flatMap((s) => s.cases).filter((x) => x.status === 'fail')) out.push(`e2e ${code(c.id)}: ${text(c.message ?? 'failed')}`);
  }
  for (const file of results.perf) {
    if (file.state !== 'ok') continue;
    for (const g of file.value.gates.filter((x) => !x.pass)) {
      out.push(`perf ${code(file.value.scenario.name)} ${code(`${g.operation} ${g.gate}`)}: ${text(g.reason)}${g.measured === null ? '' : ` (measured ${formatValue(g.measured, g.unit)})`}`);
    }
  }
  if (results.chaos.state === 'ok') {
    for (const e of results.chaos.value.experiments.filter((x) => x.verdict !== 'pass' && x.verdict !== 'skipped')) out.push(`chaos ${code(e.name)} ${e.verdict}: ${text(failedHypotheses(e))}`);
  }
  if (results.readiness.state === 'ok') {
    for (const c of results.readiness.value.checks.filter((x) => x.status === 'fail')) out.push(`readiness ${code(c.id)} (${c.severity}): ${text(c.reason)} — fix: ${text(c.howToFix)}`);
  }
  return out;
}
