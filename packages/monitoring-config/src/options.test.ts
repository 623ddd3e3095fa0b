import { describe, expect, it } from 'vitest';
import { MonitoringOptionsError } from './errors.js';
import { resolveMonitoringOptions, TEST_PROFILE } from './options.js';

function rejection(options: Parameters<typeof resolveMonitoringOptions>[0]): MonitoringOptionsError {
  try {
    resolveMonitoringOptions(options);
  } catch (error) {
    if (error instanceof MonitoringOptionsError) return error;
    throw error;
  }
  throw new Error('expected a MonitoringOptionsError');
}

describe('resolveMonitoringOptions', () => {
  it('uses the seed intervals and alert durations by default', () => {
    const options = resolveMonitoringOptions();
    expect(options).toMatchObject({
      scrapeInterval: '15s',
      scrapeTimeout: '10s',
      evaluationInterval: '15s',
      serviceDownFor: '1m',
      warningFor: '2m',
      errorRateThreshold: 0.05,
      alertmanagerUrl: undefined,
      runbookUrl: 'docs/incident-response.md',
      credentialsDir: 'secrets',
      prometheusUrl: 'http://localhost:9090',
      ruleTests: true,
    });
  });

  it('orders probed services and drops duplicates', () => {
    expect(resolveMonitoringOptions({ probedServices: ['llm', 'rag', 'llm'], blackboxExporterUrl: 'http://bb:9115' }).probedServices).toEqual(['rag', 'llm']);
  });

  it('keeps the scrape timeout within a short scrape interval', () => {
    expect(resolveMonitoringOptions({ scrapeInterval: '5s' }).scrapeTimeout).toBe('5s');
    expect(resolveMonitoringOptions(TEST_PROFILE)).toMatchObject({ scrapeInterval: '1s', scrapeTimeout: '1s', serviceDownFor: '2s' });
  });

  it('rejects what Prometheus would reject, naming the option', () => {
    expect(rejection({ scrapeInterval: '15 seconds' })).toMatchObject({ code: 'RV_ERR_MONITORING_OPTIONS', option: 'scrapeInterval' });
    expect(rejection({ evaluationInterval: '0s' }).option).toBe('evaluationInterval');
    expect(rejection({ scrapeInterval: '5s', scrapeTimeout: '10s' }).message).toContain('must not be longer than scrapeInterval');
    expect(rejection({ errorRateThreshold: 5 }).option).toBe('errorRateThreshold');
    expect(rejection({ alertmanagerUrl: 'alertmanager:9093' }).option).toBe('alertmanagerUrl');
    expect(rejection({ runbookUrl: 'docs/x.md#anchor' }).option).toBe('runbookUrl');
    expect(rejection({ credentialsDir: '../outside' }).option).toBe('credentialsDir');
    expect(rejection({ dashboardsPath: 'relative/path' }).option).toBe('dashboardsPath');
    expect(rejection({ probedServices: ['rag'] }).message).toContain('needs blackboxExporterUrl');
    expect(rejection({ probedServices: ['qdrant' as 'rag'], blackboxExporterUrl: 'http://bb:9115' }).message).toContain('unknown service qdrant');
  });

  it('refuses an Alertmanager URL with credentials, without echoing them', () => {
    const error = rejection({ alertmanagerUrl: 'http://admin:hunter2@alertmanager:9093' });
    expect(error.message).not.toContain('hunter2');
    expect(error.message).toContain('committed file');
  });
});
