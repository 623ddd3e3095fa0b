import type { CliContext } from '../cli-context.js';
import type { Output } from '../output.js';
import type { ResultsWriter } from '../results-writer.js';
import type { Target } from '../target/with-target.js';

/** The areas `rag-validate run` covers, in the order it runs them. */
export const PHASE_NAMES = ['health', 'e2e', 'perf', 'chaos', 'readiness'] as const;
export type PhaseName = (typeof PHASE_NAMES)[number];

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
