import { expectHealthy, type LlmClient, type PreparedResponse, type RagApiClient } from '@rag-validate/clients';
import type { OperationName } from '@rag-validate/config';
import type { OperationOutcome, RunnerOperation } from '../runner/open-model-runner.js';
import { GENERATION_PROMPTS, indexFileFor, SEARCH_QUERIES } from '../scenarios/query-pools.js';
import { classifyError } from './classify-error.js';

/** The operations a scenario can mix. */
export const OPERATION_IDS = ['search', 'generate', 'health', 'index', 'llm-stream'] as const;
export type OperationId = (typeof OPERATION_IDS)[number];

/** Tuning of an operation's calls, set per scenario. */
export interface OperationParams {
  /** Hits asked of a search. Default: 5. */
  readonly limit?: number;
  /** Tokens asked of a generation or LLM call. Default: 200. */
  readonly maxTokens?: number;
}

export interface OperationInfo {
  readonly id: OperationId;
  /** The config SLO (`slos.<slo>`) its gates come from. */
  readonly slo: OperationName;
  /** The service it drives. */
  readonly service: 'rag' | 'llm';
  readonly description: string;
  /** Sample series it records besides its latency. */
  readonly samples: readonly string[];
}

export const OPERATIONS: Readonly<Record<OperationId, OperationInfo>> = {
  search: { id: 'search', slo: 'search', service: 'rag', description: 'RagApiClient.search: hybrid code search (Task 06 POST /api/v1/search/, HEAD /api/v1/search/hybrid)', samples: [] },
  generate: { id: 'generate', slo: 'generate', service: 'rag', description: 'RagApiClient.generate: RAG code generation (POST /api/v1/generate/)', samples: [] },
  health: { id: 'health', slo: 'health', service: 'rag', description: 'GET /health on the rag-server (a prepared call of its HttpClient), 2xx with status "healthy" required', samples: [] },
  index: { id: 'index', slo: 'index', service: 'rag', description: 'RagApiClient.indexFile: indexes one new source file per call', samples: [] },
  'llm-stream': {
    id: 'llm-stream',
    slo: 'generate',
    service: 'llm',
    description: 'LlmClient.chatStream: streamed chat completion on the llm-server; records time to first token and inter-token latency',
    samples: ['ttft', 'itl'],
  },
};

/**
 * What operations need to make calls. They do not take the run's per-call signal: runScenario
 * stops calls still open after a stop by destroying its agent (no listener per call).
 */
export interface OperationContext {
  readonly rag: RagApiClient;
  readonly llm: LlmClient;
  /** Makes indexed file names unique to this run. */
  readonly runId: string;
}

const OK: OperationOutcome = Object.freeze({ ok: true });
const success = (): OperationOutcome => OK;
const failure = (error: unknown): OperationOutcome => ({ ok: false, error: classifyError(error) });

/** Builds the runner operation for an id. Calls go through the clients (so both rag contracts work). */
export function createOperation(id: OperationId, context: OperationContext, params: OperationParams = {}): RunnerOperation {
  const { limit = 5, maxTokens = 200 } = params;
  const { rag, llm, runId } = context;
  switch (id) {
    case 'search':
      return {
        name: id,
        execute: ({ seq }) => rag.search({ query: SEARCH_QUERIES[seq % SEARCH_QUERIES.length] ?? 'search', limit }).then(success, failure),
      };
    case 'generate':
      return {
        name: id,
        execute: ({ seq }) => {
          const prompt = GENERATION_PROMPTS[seq % GENERATION_PROMPTS.length] ?? { query: 'generate', language: 'python' as const };
          return rag.generate({ query: prompt.query, language: prompt.language, maxTokens }).then(success, failure);
        },
      };
    case 'health': {
      // The cheapest call there is, so a prepared request: the generator's own cost per call stays
      // far below the server's (see bench/README.md).
      const prepared = rag.http.prepare({ method: 'GET', path: '/health' });
      // A body already found healthy is not parsed again (a static health answer is the same every time).
      let healthyText: string | undefined;
      const judge = (response: PreparedResponse): OperationOutcome => {
        if (response.status < 200 || response.status >= 300) return { ok: false, error: `http ${response.status}` };
        if (response.text === healthyText) return OK;
        if (expectHealthy(parseJson(response.text)) !== undefined) return { ok: false, error: 'unhealthy' };
        healthyText = response.text;
        return OK;
      };
      return {
        name: id,
        execute: () => prepared.send().then(judge, failure),
        // Straight from the socket read to the recorder, with no promise in between.
        start: (_call, done) => prepared.sendWith((error, response) => done(response === undefined ? failure(error) : judge(response))),
      };
    }
    case 'index':
      return {
        name: id,
        execute: ({ seq }) => rag.indexFile(indexFileFor(runId, seq)).then(success, failure),
      };
    case 'llm-stream':
      return {
        name: id,
        samples: OPERATIONS['llm-stream'].samples,
        execute: ({ seq, lagMs }) => {
          const prompt = GENERATION_PROMPTS[seq % GENERATION_PROMPTS.length]?.query ?? 'hello';
          return llm.chatStream({ messages: [{ role: 'user', content: prompt }], maxTokens }).then((completion): OperationOutcome => {
            const times = completion.tokenTimesMs;
            const itl: number[] = [];
            for (let i = 1; i < times.length; i += 1) itl.push((times[i] ?? 0) - (times[i - 1] ?? 0));
            // Time to first token counts from the intended send time, like every latency here.
            return { ok: true, samples: { ttft: [completion.ttftMs + lagMs], itl } };
          }, failure);
        },
      };
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
