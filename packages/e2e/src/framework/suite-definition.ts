import type { ContractVersion, RagValidateConfig } from '@rag-validate/config';
import type { ServiceClients } from '@rag-validate/clients';
import type { CaseRecorder } from './case-recorder.js';
import type { SuiteName } from './result-types.js';

/** What every case gets. */
export interface E2eContext {
  readonly config: RagValidateConfig;
  readonly clients: ServiceClients;
  /** The rag-server contract in use (configured or detected). */
  readonly contract: ContractVersion;
  /** A short id unique to this run; cases put it in file paths so runs never collide. */
  readonly runId: string;
  readonly signal?: AbortSignal;
}

export interface CaseDefinition<State> {
  /** Stable id within the suite (kebab-case). */
  readonly id: string;
  readonly title: string;
  /** Ids of earlier cases that must have passed (or produced a finding); otherwise this one is skipped. */
  readonly needs?: readonly string[];
  run(ctx: E2eContext, t: CaseRecorder, state: State): Promise<void>;
}

/** A suite: plain async functions over the clients, shared by the vitest files and the CLI. */
export interface SuiteDefinition<State = Record<string, unknown>> {
  readonly name: SuiteName;
  readonly title: string;
  /** Fresh mutable state shared by the cases of one run. */
  createState(): State;
  readonly cases: ReadonlyArray<CaseDefinition<State>>;
}

/** Helper that keeps the State type when a suite is written as an object literal. */
export function defineSuite<State>(suite: SuiteDefinition<State>): SuiteDefinition<State> {
  return suite;
}
