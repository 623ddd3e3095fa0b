import { METRICS, OPERATION_ROUTES, SERVICE_DISPLAY_NAMES, type OperationName, type ServiceName } from '@rag-validate/config';

/** One label matcher of a PromQL selector. */
export type LabelMatcher = readonly [label: string, op: '=' | '!=' | '=~' | '!~', value: string];

/** Escapes RE2 metacharacters so a literal (e.g. a route template) can sit inside `=~"…"`. */
export function escapeRegex(literal: string): string {
  return literal.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

/** A PromQL string literal (double-quoted, backslashes and quotes escaped). */
export function promString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** `metric{a="x",b=~"y"}`; no braces when there are no matchers. */
export function selector(metric: string, matchers: readonly LabelMatcher[]): string {
  if (matchers.length === 0) return metric;
  return `${metric}{${matchers.map(([label, op, value]) => `${label}${op}${promString(value)}`).join(',')}}`;
}

/**
 * Matches the histogram bucket whose upper bound is `seconds`. Integer bounds are written `5` by
 * prom-client and the Go client but `5.0` by Prometheus 3 (which normalises `le`), so both match.
 */
export function leMatcher(seconds: number): LabelMatcher {
  const text = formatNumber(seconds);
  return Number.isInteger(seconds) ? ['le', '=~', `${escapeRegex(text)}(\\.0)?`] : ['le', '=', text];
}

/**
 * A number as PromQL and YAML should show it: shortest round-trip form after removing binary
 * floating-point noise (1 - 0.99 is 0.01, not 0.010000000000000009).
 */
export function formatNumber(value: number): string {
  return String(Number(value.toPrecision(12)));
}

/** The `service` label value Prometheus attaches to a service's scrape job. */
export function serviceLabel(service: ServiceName): string {
  return SERVICE_DISPLAY_NAMES[service];
}

/** Label matchers selecting the requests of one SLO'd operation (service + route templates). */
export function operationMatchers(operation: OperationName): LabelMatcher[] {
  const { service, routes } = OPERATION_ROUTES[operation];
  return [
    ['service', '=', serviceLabel(service)],
    ['route', '=~', routes.map(escapeRegex).join('|')],
  ];
}

/** Metric names of the request-duration histogram's series. */
export const REQUEST_DURATION = {
  bucket: `${METRICS.httpRequestDuration.name}_bucket`,
  count: `${METRICS.httpRequestDuration.name}_count`,
  sum: `${METRICS.httpRequestDuration.name}_sum`,
} as const;

/** Matches 5xx responses (the `status_code` label of the request histogram). */
export const SERVER_ERROR: LabelMatcher = ['status_code', '=~', '5..'];

/** Prometheus duration syntax (`1m`, `1h30m`, `500ms`). */
const DURATION = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;
const UNIT_MS = [365 * 86_400_000, 7 * 86_400_000, 86_400_000, 3_600_000, 60_000, 1_000, 1];

/** Milliseconds of a Prometheus duration string, or undefined when it is not one. */
export function parseDuration(text: string): number | undefined {
  if (text === '' || text === '0') return text === '0' ? 0 : undefined;
  const match = DURATION.exec(text);
  if (match === null) return undefined;
  let total = 0;
  UNIT_MS.forEach((unit, index) => {
    const part = match[index + 1];
    if (part !== undefined) total += Number(part) * unit;
  });
  return total;
}

/** A whole number of milliseconds as the shortest Prometheus duration (`90000` → `1m30s`). */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  const parts: string[] = [];
  let rest = ms;
  const units: Array<[string, number]> = [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1_000],
    ['ms', 1],
  ];
  for (const [suffix, size] of units) {
    const count = Math.floor(rest / size);
    if (count > 0) {
      parts.push(`${count}${suffix}`);
      rest -= count * size;
    }
  }
  return parts.join('');
}
