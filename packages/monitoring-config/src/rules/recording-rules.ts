import { OPERATION_NAMES } from '@rag-validate/config';
import { formatNumber, leMatcher, operationMatchers, REQUEST_DURATION, selector, SERVER_ERROR } from '../promql.js';
import { SLI_WINDOWS, SLO_PERIOD, SLO_RECORDS, sliErrorRecord } from './burn-rate-windows.js';
import type { RecordingRule, RuleGroup } from './rule-types.js';
import type { SloObjective } from './slo-objectives.js';

/**
 * The PromQL of an SLO's error ratio over `window`: the share of 5xx responses (availability) or
 * of requests slower than the threshold bucket (latency) among the operation's requests. Empty
 * when the operation had no requests in the window, so no traffic never looks like an outage.
 */
export function sliErrorRatioExpr(objective: SloObjective, window: string): string {
  const matchers = operationMatchers(objective.operation);
  const total = `sum(rate(${selector(REQUEST_DURATION.count, matchers)}[${window}]))`;
  if (objective.kind === 'availability') {
    const errors = `sum(rate(${selector(REQUEST_DURATION.count, [...matchers, SERVER_ERROR])}[${window}]))`;
    return `(\n  ${errors}\n  or vector(0)\n)\n/\n${total}`;
  }
  if (objective.thresholdSeconds === undefined) throw new TypeError(`latency SLO ${objective.path} has no threshold`);
  const fast = `sum(rate(${selector(REQUEST_DURATION.bucket, [...matchers, leMatcher(objective.thresholdSeconds)])}[${window}]))`;
  return `1 - (\n  ${fast}\n  /\n  ${total}\n)`;
}

/** Selector of one SLO's series of a recording rule (`slo:sli_error:ratio_rate1h{operation="search",slo="availability"}`). */
export function sloSeries(record: string, objective: Pick<SloObjective, 'operation' | 'slo'>): string {
  return selector(record, [
    ['operation', '=', objective.operation],
    ['slo', '=', objective.slo],
  ]);
}

/**
 * recording.yml: one group per operation. For every SLO of the operation: its error ratio over each
 * alert window (`slo:sli_error:ratio_rate5m` … `_rate3d`), over the 30-day SLO period, and the
 * objective, error budget and share of the budget left, for dashboards.
 */
export function recordingRuleGroups(objectives: readonly SloObjective[]): RuleGroup<RecordingRule>[] {
  const groups: RuleGroup<RecordingRule>[] = [];
  for (const operation of OPERATION_NAMES) {
    const own = objectives.filter((objective) => objective.operation === operation);
    if (own.length === 0) continue;
    const rules: RecordingRule[] = [];
    for (const objective of own) {
      const labels = { operation, slo: objective.slo };
      for (const window of SLI_WINDOWS) rules.push({ record: sliErrorRecord(window), expr: sliErrorRatioExpr(objective, window), labels });
      rules.push({
        record: sliErrorRecord(SLO_PERIOD),
        expr: `avg_over_time(${sloSeries(sliErrorRecord('5m'), objective)}[${SLO_PERIOD}])`,
        labels,
      });
      rules.push({ record: SLO_RECORDS.objective, expr: `vector(${formatNumber(objective.objective)})`, labels });
      rules.push({ record: SLO_RECORDS.errorBudget, expr: `vector(${formatNumber(objective.errorBudget)})`, labels });
      rules.push({
        record: SLO_RECORDS.budgetRemaining,
        expr: `1 - ${sloSeries(sliErrorRecord(SLO_PERIOD), objective)} / ${formatNumber(objective.errorBudget)}`,
        labels,
      });
    }
    groups.push({ name: `rag-validate-slo-${operation}`, rules });
  }
  return groups;
}

/** Every recording rule name the generator can write (dashboards may query them). */
export function recordingRuleNames(): string[] {
  return [...SLI_WINDOWS.map(sliErrorRecord), sliErrorRecord(SLO_PERIOD), ...Object.values(SLO_RECORDS)];
}
