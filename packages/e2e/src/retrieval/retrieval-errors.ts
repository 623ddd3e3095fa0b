import { RagValidateError } from '@rag-validate/config';

/** One thing wrong with the golden set, located as precisely as we can. */
export interface GoldenSetProblem {
  /** The file the problem is in (absolute path). */
  readonly file: string;
  /** 1-based line in `file` (queries.jsonl), when the problem belongs to one line. */
  readonly line: number | undefined;
  /** What is wrong, in words a user can act on. */
  readonly message: string;
}

function describeProblem(p: GoldenSetProblem): string {
  return `${p.file}${p.line === undefined ? '' : `:${p.line}`}: ${p.message}`;
}

/**
 * The golden set (corpus + queries.jsonl) cannot be read or does not validate. Lists every
 * problem found; `file` and `line` point at the first one.
 */
export class GoldenSetError extends RagValidateError {
  readonly code = 'RV_ERR_GOLDEN_SET' as const;
  readonly file: string;
  readonly line: number | undefined;
  readonly problems: readonly GoldenSetProblem[];

  constructor(problems: readonly [GoldenSetProblem, ...GoldenSetProblem[]], options?: { cause?: unknown }) {
    const [first] = problems;
    const more = problems.length > 1 ? `\n${problems.slice(1).map((p) => `  - ${describeProblem(p)}`).join('\n')}` : '';
    super(`invalid golden set: ${describeProblem(first)}${more}`, options);
    this.file = first.file;
    this.line = first.line;
    this.problems = problems;
  }
}

/** A retrieval metric was called with an argument it cannot use (k not a positive integer). */
export class MetricArgumentError extends RagValidateError {
  readonly code = 'RV_ERR_METRIC_ARGUMENT' as const;
  readonly argument: string;
  readonly value: unknown;

  constructor(argument: string, value: unknown, expected: string) {
    super(`invalid ${argument} ${JSON.stringify(value) ?? String(value)}: expected ${expected}`);
    this.argument = argument;
    this.value = value;
  }
}

/** Every error code the retrieval module throws, with what it means. Kept honest by retrieval-errors.test.ts. */
export const RETRIEVAL_ERROR_CODES = {
  RV_ERR_GOLDEN_SET: 'The golden set (corpus files or queries.jsonl) cannot be read or does not validate; every problem is listed with file and line.',
  RV_ERR_METRIC_ARGUMENT: 'A retrieval metric was called with an unusable argument, such as a cut-off k that is not a positive integer.',
} as const;

export type RetrievalErrorCode = keyof typeof RETRIEVAL_ERROR_CODES;
