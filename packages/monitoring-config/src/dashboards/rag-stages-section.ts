import { DEPENDENCY_LABELS, METRICS } from '@rag-validate/config';
import { selector, serviceLabel } from '../promql.js';
import { RATE_WINDOW, timeseriesPanel, type DashboardSection } from './common.js';

/**
 * Where a RAG request spends its time: the rag-server's calls to embedding, vector search and the
 * LLM, the LLM's time to first token and token rate, and the size of the index.
 */
export function ragStagesSection(): DashboardSection {
  const rag: ['service', '=', string] = ['service', '=', serviceLabel('rag')];
  const llm: ['service', '=', string] = ['service', '=', serviceLabel('llm')];
  const dependency = METRICS.dependencyRequestDuration.name;
  const ttft = METRICS.llmTimeToFirstToken.name;
  const ttftBuckets = `sum by (le) (rate(${selector(`${ttft}_bucket`, [llm])}[${RATE_WINDOW}]))`;
  return {
    title: 'RAG stages',
    panels: [
      timeseriesPanel({
        title: 'Stage latency p95 (rag-server → dependency)',
        description: `95th percentile duration of the rag-server's calls to each dependency (${DEPENDENCY_LABELS.join(', ')}): embedding the query, the vector search, and the LLM call.`,
        unit: 's',
        width: 12,
        min: 0,
        queries: [
          {
            expr: `histogram_quantile(0.95, sum by (le, dependency) (rate(${selector(`${dependency}_bucket`, [rag])}[${RATE_WINDOW}])))`,
            legend: '{{dependency}}',
          },
        ],
      }),
      timeseriesPanel({
        title: 'Stage calls by outcome',
        description: "Calls per second from the rag-server to each dependency, by outcome; failures here explain the rag-server's 5xx.",
        unit: 'reqps',
        width: 12,
        min: 0,
        queries: [{ expr: `sum by (dependency, outcome) (rate(${selector(`${dependency}_count`, [rag])}[${RATE_WINDOW}]))`, legend: '{{dependency}} {{outcome}}' }],
      }),
      timeseriesPanel({
        title: 'LLM time to first token',
        description: 'Time from a chat-completion request to its first generated token (p50 and p95).',
        unit: 's',
        width: 8,
        min: 0,
        queries: [
          { expr: `histogram_quantile(0.5, ${ttftBuckets})`, legend: 'p50' },
          { expr: `histogram_quantile(0.95, ${ttftBuckets})`, legend: 'p95' },
        ],
      }),
      timeseriesPanel({
        title: 'LLM tokens per second',
        description: 'Completion tokens the LLM server generates per second, by model.',
        unit: 'short',
        width: 8,
        min: 0,
        queries: [{ expr: `sum by (model) (rate(${selector(METRICS.llmGeneratedTokens.name, [llm])}[${RATE_WINDOW}]))`, legend: '{{model}}' }],
      }),
      timeseriesPanel({
        title: 'Indexed chunks',
        description: 'Chunks in the rag-server index, by collection.',
        unit: 'short',
        width: 8,
        min: 0,
        queries: [{ expr: `sum by (collection) (${selector(METRICS.indexChunks.name, [rag])})`, legend: '{{collection}}' }],
      }),
    ],
  };
}
