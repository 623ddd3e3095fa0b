import { OPERATION_NAMES, OPERATION_ROUTES, SERVICE_NAMES, type Slos } from '@rag-validate/config';
import type { ResolvedMonitoringOptions } from '../options.js';
import { escapeRegex, formatNumber, operationMatchers, REQUEST_DURATION, selector, SERVER_ERROR, serviceLabel } from '../promql.js';
import { runbookUrl, type AlertName } from './alert-catalog.js';
import { BURN_RATE_WINDOWS, sliErrorRecord, type BurnRateWindow } from './burn-rate-windows.js';
import { sloSeries } from './recording-rules.js';
import type { AlertingRule, RuleGroup } from './rule-types.js';
import type { SloObjective } from './slo-objectives.js';

/** The window the warning alerts (HighErrorRate, HighResponseTime, HighAverageResponseTime) look at. */
export const WARNING_WINDOW = '5m';

const PERCENTILE_KEYS = [
  { key: 'p50Ms', quantile: 0.5, label: 'p50' },
  { key: 'p95Ms', quantile: 0.95, label: 'p95' },
  { key: 'p99Ms', quantile: 0.99, label: 'p99' },
] as const;

/** Regex matching the `service` label of every scrape job the generator writes. */
export function allServicesRegex(): string {
  return SERVICE_NAMES.map((name) => escapeRegex(serviceLabel(name))).join('|');
}

/**
 * alerts.yml: ServiceDown and HighErrorRate per service; HighResponseTime per operation and
 * percentile objective; HighAverageResponseTime per operation with an `avgMs` objective; and the
 * multi-window multi-burn-rate alerts for every SLO.
 */
export function alertRuleGroups(slos: Slos, objectives: readonly SloObjective[], options: ResolvedMonitoringOptions): RuleGroup<AlertingRule>[] {
  const runbook = (alert: AlertName) => runbookUrl(options.runbookUrl, alert);
  return [
    { name: 'rag-validate-availability', rules: [serviceDown(options, runbook('ServiceDown')), highErrorRate(options, runbook('HighErrorRate'))] },
    { name: 'rag-validate-latency', rules: latencyRules(slos, options, runbook) },
    { name: 'rag-validate-slo-burn', rules: objectives.flatMap((objective) => burnRateRules(objective, runbook)) },
  ];
}

function serviceDown(options: ResolvedMonitoringOptions, runbookUrl: string): AlertingRule {
  const scraped = `${selector('up', [['service', '=~', allServicesRegex()]])} == 0`;
  const probed = options.probedServices.map((name) => escapeRegex(serviceLabel(name))).join('|');
  const probing = probed !== '';
  return {
    alert: 'ServiceDown',
    // A probed service's `up` is its blackbox exporter being reachable; probe_success is the service.
    expr: probing ? `${scraped}\nor\n${selector('probe_success', [['service', '=~', probed]])} == 0` : scraped,
    for: options.serviceDownFor,
    labels: { severity: 'critical' },
    annotations: {
      summary: '{{ $labels.service }} is down',
      description: probing
        ? `Prometheus has not been able to scrape or health-probe {{ $labels.service }} at {{ $labels.instance }} for ${options.serviceDownFor}: ` +
          'the process is down, unreachable, or its /metrics or health endpoint fails.'
        : `Prometheus has not been able to scrape {{ $labels.service }} at {{ $labels.instance }} for ${options.serviceDownFor}: ` +
          'the process is down, unreachable, or its /metrics endpoint fails.',
      runbook_url: runbookUrl,
    },
  };
}

function highErrorRate(options: ResolvedMonitoringOptions, runbookUrl: string): AlertingRule {
  const services: ['service', '=~', string] = ['service', '=~', allServicesRegex()];
  const threshold = formatNumber(options.errorRateThreshold);
  const errors = `sum by (service) (rate(${selector(REQUEST_DURATION.count, [services, SERVER_ERROR])}[${WARNING_WINDOW}]))`;
  const total = `sum by (service) (rate(${selector(REQUEST_DURATION.count, [services])}[${WARNING_WINDOW}]))`;
  return {
    alert: 'HighErrorRate',
    expr: `${errors}\n/\n${total}\n> ${threshold}`,
    for: options.warningFor,
    labels: { severity: 'warning' },
    annotations: {
      summary: `{{ $labels.service }} answers more than ${formatNumber(options.errorRateThreshold * 100)} % of requests with 5xx`,
      description: `More than ${formatNumber(options.errorRateThreshold * 100)} % of the HTTP responses of {{ $labels.service }} over the last ${WARNING_WINDOW} were server errors (5xx), for ${options.warningFor}.`,
      runbook_url: runbookUrl,
    },
  };
}

function latencyRules(slos: Slos, options: ResolvedMonitoringOptions, runbook: (alert: AlertName) => string): AlertingRule[] {
  const rules: AlertingRule[] = [];
  for (const operation of OPERATION_NAMES) {
    const { latency } = slos[operation];
    const matchers = operationMatchers(operation);
    const service = serviceLabel(OPERATION_ROUTES[operation].service);
    for (const { key, quantile, label } of PERCENTILE_KEYS) {
      const thresholdMs = latency[key];
      if (thresholdMs === undefined) continue;
      const seconds = formatNumber(thresholdMs / 1000);
      const buckets = `sum by (le) (rate(${selector(REQUEST_DURATION.bucket, matchers)}[${WARNING_WINDOW}]))`;
      rules.push({
        alert: 'HighResponseTime',
        expr: `histogram_quantile(${quantile},\n  ${buckets}\n)\n> ${seconds}`,
        for: options.warningFor,
        labels: { severity: 'warning', operation, service, quantile: String(quantile) },
        annotations: {
          summary: `${operation} ${label} latency is above ${seconds} s`,
          description: `The ${label} latency of ${operation} requests over the last ${WARNING_WINDOW} has been above the SLO's ${seconds} s (slos.${operation}.latency.${key}) for ${options.warningFor}.`,
          runbook_url: runbook('HighResponseTime'),
        },
      });
    }
    if (latency.avgMs !== undefined) {
      const seconds = formatNumber(latency.avgMs / 1000);
      const sum = `sum(rate(${selector(REQUEST_DURATION.sum, matchers)}[${WARNING_WINDOW}]))`;
      const count = `sum(rate(${selector(REQUEST_DURATION.count, matchers)}[${WARNING_WINDOW}]))`;
      rules.push({
        alert: 'HighAverageResponseTime',
        expr: `${sum}\n/\n${count}\n> ${seconds}`,
        for: options.warningFor,
        labels: { severity: 'warning', operation, service },
        annotations: {
          summary: `${operation} average latency is above ${seconds} s`,
          description: `The mean latency of ${operation} requests over the last ${WARNING_WINDOW} has been above the SLO's ${seconds} s (slos.${operation}.latency.avgMs) for ${options.warningFor}.`,
          runbook_url: runbook('HighAverageResponseTime'),
        },
      });
    }
  }
  return rules;
}

/**
 * The burn-rate windows an SLO gets: those whose threshold (burn rate × error budget) is below 1.
 * Above that the error ratio could never reach it (a p50 objective has a 50 % budget, so only the
 * 1x ticket applies), and an alert that cannot fire is worse than none.
 */
export function applicableWindows(objective: Pick<SloObjective, 'errorBudget'>): BurnRateWindow[] {
  return BURN_RATE_WINDOWS.filter((window) => window.burnRate * objective.errorBudget < 1);
}

/** The alert name of an SLO's burn-rate alerts. */
export function burnAlertName(objective: Pick<SloObjective, 'kind'>): 'AvailabilityBudgetBurn' | 'LatencyBudgetBurn' {
  return objective.kind === 'availability' ? 'AvailabilityBudgetBurn' : 'LatencyBudgetBurn';
}

function burnRateRules(objective: SloObjective, runbook: (alert: AlertName) => string): AlertingRule[] {
  const alert = burnAlertName(objective);
  const service = serviceLabel(OPERATION_ROUTES[objective.operation].service);
  return applicableWindows(objective).map((window) => {
    const threshold = `(${formatNumber(window.burnRate)} * ${formatNumber(objective.errorBudget)})`;
    const long = sloSeries(sliErrorRecord(window.longWindow), objective);
    const short = sloSeries(sliErrorRecord(window.shortWindow), objective);
    const what = objective.kind === 'availability' ? 'availability' : `latency (${objective.slo})`;
    return {
      alert,
      expr: `${long} > ${threshold}\nand\n${short} > ${threshold}`,
      for: window.for,
      labels: {
        severity: window.severity,
        operation: objective.operation,
        slo: objective.slo,
        service,
        long_window: window.longWindow,
        short_window: window.shortWindow,
      },
      annotations: {
        summary: `${objective.operation} ${what} error budget is burning ${formatNumber(window.burnRate)}x too fast`,
        description:
          `Over both the last ${window.longWindow} and ${window.shortWindow}, ${objective.operation} requests missed the SLO ` +
          `"${objective.description}" (${objective.path}) at ${formatNumber(window.burnRate)}x the rate its error budget allows; ` +
          `at this rate ${window.budgetSpent}.`,
        runbook_url: runbook(alert),
      },
    };
  });
}
