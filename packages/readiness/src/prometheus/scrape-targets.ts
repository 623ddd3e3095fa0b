import { parseDocument } from 'yaml';

/** One static target of a prometheus.yml scrape job. */
export interface ScrapeTarget {
  readonly job: string;
  readonly scheme: string;
  readonly metricsPath: string;
  /** `host:port`, with the scheme's default port added when the file omits it. */
  readonly address: string;
}

/**
 * The static targets of a prometheus.yml (`scrape_configs[].static_configs[].targets`) with their
 * job's scheme (default http) and metrics_path (default /metrics). Returns a reason string when the
 * text is not a usable Prometheus config.
 */
export function scrapeTargets(text: string): ScrapeTarget[] | string {
  const doc = parseDocument(text, { prettyErrors: false });
  if (doc.errors.length > 0) return `not valid YAML: ${doc.errors[0]?.message.split('\n')[0] ?? ''}`;
  const root: unknown = doc.toJS();
  if (root === null || typeof root !== 'object') return 'not a mapping';
  const jobs = (root as { scrape_configs?: unknown }).scrape_configs;
  if (!Array.isArray(jobs)) return 'no scrape_configs list';
  const targets: ScrapeTarget[] = [];
  for (const job of jobs as unknown[]) {
    if (job === null || typeof job !== 'object') continue;
    const j = job as Record<string, unknown>;
    const scheme = typeof j['scheme'] === 'string' ? j['scheme'] : 'http';
    const metricsPath = typeof j['metrics_path'] === 'string' ? j['metrics_path'] : '/metrics';
    const name = typeof j['job_name'] === 'string' ? j['job_name'] : '(unnamed)';
    const statics = Array.isArray(j['static_configs']) ? (j['static_configs'] as unknown[]) : [];
    for (const group of statics) {
      const list = group !== null && typeof group === 'object' ? (group as { targets?: unknown }).targets : undefined;
      for (const address of Array.isArray(list) ? list : []) {
        targets.push({ job: name, scheme, metricsPath, address: withDefaultPort(String(address), scheme) });
      }
    }
  }
  return targets;
}

/** `host` → `host:80` (http) / `host:443` (https); `host:port` unchanged. */
export function withDefaultPort(address: string, scheme: string): string {
  if (/:\d+$/.test(address)) return address;
  return `${address}:${scheme === 'https' ? 443 : 80}`;
}
