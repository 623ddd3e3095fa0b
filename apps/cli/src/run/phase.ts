import { AREA_NAMES, type AreaName } from '@rag-validate/report';
import type { CliContext } from '../cli-context.js';
import type { Output } from '../output.js';
import type { ResultsWriter } from '../results-writer.js';
import type { Target } from '../target/with-target.js';

/** The areas `rag-validate run` covers, in the order it runs them: the report's areas. */
export const PHASE_NAMES = AREA_NAMES;
export type PhaseName = AreaName;

/** What one phase of `run` reports. */
export interface PhaseOutcome {
  readonly phase: PhaseName;
  readonly status: 'pass' | 'fail' | 'skip';
  readonly summary: string;
  readonly durationMs: number;
  /** Result files the phase wrote. */
  readonly files: readonly string[];
}

export interface PhaseContext {
  readonly target: Target;
  readonly output: Output;
  readonly writer: ResultsWriter;
  /** `--full`: long perf runs instead of the smoke profile. */
  readonly full: boolean;
  readonly cli: CliContext;
  /** `--compose` / `--env-file`: the deployment files readiness checks. */
  readonly deployment: { readonly compose?: string; readonly envFile?: string };
}

export interface Phase {
  readonly name: PhaseName;
  readonly title: string;
  run(ctx: PhaseContext): Promise<Omit<PhaseOutcome, 'phase' | 'durationMs'>>;
}
