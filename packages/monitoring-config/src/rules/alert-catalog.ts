/** One alert the generator can write, described for the runbook (docs/incident-response.md). */
export interface AlertDefinition {
  readonly name: string;
  /** The `severity` label values rules of this alert carry. */
  readonly severities: readonly string[];
  /** Labels that tell the firing instances of the alert apart. */
  readonly identifyingLabels: readonly string[];
  /** What it means when it fires. */
  readonly meaning: string;
  /** What to look at first. */
  readonly firstSteps: string;
}

/**
 * Every alert of alerts.yml. The incident-response runbook has one section per entry whose anchor
 * is `runbookAnchor(name)`; a test keeps this list and the generated rules in step.
 */
export const ALERTS = [
  {
    name: 'ServiceDown',
    severities: ['critical'],
    identifyingLabels: ['service', 'instance', 'job'],
    meaning:
      "Prometheus cannot scrape the service's /metrics endpoint (`up == 0`): the process is down, unreachable from Prometheus, or its metrics endpoint fails (for Qdrant: a missing or wrong API key).",
    firstSteps:
      'Check the process or container and its logs; call its health endpoint; for vector-db check the API-key file; open the Prometheus targets page for the scrape error.',
  },
  {
    name: 'HighErrorRate',
    severities: ['warning'],
    identifyingLabels: ['service'],
    meaning: "More than the configured share (default 5 %) of the service's HTTP responses over the last 5 minutes were 5xx.",
    firstSteps:
      'Look at the error-ratio-by-route panel of the service in the "RAG system — services" dashboard and at its logs; a dependency outage (embedding, vector-db, llm) usually shows on the rag-server first.',
  },
  {
    name: 'HighResponseTime',
    severities: ['warning'],
    identifyingLabels: ['operation', 'quantile'],
    meaning:
      "A latency percentile of an operation (the `quantile` label: 0.5, 0.95 or 0.99) over the last 5 minutes is above the SLO's threshold for that percentile (`slos.<operation>.latency.p50Ms/p95Ms/p99Ms`).",
    firstSteps:
      'Compare the RAG stage timings (embedding, vector search, LLM time to first token) in the services dashboard to find the slow dependency; check CPU and memory of the services.',
  },
  {
    name: 'HighAverageResponseTime',
    severities: ['warning'],
    identifyingLabels: ['operation'],
    meaning: "The mean latency of an operation over the last 5 minutes is above the SLO's `slos.<operation>.latency.avgMs`.",
    firstSteps: 'As for HighResponseTime: a few very slow requests raise the mean; look at p99 and at the RAG stage timings.',
  },
  {
    name: 'AvailabilityBudgetBurn',
    severities: ['page', 'ticket'],
    identifyingLabels: ['operation', 'slo', 'long_window', 'short_window'],
    meaning:
      "An operation's 5xx share is using up its availability error budget (`1 - slos.<operation>.availability` over 30 days) too fast over both windows: 14.4x (1h and 5m) or 6x (6h and 30m) pages, 1x (3d and 6h) opens a ticket.",
    firstSteps:
      'Find the failing dependency or route (HighErrorRate usually fires too); page-level burn means the monthly budget is gone within days, so mitigate first (roll back, restart, shed load) and investigate after.',
  },
  {
    name: 'LatencyBudgetBurn',
    severities: ['page', 'ticket'],
    identifyingLabels: ['operation', 'slo', 'long_window', 'short_window'],
    meaning:
      'Too many requests of an operation are slower than its latency objective (`slo`: latency-p50/p95/p99 for the percentile objectives, latency-max for maxMs), using up the latency error budget at 14.4x or 6x (page) or 1x (ticket).',
    firstSteps:
      'Look at the latency panels and the RAG stage timings; check for load above the throughput objective, a slow LLM upstream, or a grown index.',
  },
] as const satisfies readonly AlertDefinition[];

export type AlertName = (typeof ALERTS)[number]['name'];

/** Anchor of an alert's section in the runbook: the alert name lower-cased (`ServiceDown` → `servicedown`). */
export function runbookAnchor(alert: AlertName): string {
  return alert.toLowerCase();
}

/** The `runbook_url` annotation of an alert. */
export function runbookUrl(base: string, alert: AlertName): string {
  return `${base}#${runbookAnchor(alert)}`;
}
