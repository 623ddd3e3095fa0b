import {
  LATENCY_BUCKETS_SECONDS,
  OPERATION_NAMES,
  OPERATION_ROUTES,
  SERVICE_DISPLAY_NAMES,
  SERVICE_NAMES,
  type OperationName,
  type RagValidateConfig,
  type ServiceName,
} from '@rag-validate/config';
import type { ResolvedMonitoringOptions } from '../options.js';
import { formatDuration, formatNumber, parseDuration, REQUEST_DURATION, selector } from '../promql.js';
import { RULE_FILES, targetInstance } from '../prometheus/prometheus-config.js';
import type { AlertName } from './alert-catalog.js';
import { alertRuleGroups, applicableWindows, burnAlertName } from './alert-rules.js';
import { recordingRuleGroups } from './recording-rules.js';
import { BURN_RATE_WINDOWS, type BurnRateWindow } from './burn-rate-windows.js';
import type { AlertingRule } from './rule-types.js';
import type { SloObjective } from './slo-objectives.js';

/** Evaluation step of the generated promtool tests. */
const STEP_MS = 60_000;
/** Requests per minute in the generated input series. */
const PER_MINUTE = 1000;
/** Rate-based conditions can hold from the second sample on (rate needs two samples). */
const FIRST_RATE_MS = STEP_MS;

interface ExpectedAlert {
  readonly exp_labels: Record<string, string>;
  readonly exp_annotations: Record<string, string>;
}

interface AlertCheck {
  readonly eval_time: string;
  readonly alertname: AlertName;
  readonly exp_alerts: ExpectedAlert[];
}

/** One promtool test group: input series and the alerts expected at given times. */
export interface RuleTestGroup {
  readonly name: string;
  readonly interval: string;
  readonly input_series: Array<{ series: string; values: string }>;
  readonly alert_rule_test: AlertCheck[];
}

/** A promtool rule unit-test file (`promtool test rules <file>`). */
export interface RuleTestDocument {
  readonly rule_files: string[];
  readonly evaluation_interval: string;
  readonly group_eval_order: string[];
  readonly tests: RuleTestGroup[];
}

interface Context {
  readonly config: Pick<RagValidateConfig, 'target' | 'slos'>;
  readonly rules: readonly AlertingRule[];
  readonly options: ResolvedMonitoringOptions;
}

/**
 * promtool unit tests for the generated rules, derived from the same SLOs: for every alert, input
 * series that must fire it (checked one step before and at the time it must fire, with its labels
 * and annotations) and healthy series that must leave it silent. `ruleFilesDir` is the path from
 * the test file to the rule files.
 */
export function ruleUnitTests(
  config: Pick<RagValidateConfig, 'target' | 'slos'>,
  objectives: readonly SloObjective[],
  options: ResolvedMonitoringOptions,
  ruleFilesDir = '..',
): RuleTestDocument {
  const alertGroups = alertRuleGroups(config.slos, objectives, options);
  const rules = alertGroups.flatMap((group) => group.rules);
  const context: Context = { config, rules, options };
  return {
    rule_files: [`${ruleFilesDir}/${RULE_FILES.recording}`, `${ruleFilesDir}/${RULE_FILES.alerts}`],
    evaluation_interval: formatDuration(STEP_MS),
    // Recording groups first, so an alert sees the ratios recorded at the same step (promtool's
    // order is otherwise unspecified). A running Prometheus evaluates groups independently, so
    // there the burn-rate alerts may lag by up to one evaluation interval.
    group_eval_order: [...recordingRuleGroups(objectives).map((group) => group.name), ...alertGroups.map((group) => group.name)],
    tests: [
      ...serviceDownTests(context),
      ...highErrorRateTests(context),
      ...OPERATION_NAMES.flatMap((operation) => latencyTests(context, operation)),
      ...burnRateTests(context, objectives),
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// Series helpers

function instance(context: Context, service: ServiceName): string {
  return targetInstance(context.config, context.options, service);
}

/** The labels Prometheus attaches to every series of a service's scrape job. */
function targetLabels(context: Context, service: ServiceName): Array<['job' | 'service' | 'instance', '=', string]> {
  const job = SERVICE_DISPLAY_NAMES[service];
  return [
    ['instance', '=', instance(context, service)],
    ['job', '=', job],
    ['service', '=', job],
  ];
}

function requestLabels(context: Context, service: ServiceName, route: string, status: string): Array<readonly [string, '=', string]> {
  return [...targetLabels(context, service), ['method', '=', 'POST'], ['route', '=', route], ['status_code', '=', status]];
}

/** A counter growing by `perStep` every step, for `steps` steps. */
function counter(perStep: number, steps: number): string {
  return `0+${formatNumber(perStep)}x${steps}`;
}

function stepsFor(durationMs: number): number {
  return Math.ceil(durationMs / STEP_MS);
}

function forMs(rule: AlertingRule): number {
  return rule.for === undefined ? 0 : (parseDuration(rule.for) ?? 0);
}

/** When an alert whose condition first holds at `activeAtMs` fires: the first step at least `for` later. */
function firesAtMs(activeAtMs: number, rule: AlertingRule): number {
  return activeAtMs + stepsFor(forMs(rule)) * STEP_MS;
}

function expected(rule: AlertingRule, seriesLabels: Record<string, string>): ExpectedAlert {
  const labels = { ...seriesLabels, ...rule.labels };
  const annotations = Object.fromEntries(
    Object.entries(rule.annotations).map(([key, text]) => [key, text.replace(/\{\{ \$labels\.(\w+) \}\}/g, (_, name: string) => labels[name] ?? '')]),
  );
  return { exp_labels: labels, exp_annotations: annotations };
}

function rulesOf(context: Context, alert: AlertName, match: (rule: AlertingRule) => boolean = () => true): AlertingRule[] {
  return context.rules.filter((rule) => rule.alert === alert && match(rule));
}

function only<T>(items: readonly T[], what: string): T {
  if (items.length !== 1 || items[0] === undefined) throw new TypeError(`expected exactly one ${what}, found ${items.length}`);
  return items[0];
}

/** Checks one step before the alert must fire (silent) and when it must fire. */
function firingChecks(alert: AlertName, fireAtMs: number, alerts: ExpectedAlert[]): AlertCheck[] {
  return [
    { eval_time: formatDuration(fireAtMs - STEP_MS), alertname: alert, exp_alerts: [] },
    { eval_time: formatDuration(fireAtMs), alertname: alert, exp_alerts: alerts },
  ];
}

// ---------------------------------------------------------------------------------------------
// ServiceDown

function serviceDownTests(context: Context): RuleTestGroup[] {
  const rule = only(rulesOf(context, 'ServiceDown'), 'ServiceDown rule');
  const downAtMs = 5 * STEP_MS;
  const fireAtMs = firesAtMs(downAtMs, rule);
  const steps = stepsFor(fireAtMs) + 5;
  // A scraped service goes down as `up` 0; a probed one as `probe_success` 0 while its exporter stays up.
  const upSeries = (down: ServiceName | undefined) =>
    SERVICE_NAMES.flatMap((service) => {
      const downValues = `1x${stepsFor(downAtMs) - 1} 0x${steps - stepsFor(downAtMs) + 1}`;
      const probed = context.options.probedServices.includes(service);
      const up = { series: selector('up', targetLabels(context, service)), values: service === down && !probed ? downValues : `1x${steps}` };
      if (!probed) return [up];
      return [up, { series: selector('probe_success', targetLabels(context, service)), values: service === down ? downValues : `1x${steps}` }];
    });
  const firing = SERVICE_NAMES.map((service) => ({
    name: `ServiceDown: ${SERVICE_DISPLAY_NAMES[service]} ${context.options.probedServices.includes(service) ? 'fails its health probe' : 'stops answering scrapes'} at ${formatDuration(downAtMs)} and the alert fires after ${rule.for ?? '0s'}`,
    interval: formatDuration(STEP_MS),
    input_series: upSeries(service),
    alert_rule_test: firingChecks('ServiceDown', fireAtMs, [expected(rule, Object.fromEntries(targetLabels(context, service).map(([k, , v]) => [k, v])))]),
  }));
  const healthy: RuleTestGroup = {
    name: 'ServiceDown: stays silent while every service is up',
    interval: formatDuration(STEP_MS),
    input_series: upSeries(undefined),
    alert_rule_test: [{ eval_time: formatDuration(steps * STEP_MS), alertname: 'ServiceDown', exp_alerts: [] }],
  };
  return [...firing, healthy];
}

// ---------------------------------------------------------------------------------------------
// HighErrorRate

function requestSeries(context: Context, service: ServiceName, route: string, errorRatio: number, steps: number) {
  const errors = PER_MINUTE * errorRatio;
  return [
    { series: selector(REQUEST_DURATION.count, requestLabels(context, service, route, '200')), values: counter(PER_MINUTE - errors, steps) },
    { series: selector(REQUEST_DURATION.count, requestLabels(context, service, route, '500')), values: counter(errors, steps) },
  ];
}

function highErrorRateTests(context: Context): RuleTestGroup[] {
  const rule = only(rulesOf(context, 'HighErrorRate'), 'HighErrorRate rule');
  const threshold = context.options.errorRateThreshold;
  const fireAtMs = firesAtMs(FIRST_RATE_MS, rule);
  const steps = stepsFor(fireAtMs) + 5;
  const bad = Math.min(1, threshold * 2);
  const good = threshold / 2;
  return SERVICE_NAMES.flatMap((service) => {
    const job = SERVICE_DISPLAY_NAMES[service];
    return [
      {
        name: `HighErrorRate: ${job} answers ${formatNumber(bad * 100)} % 5xx and the alert fires`,
        interval: formatDuration(STEP_MS),
        input_series: requestSeries(context, service, '/test', bad, steps),
        alert_rule_test: firingChecks('HighErrorRate', fireAtMs, [expected(rule, { service: job })]),
      },
      {
        name: `HighErrorRate: ${job} answers ${formatNumber(good * 100)} % 5xx and the alert stays silent`,
        interval: formatDuration(STEP_MS),
        input_series: requestSeries(context, service, '/test', good, steps),
        alert_rule_test: [{ eval_time: formatDuration(steps * STEP_MS), alertname: 'HighErrorRate', exp_alerts: [] }],
      },
    ];
  });
}

// ---------------------------------------------------------------------------------------------
// HighResponseTime and HighAverageResponseTime

/** Histogram series where every request takes between the bucket bound below `upper` and `upper`. */
function histogramSeries(context: Context, operation: OperationName, upperSeconds: number, steps: number) {
  const { service, routes } = OPERATION_ROUTES[operation];
  const route = routes[0] ?? '/';
  const labels = requestLabels(context, service, route, '200');
  const buckets = LATENCY_BUCKETS_SECONDS.map((bound) => ({
    series: selector(REQUEST_DURATION.bucket, [...labels, ['le', '=', formatNumber(bound)]]),
    values: counter(bound >= upperSeconds ? PER_MINUTE : 0, steps),
  }));
  return [
    ...buckets,
    { series: selector(REQUEST_DURATION.bucket, [...labels, ['le', '=', '+Inf']]), values: counter(PER_MINUTE, steps) },
    { series: selector(REQUEST_DURATION.count, labels), values: counter(PER_MINUTE, steps) },
    { series: selector(REQUEST_DURATION.sum, labels), values: counter(PER_MINUTE * upperSeconds, steps) },
  ];
}

/** The threshold (seconds) of a HighResponseTime rule, from the SLO it was generated from. */
function percentileThreshold(context: Context, operation: OperationName, rule: AlertingRule): { key: string; seconds: number; quantile: number } {
  const quantile = Number(rule.labels['quantile']);
  const key = quantile === 0.5 ? 'p50Ms' : quantile === 0.95 ? 'p95Ms' : 'p99Ms';
  return { key, seconds: (context.config.slos[operation].latency[key] ?? 0) / 1000, quantile };
}

/**
 * What histogram_quantile estimates when every request fell into the bucket ending at `upper`:
 * linear interpolation inside that bucket (Prometheus' documented behaviour).
 */
function singleBucketQuantile(upper: number, quantile: number): number {
  const lower = [...LATENCY_BUCKETS_SECONDS].reverse().find((bound) => bound < upper) ?? 0;
  return lower + (upper - lower) * quantile;
}

function latencyTests(context: Context, operation: OperationName): RuleTestGroup[] {
  const groups: RuleTestGroup[] = [];
  const percentileRules = rulesOf(context, 'HighResponseTime', (r) => r.labels['operation'] === operation);
  for (const rule of percentileRules) {
    const { key, seconds } = percentileThreshold(context, operation, rule);
    const slowUpper = LATENCY_BUCKETS_SECONDS.find((bound) => bound > seconds);
    if (slowUpper === undefined) continue;
    const fireAtMs = firesAtMs(FIRST_RATE_MS, rule);
    const steps = stepsFor(fireAtMs) + 5;
    // Every objective whose percentile the slow requests push over its threshold fires (with p50 1 s
    // and p95 5 s configured, requests of 5-10 s break both).
    const firing = percentileRules.filter((other) => {
      const threshold = percentileThreshold(context, operation, other);
      return singleBucketQuantile(slowUpper, threshold.quantile) > threshold.seconds;
    });
    groups.push({
      name: `HighResponseTime: every ${operation} request takes up to ${formatNumber(slowUpper)} s, above the ${key} objective of ${formatNumber(seconds)} s, and the alert fires`,
      interval: formatDuration(STEP_MS),
      input_series: histogramSeries(context, operation, slowUpper, steps),
      alert_rule_test: firingChecks(
        'HighResponseTime',
        fireAtMs,
        firing.map((r) => expected(r, {})),
      ),
    });
  }
  if (percentileRules.length > 0) {
    const thresholds = percentileRules.map((rule) => percentileThreshold(context, operation, rule));
    const fastest = Math.min(...thresholds.map((t) => t.seconds));
    const steps = stepsFor(Math.max(...percentileRules.map((rule) => firesAtMs(FIRST_RATE_MS, rule)))) + 5;
    groups.push({
      name: `HighResponseTime: every ${operation} request finishes within ${formatNumber(fastest)} s, meeting ${thresholds.map((t) => `${t.key} ${formatNumber(t.seconds)} s`).join(' and ')}, and the alert stays silent`,
      interval: formatDuration(STEP_MS),
      input_series: histogramSeries(context, operation, fastest, steps),
      alert_rule_test: [{ eval_time: formatDuration(steps * STEP_MS), alertname: 'HighResponseTime', exp_alerts: [] }],
    });
  }
  for (const rule of rulesOf(context, 'HighAverageResponseTime', (r) => r.labels['operation'] === operation)) {
    const averageSeconds = (context.config.slos[operation].latency.avgMs ?? 0) / 1000;
    const fireAtMs = firesAtMs(FIRST_RATE_MS, rule);
    const steps = stepsFor(fireAtMs) + 5;
    const labels = requestLabels(context, OPERATION_ROUTES[operation].service, OPERATION_ROUTES[operation].routes[0] ?? '/', '200');
    const series = (meanSeconds: number) => [
      { series: selector(REQUEST_DURATION.count, labels), values: counter(PER_MINUTE, steps) },
      { series: selector(REQUEST_DURATION.sum, labels), values: counter(PER_MINUTE * meanSeconds, steps) },
    ];
    groups.push(
      {
        name: `HighAverageResponseTime: ${operation} requests take ${formatNumber(averageSeconds * 2)} s on average, above the objective of ${formatNumber(averageSeconds)} s, and the alert fires`,
        interval: formatDuration(STEP_MS),
        input_series: series(averageSeconds * 2),
        alert_rule_test: firingChecks('HighAverageResponseTime', fireAtMs, [expected(rule, {})]),
      },
      {
        name: `HighAverageResponseTime: ${operation} requests take ${formatNumber(averageSeconds / 2)} s on average and the alert stays silent`,
        interval: formatDuration(STEP_MS),
        input_series: series(averageSeconds / 2),
        alert_rule_test: [{ eval_time: formatDuration(steps * STEP_MS), alertname: 'HighAverageResponseTime', exp_alerts: [] }],
      },
    );
  }
  return groups;
}

// ---------------------------------------------------------------------------------------------
// Burn-rate alerts

/** Series where a share `badRatio` of an SLO's requests is bad (5xx, or slower than the threshold). */
function sloSeriesInput(context: Context, objective: SloObjective, badRatio: number, steps: number) {
  const { service, routes } = OPERATION_ROUTES[objective.operation];
  const route = routes[0] ?? '/';
  const bad = Math.round(PER_MINUTE * badRatio);
  if (objective.kind === 'availability') return requestSeriesCounts(context, service, route, bad, steps);
  const labels = requestLabels(context, service, route, '200');
  const threshold = objective.thresholdSeconds ?? 0;
  return [
    { series: selector(REQUEST_DURATION.bucket, [...labels, ['le', '=', formatNumber(threshold)]]), values: counter(PER_MINUTE - bad, steps) },
    { series: selector(REQUEST_DURATION.bucket, [...labels, ['le', '=', '+Inf']]), values: counter(PER_MINUTE, steps) },
    { series: selector(REQUEST_DURATION.count, labels), values: counter(PER_MINUTE, steps) },
  ];
}

function requestSeriesCounts(context: Context, service: ServiceName, route: string, errorsPerStep: number, steps: number) {
  return [
    { series: selector(REQUEST_DURATION.count, requestLabels(context, service, route, '200')), values: counter(PER_MINUTE - errorsPerStep, steps) },
    { series: selector(REQUEST_DURATION.count, requestLabels(context, service, route, '500')), values: counter(errorsPerStep, steps) },
  ];
}

interface BurnScenario {
  readonly objective: SloObjective;
  readonly alert: 'AvailabilityBudgetBurn' | 'LatencyBudgetBurn';
  readonly badRatio: number;
  readonly rule: AlertingRule;
}

/**
 * The burn-rate tests. Each SLO gets, per burn-rate window, an error ratio between that window's
 * threshold and the next faster one's (or 100 %): that window must fire and no faster one may. Slower
 * windows have a longer `for`, so when this window's alert must fire it is the only one firing. A
 * healthy scenario at half the budget must stay silent past the slowest `for`. To keep promtool
 * fast, the SLOs of different operations share a test group (their series cannot mix: every SLI
 * selects its operation's routes); the SLOs of one operation go to separate groups, since they
 * count the same requests.
 */
function burnRateTests(context: Context, objectives: readonly SloObjective[]): RuleTestGroup[] {
  const slots: SloObjective[][] = [];
  for (const operation of OPERATION_NAMES) {
    objectives
      .filter((objective) => objective.operation === operation)
      .forEach((objective, index) => (slots[index] ??= []).push(objective));
  }
  const groups: RuleTestGroup[] = [];
  for (const [slotIndex, slot] of slots.entries()) {
    const part = slots.length > 1 ? ` (part ${slotIndex + 1} of ${slots.length})` : '';
    for (const window of BURN_RATE_WINDOWS) {
      const scenarios = slot.flatMap((objective) => burnScenario(context, objective, window));
      if (scenarios.length === 0) continue;
      const fireAtMs = FIRST_RATE_MS + stepsFor(parseDuration(window.for) ?? 0) * STEP_MS;
      const alerts = [...new Set(scenarios.map((scenario) => scenario.alert))];
      groups.push({
        name: `burn rate ${window.longWindow}/${window.shortWindow} (${window.severity})${part}: ${scenarios.map(describe).join('; ')}`,
        interval: formatDuration(STEP_MS),
        input_series: scenarios.flatMap((scenario) => sloSeriesInput(context, scenario.objective, scenario.badRatio, stepsFor(fireAtMs) + 2)),
        alert_rule_test: alerts.flatMap((alert) =>
          firingChecks(
            alert,
            fireAtMs,
            scenarios.filter((scenario) => scenario.alert === alert).map((scenario) => expected(scenario.rule, { operation: scenario.objective.operation, slo: scenario.objective.slo })),
          ),
        ),
      });
    }
    const slowest = Math.max(...BURN_RATE_WINDOWS.map((window) => FIRST_RATE_MS + stepsFor(parseDuration(window.for) ?? 0) * STEP_MS));
    const steps = stepsFor(slowest) + 2;
    groups.push({
      name: `burn rate, healthy${part}: ${slot.map((objective) => `${formatNumber((objective.errorBudget / 2) * 100)} % of ${objective.operation} requests miss "${objective.description}"`).join('; ')} (half the budget); nothing fires`,
      interval: formatDuration(STEP_MS),
      input_series: slot.flatMap((objective) => sloSeriesInput(context, objective, objective.errorBudget / 2, steps)),
      alert_rule_test: [...new Set(slot.map(burnAlertName))].map((alert) => ({ eval_time: formatDuration(steps * STEP_MS), alertname: alert, exp_alerts: [] })),
    });
  }
  return groups;
}

function burnScenario(context: Context, objective: SloObjective, window: BurnRateWindow): BurnScenario[] {
  const windows = applicableWindows(objective);
  if (!windows.includes(window)) return [];
  const alert = burnAlertName(objective);
  const faster = windows.filter((w) => w.burnRate > window.burnRate).map((w) => w.burnRate * objective.errorBudget);
  const ceiling = Math.min(1, ...faster);
  const badRatio = Math.round(((window.burnRate * objective.errorBudget + ceiling) / 2) * PER_MINUTE) / PER_MINUTE;
  const rule = only(
    rulesOf(context, alert, (r) => r.labels['operation'] === objective.operation && r.labels['slo'] === objective.slo && r.labels['long_window'] === window.longWindow),
    `${alert} rule for ${objective.operation}/${objective.slo}/${window.longWindow}`,
  );
  return [{ objective, alert, badRatio, rule }];
}

function describe(scenario: BurnScenario): string {
  const { objective, badRatio } = scenario;
  return `${formatNumber(badRatio * 100)} % of ${objective.operation} requests miss "${objective.description}" (${formatNumber(badRatio / objective.errorBudget)}x the budget)`;
}
