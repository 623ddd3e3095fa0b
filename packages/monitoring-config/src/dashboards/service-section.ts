import { METRICS, SERVICE_DISPLAY_NAMES, type ServiceName } from '@rag-validate/config';
import { MappingType, type ValueMapping } from '@grafana/grafana-foundation-sdk/dashboard';
import type { ResolvedMonitoringOptions } from '../options.js';
import { REQUEST_DURATION, selector, SERVER_ERROR, serviceLabel } from '../promql.js';
import { RATE_WINDOW, statPanel, timeseriesPanel, type DashboardSection } from './common.js';

const UP_MAPPINGS: ValueMapping[] = [
  {
    type: MappingType.ValueToText,
    options: { '0': { text: 'DOWN', color: 'red', index: 0 }, '1': { text: 'UP', color: 'green', index: 1 } },
  },
];

/**
 * One service: is it scraped, its traffic, 5xx ratio and p95 latency by route, requests in flight,
 * CPU and memory. Panels stay empty for a service that exposes no metrics of its own (the
 * codev-rag-server services); "Up" works for every service.
 */
export function serviceSection(service: ServiceName, options: Pick<ResolvedMonitoringOptions, 'probedServices'>): DashboardSection {
  const label = serviceLabel(service);
  const own: ['service', '=', string] = ['service', '=', label];
  // A service without /metrics is probed by a blackbox exporter: its health is probe_success.
  const probed = options.probedServices.includes(service);
  const count = selector(REQUEST_DURATION.count, [own]);
  return {
    title: SERVICE_DISPLAY_NAMES[service],
    panels: [
      statPanel({
        title: `${label}: up`,
        description: probed
          ? `Whether ${label}'s health endpoint answers the blackbox exporter's probe (the ServiceDown alert fires on DOWN).`
          : `Whether Prometheus can scrape ${label} (the ServiceDown alert fires on DOWN).`,
        unit: 'none',
        width: 3,
        height: 8,
        base: 'red',
        steps: [{ value: 1, color: 'green' }],
        mappings: UP_MAPPINGS,
        queries: [{ expr: `min(${selector(probed ? 'probe_success' : 'up', [own])})`, legend: 'up' }],
      }),
      timeseriesPanel({
        title: `${label}: request rate by route`,
        description: `Requests per second ${label} answers, by route template.`,
        unit: 'reqps',
        width: 7,
        queries: [{ expr: `sum by (route) (rate(${count}[${RATE_WINDOW}]))`, legend: '{{route}}' }],
      }),
      timeseriesPanel({
        title: `${label}: 5xx ratio by route`,
        description: `Share of ${label}'s requests per route answered with a 5xx.`,
        unit: 'percentunit',
        width: 7,
        min: 0,
        queries: [
          {
            expr: `sum by (route) (rate(${selector(REQUEST_DURATION.count, [own, SERVER_ERROR])}[${RATE_WINDOW}])) / sum by (route) (rate(${count}[${RATE_WINDOW}]))`,
            legend: '{{route}}',
          },
        ],
      }),
      timeseriesPanel({
        title: `${label}: p95 latency by route`,
        description: `95th percentile request latency of ${label}, by route template.`,
        unit: 's',
        width: 7,
        min: 0,
        queries: [
          {
            expr: `histogram_quantile(0.95, sum by (le, route) (rate(${selector(REQUEST_DURATION.bucket, [own])}[${RATE_WINDOW}])))`,
            legend: '{{route}}',
          },
        ],
      }),
      timeseriesPanel({
        title: `${label}: requests in flight`,
        description: `HTTP requests ${label} is serving right now.`,
        unit: 'short',
        width: 8,
        min: 0,
        queries: [{ expr: `sum(${selector(METRICS.httpRequestsInFlight.name, [own])})`, legend: 'in flight' }],
      }),
      timeseriesPanel({
        title: `${label}: CPU`,
        description: `CPU time ${label} uses per second (1 = one core), per instance.`,
        unit: 'percentunit',
        width: 8,
        min: 0,
        queries: [{ expr: `rate(${selector(METRICS.processCpuSeconds.name, [own])}[${RATE_WINDOW}])`, legend: '{{instance}}' }],
      }),
      timeseriesPanel({
        title: `${label}: memory`,
        description: `Resident memory and V8 heap in use of ${label}, per instance.`,
        unit: 'bytes',
        width: 8,
        min: 0,
        queries: [
          { expr: selector(METRICS.processResidentMemory.name, [own]), legend: 'resident {{instance}}' },
          { expr: selector(METRICS.nodejsHeapUsed.name, [own]), legend: 'heap used {{instance}}' },
        ],
      }),
    ],
  };
}
