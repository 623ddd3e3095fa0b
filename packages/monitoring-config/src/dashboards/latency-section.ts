import { OPERATION_NAMES, type LatencyObjective, type OperationName, type Slos } from '@rag-validate/config';
import { formatNumber, operationMatchers, REQUEST_DURATION, selector } from '../promql.js';
import { RATE_WINDOW, timeseriesPanel, type DashboardSection, type ThresholdLine } from './common.js';

const OBJECTIVE_LINES: ReadonlyArray<{ key: keyof LatencyObjective; name: string; color: string }> = [
  { key: 'avgMs', name: 'mean', color: 'orange' },
  { key: 'p50Ms', name: 'p50', color: 'yellow' },
  { key: 'p95Ms', name: 'p95', color: 'red' },
  { key: 'p99Ms', name: 'p99', color: 'dark-red' },
  { key: 'maxMs', name: 'max', color: 'purple' },
];

/** The SLO latency objectives of an operation as threshold lines (seconds), and their description. */
export function latencyObjectiveLines(latency: LatencyObjective): { lines: ThresholdLine[]; text: string } {
  const present = OBJECTIVE_LINES.flatMap(({ key, name, color }) => {
    const ms = latency[key];
    return ms === undefined ? [] : [{ name, color, value: Number(formatNumber(ms / 1000)) }];
  });
  return {
    lines: present.map(({ value, color }) => ({ value, color })),
    text: present.map(({ name, value }) => `${name} < ${formatNumber(value)} s`).join(', '),
  };
}

function latencyPanel(operation: OperationName, latency: LatencyObjective) {
  const buckets = `sum by (le) (rate(${selector(REQUEST_DURATION.bucket, operationMatchers(operation))}[${RATE_WINDOW}]))`;
  const quantile = (q: number, legend: string) => ({ expr: `histogram_quantile(${q}, ${buckets})`, legend });
  const matchers = operationMatchers(operation);
  const mean = `sum(rate(${selector(REQUEST_DURATION.sum, matchers)}[${RATE_WINDOW}])) / sum(rate(${selector(REQUEST_DURATION.count, matchers)}[${RATE_WINDOW}]))`;
  const { lines, text } = latencyObjectiveLines(latency);
  return timeseriesPanel({
    title: `${operation} latency`,
    description: `p50, p95, p99 and mean latency of ${operation} requests. Dashed lines are the SLO objectives (${text}).`,
    unit: 's',
    width: 12,
    min: 0,
    lines,
    queries: [quantile(0.5, 'p50'), quantile(0.95, 'p95'), quantile(0.99, 'p99'), { expr: mean, legend: 'mean' }],
  });
}

/** One latency graph per SLO operation, with the operation's objectives drawn. */
export function latencySection(slos: Slos): DashboardSection {
  return { title: 'Latency', panels: OPERATION_NAMES.map((operation) => latencyPanel(operation, slos[operation].latency)) };
}
