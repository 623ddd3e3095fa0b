import { describe, expect, it } from 'vitest';
import { escapeRegex, formatDuration, formatNumber, leMatcher, parseDuration, selector } from './promql.js';
import { promqlMetricNames } from './promql-metric-names.js';

describe('PromQL helpers', () => {
  it('formats numbers without floating-point noise', () => {
    expect(formatNumber(1 - 0.99)).toBe('0.01');
    expect(formatNumber(14.4 * 0.01)).toBe('0.144');
    expect(formatNumber(5)).toBe('5');
  });

  it('matches integer bucket bounds as written by prom-client (5) and by Prometheus 3 (5.0)', () => {
    expect(selector('m', [leMatcher(5)])).toBe('m{le=~"5(\\\\.0)?"}');
    expect(selector('m', [leMatcher(2.5)])).toBe('m{le="2.5"}');
  });

  it('escapes route templates for regex matchers', () => {
    expect(escapeRegex('/api/v1/search/')).toBe('/api/v1/search/');
    expect(escapeRegex('/a.b(c)+')).toBe('/a\\.b\\(c\\)\\+');
  });

  it('parses and prints Prometheus durations', () => {
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('3d')).toBe(259_200_000);
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('15 s')).toBeUndefined();
    expect(parseDuration('')).toBeUndefined();
    expect(formatDuration(5_400_000)).toBe('1h30m');
    expect(formatDuration(181 * 60_000)).toBe('3h1m');
  });
});

describe('promqlMetricNames', () => {
  it('finds the metrics of selectors, ignoring functions, labels, numbers and durations', () => {
    expect(
      promqlMetricNames('histogram_quantile(0.95, sum by (le, route) (rate(http_request_duration_seconds_bucket{service="rag-server",route=~"/a|/b"}[$__rate_interval])))'),
    ).toEqual(['http_request_duration_seconds_bucket']);
    expect(promqlMetricNames('(sum(rate(a_total{x="y"}[5m])) or vector(0)) / sum(rate(b_total[5m])) > 0.05')).toEqual(['a_total', 'b_total']);
    expect(promqlMetricNames('slo:sli_error:ratio_rate1h / on (operation, slo) slo:error_budget:ratio')).toEqual(['slo:error_budget:ratio', 'slo:sli_error:ratio_rate1h']);
    expect(promqlMetricNames('min(up{service="vector-db"}) offset 5m')).toEqual(['up']);
    expect(promqlMetricNames('sum without (instance) (foo) and ignoring (job) bar unless baz')).toEqual(['bar', 'baz', 'foo']);
    expect(promqlMetricNames('1e3 * 2')).toEqual([]);
  });

  it('does not take label values for metric names', () => {
    expect(promqlMetricNames('rate(x{route="/api/v1/sum(bad)"}[1m])')).toEqual(['x']);
  });
});
