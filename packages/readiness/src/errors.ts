import { RagValidateError } from '@rag-validate/config';

/**
 * Errors of the readiness suite. They are thrown only for bad input (a file that cannot be read,
 * an option out of range); a system that fails a check is a result, never an error.
 */

/** A file passed to readiness (compose, env file, prometheus.yml) cannot be read. */
export class InputFileError extends RagValidateError {
  readonly code = 'RV_ERR_READINESS_INPUT_FILE' as const;
  readonly kind: string;
  readonly file: string;

  constructor(kind: string, file: string, reason: string, options?: { cause?: unknown }) {
    super(`cannot read ${kind} ${file}: ${reason}`, options);
    this.kind = kind;
    this.file = file;
  }
}

/** The compose file is not YAML or not a compose file (no `services:` mapping). */
export class ComposeFileError extends RagValidateError {
  readonly code = 'RV_ERR_READINESS_COMPOSE' as const;
  readonly file: string;

  constructor(file: string, reason: string, options?: { cause?: unknown }) {
    super(`compose file ${file} is not usable: ${reason}`, options);
    this.file = file;
  }
}

/** A line of the `.env` file cannot be parsed. */
export class EnvFileError extends RagValidateError {
  readonly code = 'RV_ERR_READINESS_ENV_FILE' as const;
  readonly file: string;
  readonly line: number;

  constructor(file: string, line: number, reason: string) {
    super(`env file ${file} line ${line}: ${reason}`);
    this.file = file;
    this.line = line;
  }
}

/** An option of `runReadiness` is invalid (unknown check id, a size that is not a positive number…). */
export class ReadinessOptionsError extends RagValidateError {
  readonly code = 'RV_ERR_READINESS_OPTIONS' as const;
  readonly option: string;

  constructor(option: string, reason: string) {
    super(`invalid readiness option ${option}: ${reason}`);
    this.option = option;
  }
}

/** The result files cannot be written to the output directory. */
export class ResultsWriteError extends RagValidateError {
  readonly code = 'RV_ERR_READINESS_WRITE' as const;
  readonly path: string;

  constructor(path: string, reason: string, options?: { cause?: unknown }) {
    super(`cannot write readiness results to ${path}: ${reason}`, options);
    this.path = path;
  }
}

/** Every error code this package throws, with what it means. Kept honest by errors.test.ts. */
export const READINESS_ERROR_CODES = {
  RV_ERR_READINESS_INPUT_FILE: 'A compose file, env file or prometheus.yml given to readiness cannot be read.',
  RV_ERR_READINESS_COMPOSE: 'The compose file is not valid YAML or has no `services:` mapping.',
  RV_ERR_READINESS_ENV_FILE: 'A line of the env file is not `NAME=value` (the line number is given).',
  RV_ERR_READINESS_OPTIONS: 'A readiness option is invalid (unknown check id or category, a size or count that is not a positive whole number).',
  RV_ERR_READINESS_WRITE: 'The result files (readiness.json, .md, .junit.xml) cannot be written to the output directory.',
} as const;

export type ReadinessErrorCode = keyof typeof READINESS_ERROR_CODES;
