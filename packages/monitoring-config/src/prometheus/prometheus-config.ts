import { SERVICE_DISPLAY_NAMES, SERVICE_NAMES, type RagValidateConfig, type ServiceName } from '@rag-validate/config';
import type { ResolvedMonitoringOptions } from '../options.js';

/** File names of the rule files, relative to prometheus.yml. */
export const RULE_FILES = { recording: 'recording.yml', alerts: 'alerts.yml' } as const;

/**
 * The endpoint a blackbox exporter probes for a service without `/metrics`: the health endpoint
 * (Qdrant has no `/health`; `/readyz` also fails while it cannot serve).
 */
export const HEALTH_PATHS: Readonly<Record<ServiceName, string>> = { rag: '/health', embedding: '/health', llm: '/health', vectorDb: '/readyz' };

/** The blackbox exporter module the probes use (in the exporter's default config). */
export const PROBE_MODULE = 'http_2xx';

/** The `instance` label of a service's scrape target: host:port, or the probed health URL. */
export function targetInstance(config: Pick<RagValidateConfig, 'target'>, options: Pick<ResolvedMonitoringOptions, 'probedServices'>, service: ServiceName): string {
  const url = new URL(config.target.services[service].url);
  if (!options.probedServices.includes(service)) return url.host;
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}${HEALTH_PATHS[service]}`;
}

/** A secret Prometheus reads from a file the user creates (the generator never writes secrets). */
export interface CredentialFile {
  readonly service: ServiceName;
  /** Path as written in prometheus.yml (relative to it, or absolute). */
  readonly path: string;
  /** What the file must contain. */
  readonly contents: string;
}

/** A comment the YAML renderer puts above the node at `path`. */
export interface YamlComment {
  readonly path: ReadonlyArray<string | number>;
  readonly comment: string;
}

export interface PrometheusConfigResult {
  readonly document: Record<string, unknown>;
  readonly credentialFiles: readonly CredentialFile[];
  readonly comments: readonly YamlComment[];
}

/**
 * prometheus.yml: one scrape job per service (`job_name` and the `service` label are the service's
 * display name: rag-server, embedding-server, llm-server, vector-db), host and port from the
 * config's target URLs, the rule files, and an Alertmanager when `alertmanagerUrl` is set.
 *
 * API keys are never written: a service with `auth.apiKey` (Qdrant's `/metrics` needs it) gets
 * `authorization.credentials_file` pointing into `credentialsDir`, a file the user creates.
 */
export function prometheusConfig(config: Pick<RagValidateConfig, 'target'>, options: ResolvedMonitoringOptions): PrometheusConfigResult {
  const credentialFiles: CredentialFile[] = [];
  const comments: YamlComment[] = [];
  const jobs = SERVICE_NAMES.map((service, index) => {
    const target = config.target.services[service];
    const url = new URL(target.url);
    const job = SERVICE_DISPLAY_NAMES[service];
    const exporter = options.blackboxExporterUrl;
    if (options.probedServices.includes(service) && exporter !== undefined) {
      comments.push({
        path: ['scrape_configs', index],
        comment: ` ${job} has no /metrics: the blackbox exporter at ${exporter.host} probes its health endpoint (probe_success).${target.auth === undefined ? '' : `\n Its credentials are not sent by the '${PROBE_MODULE}' module; configure a module with them in the exporter.`}`,
      });
      return {
        job_name: job,
        scheme: exporter.protocol.slice(0, -1),
        metrics_path: `${exporter.pathname.replace(/\/+$/, '')}/probe`,
        params: { module: [PROBE_MODULE] },
        static_configs: [{ targets: [targetInstance(config, options, service)], labels: { service: job } }],
        relabel_configs: [
          { source_labels: ['__address__'], target_label: '__param_target' },
          { source_labels: ['__param_target'], target_label: 'instance' },
          { target_label: '__address__', replacement: exporter.host },
        ],
      };
    }
    const basePath = url.pathname.replace(/\/+$/, '');
    const scrape: Record<string, unknown> = {
      job_name: job,
      scheme: url.protocol.slice(0, -1),
      metrics_path: `${basePath}/metrics`,
    };
    const auth = target.auth;
    if (auth?.apiKey !== undefined) {
      const path = `${options.credentialsDir}/${job}.api-key`;
      credentialFiles.push({ service, path, contents: `the API key of ${job} (config target.services.${service}.auth.apiKey), nothing else` });
      scrape['authorization'] = { type: 'Bearer', credentials_file: path };
      const header = auth.apiKeyHeader;
      comments.push({
        path: ['scrape_configs', index],
        comment:
          header === 'authorization' || service === 'vectorDb'
            ? ` ${job} needs its API key: put it in ${path} (not committed; see ${options.credentialsDir}/.gitignore).`
            : ` ${job} expects its API key in the '${header}' header, which Prometheus 2 cannot send; it is sent as\n a Bearer token from ${path} instead. Let ${job} accept that or expose /metrics without auth.`,
      });
    }
    if (auth !== undefined && Object.keys(auth.headers).length > 0) {
      comments.push({
        path: ['scrape_configs', index, 'job_name'],
        comment: ` ${job} is configured with extra headers (${Object.keys(auth.headers).sort().join(', ')}); their values are secrets and are not written here.`,
      });
    }
    if (url.username !== '') {
      const path = `${options.credentialsDir}/${job}.password`;
      credentialFiles.push({ service, path, contents: `the basic-auth password of ${job}` });
      scrape['basic_auth'] = { username: decodeURIComponent(url.username), password_file: path };
    }
    scrape['static_configs'] = [{ targets: [url.host], labels: { service: job } }];
    return scrape;
  });

  const document: Record<string, unknown> = {
    global: {
      scrape_interval: options.scrapeInterval,
      scrape_timeout: options.scrapeTimeout,
      evaluation_interval: options.evaluationInterval,
    },
    rule_files: [RULE_FILES.recording, RULE_FILES.alerts],
  };
  const alertmanager = options.alertmanagerUrl;
  if (alertmanager !== undefined) {
    const pathPrefix = alertmanager.pathname.replace(/\/+$/, '');
    document['alerting'] = {
      alertmanagers: [
        {
          scheme: alertmanager.protocol.slice(0, -1),
          ...(pathPrefix === '' ? {} : { path_prefix: pathPrefix }),
          static_configs: [{ targets: [alertmanager.host] }],
        },
      ],
    };
  }
  document['scrape_configs'] = jobs;
  return { document, credentialFiles, comments };
}
