import { defaultConfig, resolveConfig } from '@rag-validate/config';
import { describe, expect, it } from 'vitest';
import { resolveMonitoringOptions } from '../options.js';
import { parseDuration } from '../promql.js';
import { ALERTS, runbookAnchor } from './alert-catalog.js';
import { alertRuleGroups } from './alert-rules.js';
import { BURN_RATE_WINDOWS } from './burn-rate-windows.js';
import { recordingRuleGroups, recordingRuleNames } from './recording-rules.js';
import { sloObjectives } from './slo-objectives.js';

function rulesFor(raw: unknown = {}) {
  const config = resolveConfig(raw, { env: {} });
  const objectives = sloObjectives(config.slos);
  return alertRuleGroups(config.slos, objectives, resolveMonitoringOptions()).flatMap((group) => group.rules);
}

describe('alert rules', () => {
  it('has, for the default SLOs, the seed alerts plus one burn-rate alert per SLO and window', () => {
    const summary = rulesFor().map((rule) => [rule.alert, rule.labels['operation'] ?? '', rule.labels['slo'] ?? rule.labels['quantile'] ?? '', rule.labels['long_window'] ?? '', rule.labels['severity']]);
    expect(summary).toEqual([
      ['ServiceDown', '', '', '', 'critical'],
      ['HighErrorRate', '', '', '', 'warning'],
      ['HighResponseTime', 'search', '0.95', '', 'warning'],
      ['HighAverageResponseTime', 'search', '', '', 'warning'],
      ['HighResponseTime', 'generate', '0.95', '', 'warning'],
      ['HighAverageResponseTime', 'generate', '', '', 'warning'],
      ['HighAverageResponseTime', 'health', '', '', 'warning'],
      ...['search', 'generate', 'index', 'health'].flatMap((operation) => {
        const slos = { search: ['availability', 'latency-p95'], generate: ['availability', 'latency-p95'], index: ['availability', 'latency-max'], health: ['availability'] }[operation] ?? [];
        return slos.flatMap((slo) =>
          [
            ['1h', 'page'],
            ['6h', 'page'],
            ['3d', 'ticket'],
          ].map(([window, severity]) => [slo === 'availability' ? 'AvailabilityBudgetBurn' : 'LatencyBudgetBurn', operation, slo, window, severity]),
        );
      }),
    ]);
  });

  it('keeps ServiceDown and the seed thresholds: up == 0 for 1m, p95 above the SLO (5 s search, 60 s generate)', () => {
    const rules = rulesFor();
    expect(rules.find((r) => r.alert === 'ServiceDown')).toMatchObject({ expr: 'up{service=~"rag-server|embedding-server|llm-server|vector-db"} == 0', for: '1m' });
    const p95 = rules.filter((r) => r.alert === 'HighResponseTime').map((r) => r.expr.split('\n').at(-1));
    expect(p95).toEqual(['> 5', '> 60']);
  });

  it('uses the SRE-workbook thresholds: 14.4x and 6x the budget page, 1x opens a ticket', () => {
    const search = rulesFor().filter((r) => r.alert === 'AvailabilityBudgetBurn' && r.labels['operation'] === 'search');
    expect(search.map((r) => r.expr)).toEqual([
      'slo:sli_error:ratio_rate1h{operation="search",slo="availability"} > (14.4 * 0.01)\nand\nslo:sli_error:ratio_rate5m{operation="search",slo="availability"} > (14.4 * 0.01)',
      'slo:sli_error:ratio_rate6h{operation="search",slo="availability"} > (6 * 0.01)\nand\nslo:sli_error:ratio_rate30m{operation="search",slo="availability"} > (6 * 0.01)',
      'slo:sli_error:ratio_rate3d{operation="search",slo="availability"} > (1 * 0.01)\nand\nslo:sli_error:ratio_rate6h{operation="search",slo="availability"} > (1 * 0.01)',
    ]);
  });

  it('leaves out burn-rate windows that could never fire (a p50 objective has a 50 % budget: only the 1x ticket)', () => {
    const p50 = rulesFor({ slos: { search: { latency: { p50Ms: 1000 } } } }).filter((r) => r.labels['slo'] === 'latency-p50');
    expect(p50.map((r) => [r.labels['long_window'], r.labels['severity']])).toEqual([['3d', 'ticket']]);
  });

  it('gives slower burn-rate windows a longer for (the generated promtool tests rely on it)', () => {
    const fors = BURN_RATE_WINDOWS.map((window) => parseDuration(window.for) ?? 0);
    expect(fors).toEqual([...fors].sort((a, b) => a - b));
    expect(new Set(fors).size).toBe(fors.length);
  });

  it('every alert has a catalog entry with a runbook anchor, a summary and a description, and every catalog entry is generated', () => {
    const rules = rulesFor({ slos: { search: { latency: { p50Ms: 1000, p99Ms: 10_000 } } } });
    const names = new Set(rules.map((rule) => rule.alert));
    expect([...names].sort()).toEqual(ALERTS.map((a) => a.name).sort());
    for (const rule of rules) {
      const entry = ALERTS.find((a) => a.name === rule.alert);
      expect(entry?.severities).toContain(rule.labels['severity']);
      expect(rule.annotations['runbook_url']).toBe(`docs/incident-response.md#${runbookAnchor(rule.alert as (typeof ALERTS)[number]['name'])}`);
      expect(rule.annotations['summary']?.length).toBeGreaterThan(10);
      expect(rule.annotations['description']?.length).toBeGreaterThan(30);
    }
    expect(ALERTS.map((a) => runbookAnchor(a.name))).toEqual(['servicedown', 'higherrorrate', 'highresponsetime', 'highaverageresponsetime', 'availabilitybudgetburn', 'latencybudgetburn']);
  });

  it('every burn-rate alert reads only recording rules that recording.yml defines for the same SLO', () => {
    const config = defaultConfig();
    const objectives = sloObjectives(config.slos);
    const recorded = new Set(
      recordingRuleGroups(objectives).flatMap((group) => group.rules.map((rule) => `${rule.record}{operation="${rule.labels?.['operation']}",slo="${rule.labels?.['slo']}"}`)),
    );
    const burn = rulesFor().filter((r) => r.alert.endsWith('BudgetBurn'));
    for (const rule of burn) for (const series of rule.expr.match(/slo:[a-z_:0-9]+\{[^}]+\}/g) ?? []) expect(recorded).toContain(series);
    expect(recordingRuleNames()).toContain('slo:sli_error:ratio_rate5m');
  });
});
