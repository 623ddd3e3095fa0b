import { isServiceName, SERVICE_NAMES, type ServiceName } from '@rag-validate/config';
import { MonitoringOptionsError } from './errors.js';
import { formatDuration, parseDuration } from './promql.js';

/**
 * Settings of the generated files that are not part of the rag-validate config. Every option is
 * documented once, with its default, in README.md ("Options").
 */
export interface MonitoringOptions {
  /** How often Prometheus scrapes every service. Default: '15s'. */
  readonly scrapeInterval?: string;
  /** Scrape timeout; at most `scrapeInterval`. Default: '10s' (or `scrapeInterval` when shorter). */
  readonly scrapeTimeout?: string;
  /** How often Prometheus evaluates the rules. Default: '15s'. */
  readonly evaluationInterval?: string;
  /** How long a target must be down before ServiceDown fires. Default: '1m'. */
  readonly serviceDownFor?: string;
  /** How long a warning condition (HighResponseTime, HighAverageResponseTime, HighErrorRate) must hold. Default: '2m'. */
  readonly warningFor?: string;
  /** 5xx share of a service's requests above which HighErrorRate fires. Default: 0.05. */
  readonly errorRateThreshold?: number;
  /** Alertmanager base URL (`http://alertmanager:9093`); when unset no `alerting:` section is written. Default: none. */
  readonly alertmanagerUrl?: string | undefined;
  /** Runbook document the alerts' `runbook_url` annotations point into (`<runbookUrl>#<alert name lower-cased>`). Default: 'docs/incident-response.md'. */
  readonly runbookUrl?: string;
  /** Directory (relative to prometheus.yml, or absolute) holding the API-key files Prometheus reads. Default: 'secrets'. */
  readonly credentialsDir?: string;
  /** URL Grafana reaches Prometheus at (the provisioned datasource). Default: 'http://localhost:9090'. */
  readonly prometheusUrl?: string;
  /** Directory Grafana loads the dashboard JSON from (the provisioned dashboard provider). Default: '/var/lib/grafana/dashboards/rag-validate'. */
  readonly dashboardsPath?: string;
  /** Also generate promtool unit tests for the rules under `tests/`. Default: true. */
  readonly ruleTests?: boolean;
  /**
   * Services without a `/metrics` endpoint (the codev-rag-server services have none): instead of
   * scraping them, Prometheus probes their health endpoint through a blackbox exporter, and
   * ServiceDown uses `probe_success`. Default: none (every service is scraped).
   */
  readonly probedServices?: readonly ServiceName[];
  /** The blackbox exporter that probes `probedServices` (`http://blackbox-exporter:9115`). Default: none. */
  readonly blackboxExporterUrl?: string | undefined;
}

/** Options with every default applied and durations checked. */
export interface ResolvedMonitoringOptions {
  readonly scrapeInterval: string;
  readonly scrapeTimeout: string;
  readonly evaluationInterval: string;
  readonly serviceDownFor: string;
  readonly warningFor: string;
  readonly errorRateThreshold: number;
  readonly alertmanagerUrl: URL | undefined;
  readonly runbookUrl: string;
  readonly credentialsDir: string;
  readonly prometheusUrl: string;
  readonly dashboardsPath: string;
  readonly ruleTests: boolean;
  /** In SERVICE_NAMES order, without duplicates. */
  readonly probedServices: readonly ServiceName[];
  readonly blackboxExporterUrl: URL | undefined;
}

/**
 * Short intervals for trying the generated files out locally and for the live alert test: targets
 * are scraped and rules evaluated every second, ServiceDown fires 2 s after a target goes down.
 */
export const TEST_PROFILE: MonitoringOptions = {
  scrapeInterval: '1s',
  scrapeTimeout: '1s',
  evaluationInterval: '1s',
  serviceDownFor: '2s',
  warningFor: '5s',
};

/** Applies defaults and validates; throws `MonitoringOptionsError` naming the first bad option. */
export function resolveMonitoringOptions(options: MonitoringOptions = {}): ResolvedMonitoringOptions {
  const {
    scrapeInterval = '15s',
    evaluationInterval = '15s',
    serviceDownFor = '1m',
    warningFor = '2m',
    errorRateThreshold = 0.05,
    alertmanagerUrl,
    runbookUrl = 'docs/incident-response.md',
    credentialsDir = 'secrets',
    prometheusUrl = 'http://localhost:9090',
    dashboardsPath = '/var/lib/grafana/dashboards/rag-validate',
    ruleTests = true,
    probedServices = [],
    blackboxExporterUrl,
  } = options;

  const scrapeMs = positiveDuration('scrapeInterval', scrapeInterval);
  positiveDuration('evaluationInterval', evaluationInterval);
  duration('serviceDownFor', serviceDownFor);
  duration('warningFor', warningFor);
  const scrapeTimeout = options.scrapeTimeout ?? formatDuration(Math.min(scrapeMs, 10_000));
  if (positiveDuration('scrapeTimeout', scrapeTimeout) > scrapeMs) {
    throw new MonitoringOptionsError('scrapeTimeout', scrapeTimeout, `must not be longer than scrapeInterval (${scrapeInterval})`);
  }
  if (!(typeof errorRateThreshold === 'number' && errorRateThreshold > 0 && errorRateThreshold < 1)) {
    throw new MonitoringOptionsError('errorRateThreshold', errorRateThreshold, 'expected a ratio between 0 and 1 (exclusive), e.g. 0.05');
  }
  if (runbookUrl.trim() === '' || /[#\s]/.test(runbookUrl)) {
    throw new MonitoringOptionsError('runbookUrl', runbookUrl, 'expected a URL or path without spaces or a #fragment (the alert anchor is appended)');
  }
  if (credentialsDir.trim() === '' || /[\n\r]/.test(credentialsDir) || credentialsDir.split('/').includes('..')) {
    throw new MonitoringOptionsError('credentialsDir', credentialsDir, "expected an absolute directory or one inside the output directory (no '..')");
  }
  if (!dashboardsPath.startsWith('/')) {
    throw new MonitoringOptionsError('dashboardsPath', dashboardsPath, 'expected an absolute path inside the Grafana container or host');
  }
  if (typeof ruleTests !== 'boolean') throw new MonitoringOptionsError('ruleTests', ruleTests, 'expected true or false');
  const unknown = probedServices.filter((name) => !isServiceName(name));
  if (unknown.length > 0) throw new MonitoringOptionsError('probedServices', probedServices, `unknown service ${unknown.join(', ')}; expected some of ${SERVICE_NAMES.join(', ')}`);
  if (probedServices.length > 0 && blackboxExporterUrl === undefined) {
    throw new MonitoringOptionsError('probedServices', probedServices, 'probing services needs blackboxExporterUrl (the blackbox exporter that runs the probes)');
  }

  return {
    scrapeInterval,
    scrapeTimeout,
    evaluationInterval,
    serviceDownFor,
    warningFor,
    errorRateThreshold,
    alertmanagerUrl: alertmanagerUrl === undefined ? undefined : httpUrl('alertmanagerUrl', alertmanagerUrl),
    runbookUrl,
    credentialsDir: credentialsDir.replace(/\/+$/, '') || '/',
    prometheusUrl: httpUrl('prometheusUrl', prometheusUrl).href.replace(/\/+$/, ''),
    dashboardsPath: dashboardsPath.replace(/\/+$/, '') || '/',
    ruleTests,
    probedServices: SERVICE_NAMES.filter((name) => probedServices.includes(name)),
    blackboxExporterUrl: blackboxExporterUrl === undefined ? undefined : httpUrl('blackboxExporterUrl', blackboxExporterUrl),
  };
}

function duration(option: string, value: string): number {
  const ms = typeof value === 'string' ? parseDuration(value) : undefined;
  if (ms === undefined) throw new MonitoringOptionsError(option, value, "expected a Prometheus duration such as '15s', '1m' or '1h30m'");
  return ms;
}

function positiveDuration(option: string, value: string): number {
  const ms = duration(option, value);
  if (ms === 0) throw new MonitoringOptionsError(option, value, 'must be longer than 0');
  return ms;
}

function httpUrl(option: string, value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new MonitoringOptionsError(option, value, 'expected an http(s) URL such as http://localhost:9093');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new MonitoringOptionsError(option, value, 'expected an http(s) URL such as http://localhost:9093');
  }
  if (url.username !== '' || url.password !== '') {
    throw new MonitoringOptionsError(option, '(redacted)', 'credentials in the URL would be written into a committed file; configure them outside the generated files');
  }
  return url;
}
