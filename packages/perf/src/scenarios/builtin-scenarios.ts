import { UnknownScenarioError } from '../errors.js';
import type { Scenario } from './scenario.js';

/**
 * The seed's load tests (Task 06, "성능 및 부하 테스트"), as data. The seed's Locust user mixed
 * search, generation and health checks 3 : 1 : 2 (plus docs pages, left out: they are not an
 * SLO); the SLA section asks for search at 100 RPS, generation at 10 RPS and 1,000 files
 * indexed a day.
 */
export const BUILTIN_SCENARIOS: readonly Scenario[] = [
  {
    name: 'mixed',
    description: 'The seed\'s mixed user: search 3 : generate 1 : health 2, by default at 12 requests/s in total.',
    mix: [
      { operation: 'search', weight: 3, params: { limit: 5 } },
      { operation: 'generate', weight: 1, params: { maxTokens: 200 } },
      { operation: 'health', weight: 2 },
    ],
    rate: { rps: 12 },
  },
  {
    name: 'search',
    description: 'Search alone at the search throughput objective (slos.search.throughput.rps, 100 RPS by default).',
    mix: [{ operation: 'search', weight: 1, params: { limit: 5 } }],
    rate: { sloRps: 'search' },
  },
  {
    name: 'generate',
    description: 'RAG code generation alone at the generation throughput objective (slos.generate.throughput.rps, 10 RPS by default).',
    mix: [{ operation: 'generate', weight: 1, params: { maxTokens: 200 } }],
    rate: { sloRps: 'generate' },
  },
  {
    name: 'llm-stream',
    description: 'Streamed chat completions on the llm-server at the generation objective rate; records time to first token and inter-token latency.',
    mix: [{ operation: 'llm-stream', weight: 1, params: { maxTokens: 200 } }],
    rate: { sloRps: 'generate' },
  },
  {
    name: 'index',
    description: 'Indexing throughput: one new file per call at 2 files/s; gated on the time per file and files per day (slos.index).',
    mix: [{ operation: 'index', weight: 1 }],
    rate: { rps: 2 },
  },
  {
    name: 'health',
    description: 'GET /health alone at 50 requests/s (a baseline of the server and of the generator).',
    mix: [{ operation: 'health', weight: 1 }],
    rate: { rps: 50 },
  },
];

/** The built-in scenario with this name. Throws UnknownScenarioError listing the known names. */
export function getScenario(name: string): Scenario {
  const scenario = BUILTIN_SCENARIOS.find((s) => s.name === name);
  if (scenario === undefined) throw new UnknownScenarioError(name, BUILTIN_SCENARIOS.map((s) => s.name));
  return scenario;
}
