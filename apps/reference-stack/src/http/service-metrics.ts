import { LATENCY_BUCKETS_SECONDS, METRICS } from '@rag-validate/config';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * prom-client default gauges whose names end in `_total` although they are not counters;
 * `promtool check metrics` rejects them ("non-counter metrics should not have _total suffix").
 * The same values stay available without the suffix (`nodejs_active_handles` etc., by type).
 */
export const DROPPED_DEFAULT_METRICS = ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total'] as const;

/**
 * One Prometheus registry per service, with the HTTP metrics of the metric contract and the
 * prom-client defaults. No `service` label: Prometheus attaches it per scrape job.
 */
export class ServiceMetrics {
  readonly registry = new Registry();
  readonly httpRequestDuration: Histogram<'method' | 'route' | 'status_code'>;
  readonly httpRequestsInFlight: Gauge;

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    for (const name of DROPPED_DEFAULT_METRICS) this.registry.removeSingleMetric(name);
    this.httpRequestDuration = new Histogram({
      name: METRICS.httpRequestDuration.name,
      help: METRICS.httpRequestDuration.help,
      labelNames: ['method', 'route', 'status_code'],
      buckets: [...LATENCY_BUCKETS_SECONDS],
      registers: [this.registry],
    });
    this.httpRequestsInFlight = new Gauge({
      name: METRICS.httpRequestsInFlight.name,
      help: METRICS.httpRequestsInFlight.help,
      registers: [this.registry],
    });
  }

  /** The exposition text and its content type. */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
