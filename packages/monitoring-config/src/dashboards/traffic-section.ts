import { METRICS, OPERATION_NAMES, SERVICE_NAMES } from '@rag-validate/config';
import type { ResolvedMonitoringOptions } from '../options.js';
import { escapeRegex, formatNumber, operationMatchers, REQUEST_DURATION, selector, SERVER_ERROR, serviceLabel } from '../promql.js';
import { RATE_WINDOW, timeseriesPanel, type DashboardSection } from './common.js';

/** Requests per second, 5xx share per SLO'd operation, and requests in flight per service. */
export function trafficSection(options: ResolvedMonitoringOptions): DashboardSection {
  const services = SERVICE_NAMES.map((name) => escapeRegex(serviceLabel(name))).join('|');
  return {
    title: 'Traffic and errors',
    panels: [
      timeseriesPanel({
        title: 'Request rate by operation',
        description: 'Requests per second the rag-server answers, per SLO operation (all status codes).',
        unit: 'reqps',
        width: 8,
        queries: OPERATION_NAMES.map((operation) => ({
          expr: `sum(rate(${selector(REQUEST_DURATION.count, operationMatchers(operation))}[${RATE_WINDOW}]))`,
          legend: operation,
        })),
      }),
      timeseriesPanel({
        title: '5xx ratio by operation',
        description: `Share of each operation's requests answered with a 5xx. The dashed line is the HighErrorRate threshold (${formatNumber(options.errorRateThreshold * 100)} %).`,
        unit: 'percentunit',
        width: 8,
        min: 0,
        lines: [{ value: options.errorRateThreshold, color: 'red' }],
        queries: OPERATION_NAMES.map((operation) => {
          const matchers = operationMatchers(operation);
          const errors = `sum(rate(${selector(REQUEST_DURATION.count, [...matchers, SERVER_ERROR])}[${RATE_WINDOW}]))`;
          const total = `sum(rate(${selector(REQUEST_DURATION.count, matchers)}[${RATE_WINDOW}]))`;
          return { expr: `(${errors} or vector(0)) / ${total}`, legend: operation };
        }),
      }),
      timeseriesPanel({
        title: 'Requests in flight by service',
        description: 'HTTP requests being served right now; a steady climb means requests pile up behind a slow dependency.',
        unit: 'short',
        width: 8,
        min: 0,
        queries: [{ expr: `sum by (service) (${selector(METRICS.httpRequestsInFlight.name, [['service', '=~', services]])})`, legend: '{{service}}' }],
      }),
    ],
  };
}
