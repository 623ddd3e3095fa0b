import { randomBytes } from 'node:crypto';
import { serviceUrls, type RagValidateConfig } from '@rag-validate/config';
import { createServiceClients } from '@rag-validate/clients';
import { SUITE_NAMES, type E2eResult, type SuiteName, type SuiteResult } from './framework/result-types.js';
import type { SuiteProgress } from './framework/run-suite.js';
import type { E2eContext } from './framework/suite-definition.js';
import { SUITES } from './suites/suite-registry.js';

export interface RunE2eOptions {
  /** The resolved config; its service URLs are the target. */
  readonly config: RagValidateConfig;
  /** Suites to run, in the shipped order. Default: all. */
  readonly suites?: readonly SuiteName[];
  readonly progress?: SuiteProgress & { onSuiteStart?(suite: SuiteName, title: string): void; onSuiteEnd?(result: SuiteResult): void };
  readonly signal?: AbortSignal;
  /** Unique id for this run's data (file paths). Default: random. */
  readonly runId?: string;
}

/**
 * Runs the e2e suites against the configured target and returns the typed result
 * (`results/e2e.json`). Never throws because the target misbehaves: that is a failed case. Throws
 * only when the target's contract version cannot be told (RV_ERR_CONTRACT_UNKNOWN).
 */
export async function runE2e(options: RunE2eOptions): Promise<E2eResult> {
  const { config, suites = SUITE_NAMES, progress = {}, signal } = options;
  const started = new Date();
  const clients = createServiceClients(config);
  const contract = await clients.rag.contract();
  const ctx: E2eContext = {
    config,
    clients,
    contract,
    runId: options.runId ?? randomBytes(4).toString('hex'),
    ...(signal ? { signal } : {}),
  };
  const results: SuiteResult[] = [];
  for (const name of SUITE_NAMES.filter((s) => suites.includes(s))) {
    progress.onSuiteStart?.(name, SUITES[name].title);
    const result = await SUITES[name].run(ctx, progress);
    results.push(result);
    progress.onSuiteEnd?.(result);
  }
  const finished = new Date();
  return {
    kind: 'e2e',
    version: 1,
    status: results.every((r) => r.status === 'pass') ? 'pass' : 'fail',
    startedAt: started.toISOString(),
    finishedAt: finished.toISOString(),
    durationMs: finished.getTime() - started.getTime(),
    target: { mode: config.target.mode, contract, urls: serviceUrls(config) },
    suites: results,
  };
}
