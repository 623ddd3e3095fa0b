import { RagValidateError } from '@rag-validate/config';

/** The results directory does not exist, is not a directory or cannot be listed. */
export class ResultsDirError extends RagValidateError {
  readonly code = 'RV_ERR_REPORT_RESULTS_DIR' as const;
  readonly dir: string;
  readonly reason: string;

  constructor(dir: string, reason: string, options?: { cause?: unknown }) {
    super(`cannot read the results directory ${dir}: ${reason} (run \`rag-validate run\` first, or give --in <dir>)`, options);
    this.dir = dir;
    this.reason = reason;
  }
}

/** The results directory holds none of the result files the suites write. */
export class NoResultsError extends RagValidateError {
  readonly code = 'RV_ERR_REPORT_NO_RESULTS' as const;
  readonly dir: string;
  /** The file names that were looked for. */
  readonly expected: readonly string[];

  constructor(dir: string, expected: readonly string[]) {
    super(`no result files in ${dir} (looked for ${expected.join(', ')}): run \`rag-validate run\` or one of the area commands first`);
    this.dir = dir;
    this.expected = expected;
  }
}

/** A report file cannot be written. */
export class ReportWriteError extends RagValidateError {
  readonly code = 'RV_ERR_REPORT_WRITE' as const;
  readonly file: string;
  readonly reason: string;

  constructor(file: string, reason: string, options?: { cause?: unknown }) {
    super(`cannot write the report ${file}: ${reason}`, options);
    this.file = file;
    this.reason = reason;
  }
}

/** Every error code this package throws, with what it means. Kept honest by errors.test.ts. */
export const REPORT_ERROR_CODES = {
  RV_ERR_REPORT_RESULTS_DIR: 'The results directory (--in, default output.resultsDir) does not exist, is not a directory or cannot be listed.',
  RV_ERR_REPORT_NO_RESULTS: 'The results directory holds none of the result files (run.json, health.json, e2e.json, perf-*.json, chaos.json, readiness.json, coverage.json).',
  RV_ERR_REPORT_WRITE: 'report.html, report.md or report.junit.xml cannot be written (e.g. the directory is not writable, or the path is a directory).',
} as const;

export type ReportErrorCode = keyof typeof REPORT_ERROR_CODES;
export type ReportError = ResultsDirError | NoResultsError | ReportWriteError;
