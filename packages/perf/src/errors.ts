import { RagValidateError } from '@rag-validate/config';

/** An option of a perf run (rate, duration, stages, in-flight cap …) has a value that cannot be used. */
export class PerfOptionError extends RagValidateError {
  readonly code = 'RV_ERR_PERF_OPTION' as const;
  /** The option as the user spells it, e.g. `--rps` or `durationMs`. */
  readonly option: string;
  readonly value: unknown;

  constructor(option: string, value: unknown, expected: string) {
    super(`invalid ${option} ${JSON.stringify(value)}: ${expected}`);
    this.option = option;
    this.value = value;
  }
}

/** The scenario named does not exist. */
export class UnknownScenarioError extends RagValidateError {
  readonly code = 'RV_ERR_PERF_UNKNOWN_SCENARIO' as const;
  readonly scenario: string;
  readonly known: readonly string[];

  constructor(scenario: string, known: readonly string[]) {
    super(`unknown perf scenario ${JSON.stringify(scenario)}; known scenarios: ${known.join(', ')}`);
    this.scenario = scenario;
    this.known = known;
  }
}

/** A perf result file cannot be read, is not JSON, or does not have the perf result shape. */
export class PerfResultFileError extends RagValidateError {
  readonly code = 'RV_ERR_PERF_RESULT_INVALID' as const;
  readonly file: string;
  readonly problems: readonly string[];

  constructor(file: string, problems: readonly string[], options?: { cause?: unknown }) {
    super(`${file} is not a usable perf result: ${problems.slice(0, 5).join('; ')}`, options);
    this.file = file;
    this.problems = problems;
  }
}

/** Perf results cannot be merged (different histogram settings, scenarios or schema versions). */
export class PerfMergeError extends RagValidateError {
  readonly code = 'RV_ERR_PERF_MERGE' as const;
  readonly reason: string;

  constructor(reason: string) {
    super(`cannot merge perf results: ${reason}`);
    this.reason = reason;
  }
}

/** The target did not answer the check made before load starts, so no load was sent. */
export class PerfPreflightError extends RagValidateError {
  readonly code = 'RV_ERR_PERF_PREFLIGHT' as const;
  readonly service: string;
  readonly url: string;

  constructor(service: string, url: string, detail: string, options?: { cause?: unknown }) {
    super(`the ${service} service at ${url} is not ready for a load test: ${detail}`, options);
    this.service = service;
    this.url = url;
  }
}

/** Any error the perf package throws on purpose. Branch on `code`. */
export type PerfError = PerfOptionError | UnknownScenarioError | PerfResultFileError | PerfMergeError | PerfPreflightError;

/** Every code this package throws, with what it means. Kept honest by errors.test.ts. */
export const PERF_ERROR_CODES = {
  RV_ERR_PERF_OPTION: 'A run option (rate, stages, duration, warm-up, in-flight cap, window) has an unusable value; nothing was sent.',
  RV_ERR_PERF_UNKNOWN_SCENARIO: 'The scenario named does not exist; the error lists the known ones.',
  RV_ERR_PERF_RESULT_INVALID: 'A perf result file cannot be read or does not have the perf result shape (e.g. when merging).',
  RV_ERR_PERF_MERGE: 'Perf results cannot be merged: their histogram settings or schema versions differ.',
  RV_ERR_PERF_PREFLIGHT: 'The target failed the check made before load starts (not reachable, unhealthy, contract unknown); no load was sent.',
} as const;

export type PerfErrorCode = keyof typeof PERF_ERROR_CODES;
