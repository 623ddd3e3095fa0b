import { randomBytes } from 'node:crypto';
import { createKeepAliveAgent, Http1Pool, LlmClient, RagApiClient } from '@rag-validate/clients';
import type { RagValidateConfig } from '@rag-validate/config';
import { isRagValidateError } from '@rag-validate/config';
import { PerfPreflightError } from './errors.js';
import { deriveObjectives } from './gates/objectives.js';
import { createOperation, OPERATIONS } from './operations/operation-catalog.js';
import { buildPerfResult } from './result/build-result.js';
import type { PerfResult } from './result/perf-result.js';
import type { LoadClock } from './runner/load-clock.js';
import { runOpenModel, type LoadProgress } from './runner/open-model-runner.js';
import { getScenario } from './scenarios/builtin-scenarios.js';
import { resolveRunSettings, type RunOverrides } from './scenarios/run-settings.js';
import type { Scenario } from './scenarios/scenario.js';

export interface RunScenarioOptions extends RunOverrides {
  /** Target URLs, timeouts and auth (`target`), the SLOs the gates come from (`slos`) and `perf` defaults. */
  readonly config: Pick<RagValidateConfig, 'target' | 'slos' | 'perf'>;
  /** A built-in scenario name (`mixed`, `search`, `generate`, `llm-stream`, `index`, `health`) or a scenario object. */
  readonly scenario: string | Scenario;
  /** Aborting stops the load; the partial result is returned, marked aborted (and not passing). */
  readonly signal?: AbortSignal;
  /** Called about once a second with a live view of the run. */
  readonly onProgress?: (progress: LoadProgress) => void;
  /** Check the target before sending load. Default: true. */
  readonly preflight?: boolean;
  /** Makes indexed file names unique. Default: random. */
  readonly runId?: string;
  /** For tests. Default: the real clock. */
  readonly clock?: LoadClock;
}

/**
 * Runs a load scenario against the configured target and returns its result with every gate
 * evaluated. The calls go through the clients (`RagApiClient`, `LlmClient`) on a keep-alive agent
 * of their own with as many connections as calls may be in flight. Throws PerfPreflightError
 * (before any load) when the target is not reachable or healthy.
 */
export async function runScenario(options: RunScenarioOptions): Promise<PerfResult> {
  const { config, preflight = true, runId = randomBytes(4).toString('hex') } = options;
  const scenario = typeof options.scenario === 'string' ? getScenario(options.scenario) : options.scenario;
  const settings = resolveRunSettings(scenario, config, options);
  const objectives = deriveObjectives(settings, config.slos);
  const services = new Set(scenario.mix.map((m) => OPERATIONS[m.operation].service));
  const agent = createKeepAliveAgent({ connections: settings.maxInFlight });
  // Prepared calls (health) go over raw keep-alive sockets: the generator's own CPU per call stays
  // far below the server's (bench/README.md). Everything else goes through the agent.
  const http1Pool = new Http1Pool({ connections: settings.maxInFlight });
  // After a stop, calls still open get the grace period, then the connections go (and they fail).
  let destroyTimer: NodeJS.Timeout | undefined;
  const onStop = () => {
    destroyTimer = setTimeout(() => {
      http1Pool.destroy();
      void agent.destroy().catch(() => undefined);
    }, ABORT_GRACE_MS);
  };
  options.signal?.addEventListener('abort', onStop, { once: true });
  try {
    const { rag: ragTarget, llm: llmTarget } = config.target.services;
    const rag = new RagApiClient({
      baseUrl: ragTarget.url,
      timeoutMs: ragTarget.timeoutMs,
      ...(ragTarget.auth === undefined ? {} : { auth: ragTarget.auth }),
      contract: config.target.contract,
      collection: config.target.collection.name,
      bm25Index: config.target.bm25Index,
      generateTimeoutMs: config.target.generateTimeoutMs,
      // A load test measures the system, so a failed call counts as a failure, not a retry.
      maxRetries: 0,
      dispatcher: agent,
      http1Pool,
    });
    const llm = new LlmClient({
      baseUrl: llmTarget.url,
      timeoutMs: llmTarget.timeoutMs,
      ...(llmTarget.auth === undefined ? {} : { auth: llmTarget.auth }),
      model: config.target.llmModel,
      maxRetries: 0,
      dispatcher: agent,
      http1Pool,
    });
    let contract: string | undefined;
    if (preflight) {
      if (services.has('rag')) {
        const check = await rag.health({ timeoutMs: config.target.healthTimeoutMs });
        if (!check.ok) throw new PerfPreflightError('rag', ragTarget.url, `GET /health: ${check.detail}`, { cause: check.error });
        if (scenario.mix.some((m) => m.operation !== 'health')) {
          contract = await rag.contract({ timeoutMs: config.target.healthTimeoutMs }).catch((error: unknown) => {
            if (!isRagValidateError(error)) throw error;
            throw new PerfPreflightError('rag', ragTarget.url, error.message, { cause: error });
          });
        }
      }
      if (services.has('llm')) {
        const check = await llm.health({ timeoutMs: config.target.healthTimeoutMs });
        if (!check.ok) throw new PerfPreflightError('llm', llmTarget.url, `GET /health: ${check.detail}`, { cause: check.error });
      }
    }
    const context = { rag, llm, runId };
    const run = await runOpenModel(
      {
        warmup: settings.warmup,
        stages: settings.stages,
        mix: scenario.mix.map((entry) => ({ operation: createOperation(entry.operation, context, entry.params), weight: entry.weight })),
        maxInFlight: settings.maxInFlight,
        lateThresholdMs: settings.lateThresholdMs,
      },
      {
        ...(options.clock === undefined ? {} : { clock: options.clock }),
        ...(options.signal === undefined ? {} : { signal: options.signal }),
        abortGraceMs: ABORT_GRACE_MS,
        ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
      },
    );
    const target: PerfResult['target'] = {
      ...(services.has('rag') ? { rag: publicUrl(ragTarget.url) } : {}),
      ...(services.has('llm') ? { llm: publicUrl(llmTarget.url) } : {}),
      ...(contract === undefined ? {} : { contract }),
    };
    return buildPerfResult({ run, settings, objectives, target });
  } finally {
    options.signal?.removeEventListener('abort', onStop);
    clearTimeout(destroyTimer);
    if (!http1Pool.closed) await http1Pool.close();
    if (!agent.destroyed) await agent.close();
  }
}

/** How long calls still open after a stop may take before they are cut. */
const ABORT_GRACE_MS = 2_000;

function publicUrl(url: string): string {
  const parsed = new URL(url);
  parsed.username = '';
  parsed.password = '';
  return parsed.href.replace(/\/$/, '');
}
