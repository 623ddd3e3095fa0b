import { QDRANT_METRICS } from '@rag-validate/config';
import { selector, serviceLabel } from '../promql.js';
import { RATE_WINDOW, statPanel, timeseriesPanel, type DashboardSection } from './common.js';

/** Qdrant's own metrics (real Qdrant and the reference vector-db expose them on /metrics). */
export function qdrantSection(): DashboardSection {
  const own: ['service', '=', string] = ['service', '=', serviceLabel('vectorDb')];
  const responses = selector(QDRANT_METRICS.restResponsesTotal.name, [own]);
  return {
    title: 'Qdrant',
    panels: [
      statPanel({
        title: 'Collections',
        description: 'Number of collections in Qdrant.',
        unit: 'short',
        width: 4,
        height: 8,
        queries: [{ expr: `sum(${selector(QDRANT_METRICS.collectionsTotal.name, [own])})`, legend: 'collections' }],
      }),
      statPanel({
        title: 'Vectors',
        description: 'Vectors stored in all collections.',
        unit: 'short',
        width: 4,
        height: 8,
        queries: [{ expr: `sum(${selector(QDRANT_METRICS.collectionsVectorTotal.name, [own])})`, legend: 'vectors' }],
      }),
      timeseriesPanel({
        title: 'Qdrant REST responses by status',
        description: 'REST responses per second, by HTTP status.',
        unit: 'reqps',
        width: 8,
        min: 0,
        queries: [{ expr: `sum by (status) (rate(${responses}[${RATE_WINDOW}]))`, legend: '{{status}}' }],
      }),
      timeseriesPanel({
        title: 'Qdrant REST responses by endpoint',
        description: 'REST responses per second, by endpoint (which calls the rag-server makes most).',
        unit: 'reqps',
        width: 8,
        min: 0,
        queries: [{ expr: `sum by (endpoint) (rate(${responses}[${RATE_WINDOW}]))`, legend: '{{endpoint}}' }],
      }),
    ],
  };
}
