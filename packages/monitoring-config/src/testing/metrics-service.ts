import { METRICS } from '@rag-validate/config';
import { startTestServer, type TestServer } from '@rag-validate/clients/testing';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** A small HTTP service on a free port that exposes the metric contract on /metrics with prom-client. */
export interface MetricsService {
  readonly url: string;
  /** Records finished requests in `http_request_duration_seconds`. */
  observe(route: string, statusCode: number, seconds: number, count?: number): void;
  /** Creates the request series at 0, so Prometheus sees later observations as an increase. */
  zero(route: string, statusCode: number): void;
  close(): Promise<void>;
}

/**
 * Stands in for one service of the target when only its /metrics matters (the live alert test):
 * a real server on port 0 whose /metrics is rendered by prom-client with the contract's metric
 * names, labels and buckets. Any other path answers 404.
 */
export async function startMetricsService(): Promise<MetricsService> {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const { httpRequestDuration, httpRequestsInFlight } = METRICS;
  const duration = new Histogram({
    name: httpRequestDuration.name,
    help: httpRequestDuration.help,
    labelNames: [...httpRequestDuration.labels],
    buckets: [...httpRequestDuration.buckets],
    registers: [registry],
  });
  new Gauge({ name: httpRequestsInFlight.name, help: httpRequestsInFlight.help, registers: [registry] });
  const server: TestServer = await startTestServer(async (req, res) => {
    if (req.url !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    const body = await registry.metrics();
    res.writeHead(200, { 'content-type': registry.contentType }).end(body);
  });
  const labels = (route: string, statusCode: number) => ({ method: 'POST', route, status_code: String(statusCode) });
  return {
    url: server.url,
    observe(route, statusCode, seconds, count = 1) {
      for (let i = 0; i < count; i += 1) duration.observe(labels(route, statusCode), seconds);
    },
    zero(route, statusCode) {
      duration.zero(labels(route, statusCode));
    },
    close: () => server.close(),
  };
}
