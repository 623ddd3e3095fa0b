import { formatValue } from '@rag-validate/perf';
import { AREA_NAMES, type AreaName } from '../results/area-file.js';
import type { ReportResults } from '../results/load-results.js';
import { areaVerdicts, type AreaVerdict } from '../summary/area-verdicts.js';
import { formatEvidence } from './format.js';
import { failedHypotheses } from './html/chaos-section.js';

// XML 1.0 cannot carry these characters at all; they are dropped.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Escapes element text. */
export function xmlText(value: string): string {
  return value.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escapes an attribute value; line breaks and tabs are kept as character references (a parser would turn them into spaces). */
export function xmlAttr(value: string): string {
  return xmlText(value).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\r/g, '&#13;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

interface TestCase {
  readonly classname: string;
  readonly name: string;
  readonly timeMs?: number;
  readonly outcome?: { readonly kind: 'failure' | 'error' | 'skipped'; readonly message: string; readonly type?: string; readonly body?: string };
  readonly out?: string;
}

const seconds = (ms: number | undefined): string => ((ms ?? 0) / 1_000).toFixed(3);

/**
 * JUnit XML for CI: one `<testsuite>` per area (health, e2e, perf, chaos, readiness), one
 * `<testcase>` per service, case, gate, experiment or check; a failed one carries a `<failure>`
 * with its reason. An unreadable result file is an `<error>`; an area without results one skipped
 * testcase. Readiness `unknown` checks are skipped (not evaluated), `warn` ones pass with a note. Pure.
 */
export function renderJUnitReport(results: ReportResults): string {
  const verdict = areaVerdicts(results);
  const suites = AREA_NAMES.map((area) => ({ area, cases: casesOf(results, area, verdict.areas.find((a) => a.area === area)) }));
  const count = (cases: readonly TestCase[], kind: string) => cases.filter((c) => c.outcome?.kind === kind).length;
  const all = suites.flatMap((s) => s.cases);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="rag-validate" tests="${all.length}" failures="${count(all, 'failure')}" errors="${count(all, 'error')}" skipped="${count(all, 'skipped')}" time="${seconds(all.reduce((n, c) => n + (c.timeMs ?? 0), 0))}">`,
  ];
  for (const { area, cases } of suites) {
    const time = cases.reduce((n, c) => n + (c.timeMs ?? 0), 0);
    lines.push(`  <testsuite name="${area}" tests="${cases.length}" failures="${count(cases, 'failure')}" errors="${count(cases, 'error')}" skipped="${count(cases, 'skipped')}" time="${seconds(time)}">`);
    for (const c of cases) {
      const open = `    <testcase classname="${xmlAttr(c.classname)}" name="${xmlAttr(c.name)}" time="${seconds(c.timeMs)}"`;
      if (c.outcome === undefined && c.out === undefined) {
        lines.push(`${open}/>`);
        continue;
      }
      lines.push(`${open}>`);
      if (c.outcome) {
        const type = c.outcome.type === undefined ? '' : ` type="${xmlAttr(c.outcome.type)}"`;
        const body = c.outcome.body === undefined || c.outcome.kind === 'skipped' ? '' : xmlText(c.outcome.body);
        lines.push(body === '' ? `      <${c.outcome.kind} message="${xmlAttr(c.outcome.message)}"${type}/>` : `      <${c.outcome.kind} message="${xmlAttr(c.outcome.message)}"${type}>${body}</${c.outcome.kind}>`);
      }
      if (c.out !== undefined) lines.push(`      <system-out>${xmlText(c.out)}</system-out>`);
      lines.push('    </testcase>');
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}

function casesOf(results: ReportResults, area: AreaName, verdict: AreaVerdict | undefined): TestCase[] {
  const unreadable = (file: string, reason: string): TestCase => ({ classname: area, name: file, outcome: { kind: 'error', message: `unreadable: ${reason}`, type: 'unreadable' } });
  const none = (): TestCase[] => [
    { classname: area, name: `${area}: no results`, outcome: { kind: 'skipped', message: verdict?.source === 'run.json' ? verdict.summary : (verdict?.summary ?? 'no results') } },
  ];
  switch (area) {
    case 'health': {
      const f = results.health;
      if (f.state === 'unreadable') return [unreadable(f.file, f.reason)];
      if (f.state === 'missing') return none();
      return f.value.services.map((s) => ({
        classname: 'health',
        name: s.displayName,
        timeMs: s.latencyMs,
        ...(s.ok ? {} : { outcome: { kind: 'failure' as const, message: `not healthy: ${s.probes.map((p) => `${p.endpoint} ${p.detail}`).join('; ')}`, body: `url: ${s.url}` } }),
      }));
    }
    case 'e2e': {
      const f = results.e2e;
      if (f.state === 'unreadable') return [unreadable(f.file, f.reason)];
      if (f.state === 'missing') return none();
      return f.value.suites.flatMap((s) =>
        s.cases.map((c): TestCase => {
          const base = { classname: `e2e.${s.suite}`, name: `${c.id}: ${c.title}`, timeMs: c.durationMs };
          if (c.status === 'fail') return { ...base, outcome: { kind: 'failure', message: c.message ?? 'failed', body: formatEvidence(c.evidence) } };
          if (c.status === 'skip') return { ...base, outcome: { kind: 'skipped', message: c.message ?? 'skipped' } };
          if (c.status === 'finding') return { ...base, out: `finding: ${c.message ?? ''}` };
          return base;
        }),
      );
    }
    case 'perf': {
      if (results.perf.length === 0) return none();
      return results.perf.flatMap((f): TestCase[] => {
        if (f.state !== 'ok') return [unreadable(f.file, f.state === 'unreadable' ? f.reason : 'missing')];
        const r = f.value;
        if (r.gates.length === 0) return [{ classname: `perf.${r.scenario.name}`, name: `${r.scenario.name}: no gates`, ...(r.pass ? {} : { outcome: { kind: 'failure', message: 'failed' } }) }];
        return r.gates.map((g) => ({
          classname: `perf.${r.scenario.name}`,
          name: `${g.operation} ${g.gate}`,
          timeMs: r.measure.durationMs,
          ...(g.pass
            ? {}
            : { outcome: { kind: 'failure' as const, message: g.reason, body: `measured ${g.measured === null ? 'nothing' : formatValue(g.measured, g.unit)}; threshold ${g.bound === 'upper' ? '≤' : '≥'} ${formatValue(g.threshold, g.unit)} (${g.source})` } }),
        }));
      });
    }
    case 'chaos': {
      const f = results.chaos;
      if (f.state === 'unreadable') return [unreadable(f.file, f.reason)];
      if (f.state === 'missing') return none();
      return f.value.experiments.map((e): TestCase => {
        const base = { classname: 'chaos', name: `${e.name}: ${e.title}`, timeMs: e.durationMs };
        const body = e.hypotheses.map((h) => `${h.verdict.toUpperCase()} ${h.id}: ${h.reason}`).join('\n');
        if (e.verdict === 'error') return { ...base, outcome: { kind: 'error', message: failedHypotheses(e), type: e.error?.code ?? 'error', body } };
        if (e.verdict === 'skipped') return { ...base, outcome: { kind: 'skipped', message: e.hypotheses[0]?.reason ?? 'skipped' } };
        if (e.verdict !== 'pass') return { ...base, outcome: { kind: 'failure', message: failedHypotheses(e), type: e.verdict, body } };
        return { ...base, out: `recovered in ${e.recovery?.timeToFirstGoodQueryMs ?? '–'} ms (MTTR objective ${e.recovery?.mttrObjectiveMs ?? '–'} ms)` };
      });
    }
    case 'readiness': {
      const f = results.readiness;
      if (f.state === 'unreadable') return [unreadable(f.file, f.reason)];
      if (f.state === 'missing') return none();
      return f.value.checks.map((c): TestCase => {
        const base = { classname: `readiness.${c.category}`, name: `${c.id}: ${c.title}` };
        const body = [...c.evidence, `How to fix: ${c.howToFix}`].join('\n');
        if (c.status === 'fail') return { ...base, outcome: { kind: 'failure', message: c.reason, type: c.severity, body } };
        if (c.status === 'unknown') return { ...base, outcome: { kind: 'skipped', message: `unknown (not evaluated): ${c.reason}` } };
        if (c.status === 'skip') return { ...base, outcome: { kind: 'skipped', message: c.reason } };
        if (c.status === 'warn') return { ...base, out: `WARN: ${c.reason}\nHow to fix: ${c.howToFix}` };
        return base;
      });
    }
  }
}
