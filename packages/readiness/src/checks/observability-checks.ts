import { METRICS, QDRANT_METRICS, SERVICE_DISPLAY_NAMES, SERVICE_NAMES, type MetricDefinition, type ServiceName } from '@rag-validate/config';
import { failed, passed, unknown, warned, type ReadinessCheck } from '../model/check-types.js';
import type { HttpProbe } from '../model/evidence.js';
import { parseExposition, type ParsedExposition } from '../prometheus/exposition-parser.js';
import { scrapeTargets, withDefaultPort } from '../prometheus/scrape-targets.js';
import { describeProbe, is2xx } from './observations.js';

type MetricsState = { kind: 'parsed'; parsed: ParsedExposition } | { kind: 'absent'; line: string } | { kind: 'unreachable'; line: string };

function metricsState(service: ServiceName, probe: HttpProbe): MetricsState {
  const line = describeProbe(`${SERVICE_DISPLAY_NAMES[service]} GET /metrics`, probe);
  if (!probe.ok) return { kind: 'unreachable', line };
  if (!is2xx(probe.value.status)) return { kind: 'absent', line };
  return { kind: 'parsed', parsed: parseExposition(probe.value.text) };
}

export const metricsEndpointCheck: ReadinessCheck = {
  id: 'obs.metrics-endpoint',
  category: 'observability',
  severity: 'high',
  title: 'Every service exposes /metrics in Prometheus text format',
  probes: 'GET /metrics on all four services (with the configured credentials): 200 and a body that parses as Prometheus text exposition 0.0.4 (rag-validate’s own parser: names, labels, escapes, values, TYPE/HELP placement, duplicate series, histogram `le` buckets).',
  howToFix: 'Instrument each service with a Prometheus client (prometheus-fastapi-instrumentator / prometheus_client for FastAPI, prom-client for Node) and serve GET /metrics; Qdrant serves it natively.',
  needs: ['metrics'],
  evaluate(evidence) {
    const metrics = evidence.metrics;
    if (metrics === undefined) return unknown('/metrics was not probed');
    const failures: string[] = [];
    const unreachable: string[] = [];
    const facts: string[] = [];
    for (const service of SERVICE_NAMES) {
      const state = metricsState(service, metrics[service]);
      const name = SERVICE_DISPLAY_NAMES[service];
      if (state.kind === 'unreachable') unreachable.push(state.line);
      else if (state.kind === 'absent') failures.push(state.line);
      else if (state.parsed.problems.length > 0) failures.push(...state.parsed.problems.slice(0, 5).map((p) => `${name} /metrics line ${p.line}: ${p.message}`));
      else if (state.parsed.families.size === 0) failures.push(`${name} /metrics is empty`);
      else facts.push(`${name}: ${state.parsed.families.size} metric families`);
    }
    if (failures.length > 0) return failed(`${failures.length} problem${failures.length === 1 ? '' : 's'} with /metrics`, [...failures, ...unreachable, ...facts]);
    if (unreachable.length > 0) return unknown(`${unreachable.length} service${unreachable.length === 1 ? '' : 's'} did not answer`, [...unreachable, ...facts]);
    return passed('all four services expose valid Prometheus metrics', facts);
  },
};

/** Metrics every service must expose (per the contract), and the ones whose absence only warns. */
function expectedMetrics(service: ServiceName): { required: MetricDefinition[]; optional: MetricDefinition[] } {
  const ours = Object.values(METRICS).filter((m) => (m.exposedBy as readonly ServiceName[]).includes(service)) as MetricDefinition[];
  const runtime = (m: MetricDefinition) => m.name.startsWith('process_') || m.name.startsWith('nodejs_');
  if (service === 'vectorDb') {
    // A real Qdrant exposes its own metrics (the dashboards use them), not the reference stack's HTTP histogram.
    return { required: Object.values(QDRANT_METRICS) as MetricDefinition[], optional: ours };
  }
  return { required: ours.filter((m) => !runtime(m)), optional: ours.filter(runtime) };
}

export const metricContractCheck: ReadinessCheck = {
  id: 'obs.metric-contract',
  category: 'observability',
  severity: 'medium',
  title: '/metrics carries the metric contract the alerts and dashboards use',
  probes:
    'The parsed /metrics of each service against the metric contract (packages/config/src/metric-contract.ts): every metric the service must expose is present with the contract’s type and, where it has samples, its labels (`http_request_duration_seconds{method,route,status_code}`, `rag_dependency_request_duration_seconds`, `llm_time_to_first_token_seconds`…; Qdrant’s `collections_total`, `collections_vector_total`, `rest_responses_total` on the vector-db). Missing runtime metrics (`process_*`, `nodejs_*`, and the HTTP metrics on a real Qdrant) only warn.',
  howToFix: 'Expose the contract’s metrics with the same names, types and labels (see packages/config/src/metric-contract.ts), or the generated alerts and dashboards will show no data.',
  needs: ['metrics'],
  evaluate(evidence) {
    const metrics = evidence.metrics;
    if (metrics === undefined) return unknown('/metrics was not probed');
    const failures: string[] = [];
    const warnings: string[] = [];
    const unreachable: string[] = [];
    let present = 0;
    for (const service of SERVICE_NAMES) {
      const name = SERVICE_DISPLAY_NAMES[service];
      const state = metricsState(service, metrics[service]);
      const { required, optional } = expectedMetrics(service);
      if (state.kind === 'unreachable') {
        unreachable.push(state.line);
        continue;
      }
      if (state.kind === 'absent') {
        failures.push(`${name}: no /metrics, so none of ${required.map((m) => m.name).join(', ')}`);
        continue;
      }
      for (const [definition, isRequired] of [...required.map((m) => [m, true] as const), ...optional.map((m) => [m, false] as const)]) {
        const family = state.parsed.families.get(definition.name);
        const sink = isRequired ? failures : warnings;
        if (family === undefined) {
          sink.push(`${name}: ${definition.name} (${definition.type}) is missing`);
          continue;
        }
        present += 1;
        if (family.type !== definition.type) {
          failures.push(`${name}: ${definition.name} is a ${family.type}, the contract says ${definition.type}`);
          continue;
        }
        const series = family.samples.filter((s) => s.name === (definition.type === 'histogram' ? `${definition.name}_bucket` : definition.name));
        if (series.length === 0) continue;
        const seen = new Set(series.flatMap((s) => Object.keys(s.labels)));
        const missingLabels = definition.labels.filter((label) => !seen.has(label));
        if (missingLabels.length > 0) failures.push(`${name}: ${definition.name} has no ${missingLabels.join(', ')} label${missingLabels.length === 1 ? '' : 's'}`);
      }
    }
    if (failures.length > 0) return failed(`${failures.length} contract metric${failures.length === 1 ? ' is' : 's are'} missing or wrong`, [...failures, ...warnings, ...unreachable]);
    if (unreachable.length > 0) return unknown('some services did not answer /metrics', [...unreachable, ...warnings]);
    if (warnings.length > 0) return warned(`${present} contract metrics found; some runtime metrics are missing`, warnings);
    return passed(`all ${present} contract metrics present with their types and labels`);
  },
};

export const metricsLintCheck: ReadinessCheck = {
  id: 'obs.metrics-lint',
  category: 'observability',
  severity: 'low',
  advisory: true,
  title: 'promtool finds no problems in /metrics',
  probes: '`promtool check metrics` on each /metrics body that answered 200 (when promtool is installed; otherwise unknown). Its lint findings — e.g. prom-client’s `nodejs_active_handles_total`, a gauge ending in `_total` — warn.',
  howToFix: 'Follow the Prometheus naming conventions (counters end in `_total`, others do not; base units) or drop the offending default metrics.',
  needs: ['metricsLint'],
  evaluate(evidence) {
    const lint = evidence.metricsLint;
    if (lint === undefined) return unknown('promtool was not run');
    const findings: string[] = [];
    const reasons: string[] = [];
    let linted = 0;
    for (const service of SERVICE_NAMES) {
      const result = lint[service];
      const name = SERVICE_DISPLAY_NAMES[service];
      if (!result.ok) {
        reasons.push(`${name}: ${result.reason}`);
        if (result.code === 'tool-missing') return unknown(result.reason);
        continue;
      }
      linted += 1;
      findings.push(...result.value.problems.map((p) => `${name}: ${p}`));
    }
    if (linted === 0) return unknown('no /metrics body to lint', reasons);
    if (findings.length > 0) return warned(`promtool reports ${findings.length} problem${findings.length === 1 ? '' : 's'}`, [...findings, ...reasons]);
    return passed(`promtool accepts the metrics of ${linted} service${linted === 1 ? '' : 's'}`, reasons);
  },
};

export const prometheusTargetsCheck: ReadinessCheck = {
  id: 'obs.prometheus-targets',
  category: 'observability',
  severity: 'medium',
  title: 'prometheus.yml scrapes the configured services',
  probes: 'The prometheus.yml generated by @rag-validate/monitoring-config from the same config (or the file given with `prometheusConfigFile` / `--prometheus-config`): every service URL of the config is a static target (host:port) of a job with the same scheme and `metrics_path` `<base path>/metrics`.',
  howToFix: 'Regenerate the monitoring files from the current config with @rag-validate/monitoring-config, or fix the scrape targets of your prometheus.yml to the services’ host:port.',
  needs: ['prometheusConfig'],
  evaluate(evidence) {
    const { prometheusConfig, target } = evidence;
    if (prometheusConfig === undefined) return unknown('prometheus.yml was not read');
    if (!prometheusConfig.ok) return unknown(prometheusConfig.reason);
    const targets = scrapeTargets(prometheusConfig.value.text);
    if (typeof targets === 'string') return failed(`${prometheusConfig.value.source} is not a usable Prometheus config: ${targets}`);
    const problems: string[] = [];
    const facts: string[] = [];
    for (const service of SERVICE_NAMES) {
      const url = new URL(target.urls[service]);
      const scheme = url.protocol.slice(0, -1);
      const address = withDefaultPort(url.host, scheme);
      const path = `${url.pathname.replace(/\/+$/, '')}/metrics`;
      const name = SERVICE_DISPLAY_NAMES[service];
      const matches = targets.filter((t) => t.address === address);
      if (matches.length === 0) {
        problems.push(`${name}: no scrape target ${address} (targets: ${targets.map((t) => t.address).join(', ') || 'none'})`);
        continue;
      }
      const exact = matches.find((t) => t.scheme === scheme && t.metricsPath === path);
      if (exact === undefined) problems.push(`${name}: ${address} is scraped as ${matches[0]?.scheme}://…${matches[0]?.metricsPath}, expected ${scheme}://…${path}`);
      else facts.push(`${name}: job ${exact.job} scrapes ${scheme}://${address}${path}`);
    }
    if (problems.length > 0) return failed(`${problems.length} service${problems.length === 1 ? ' is' : 's are'} not scraped as configured (${prometheusConfig.value.source})`, [...problems, ...facts]);
    return passed(`${prometheusConfig.value.source} scrapes all four services at their configured URLs`, facts);
  },
};

export const OBSERVABILITY_CHECKS: readonly ReadinessCheck[] = [metricsEndpointCheck, metricContractCheck, metricsLintCheck, prometheusTargetsCheck];
