/**
 * The base of every error rag-validate throws on purpose. Callers branch on `code` (a stable
 * literal such as `RV_ERR_CONFIG_INVALID`), never on the message text.
 */
export abstract class RagValidateError extends Error {
  abstract readonly code: string;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }

  /** A JSON-safe view for result files and `--json` output (never includes `cause` stacks). */
  toJSON(): { name: string; code: string; message: string } {
    return { name: this.name, code: this.code, message: this.message };
  }
}

/** True when `value` is one of our typed errors (works across package copies by duck-typing). */
export function isRagValidateError(value: unknown): value is RagValidateError {
  if (value instanceof RagValidateError) return true;
  if (!(value instanceof Error)) return false;
  const code: unknown = (value as Error & { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('RV_ERR_');
}

/** One problem found while validating a config file or the environment. */
export interface ConfigProblem {
  /** Dotted path in the config (`target.services.rag.url`), or `env:NAME` for an environment variable. */
  readonly path: string;
  /** What is wrong, in words a user can act on. */
  readonly message: string;
}

/** The config file does not exist or cannot be read. */
export class ConfigFileError extends RagValidateError {
  readonly code = 'RV_ERR_CONFIG_FILE' as const;
  readonly file: string;

  constructor(file: string, reason: string, options?: { cause?: unknown }) {
    super(`cannot read config file ${file}: ${reason}`, options);
    this.file = file;
  }
}

/** The config file is not valid YAML. */
export class ConfigParseError extends RagValidateError {
  readonly code = 'RV_ERR_CONFIG_PARSE' as const;
  readonly file: string;
  readonly line: number | undefined;

  constructor(file: string, reason: string, line?: number, options?: { cause?: unknown }) {
    super(`config file ${file} is not valid YAML${line === undefined ? '' : ` (line ${line})`}: ${reason}`, options);
    this.file = file;
    this.line = line;
  }
}

/** The config (file + environment) parsed but does not describe a valid setup. Lists every problem. */
export class ConfigValidationError extends RagValidateError {
  readonly code = 'RV_ERR_CONFIG_INVALID' as const;
  readonly problems: readonly ConfigProblem[];
  readonly source: string;

  constructor(source: string, problems: readonly ConfigProblem[]) {
    const lines = problems.map((p) => `  - ${p.path}: ${p.message}`);
    super(`invalid config (${source}): ${problems.length} problem${problems.length === 1 ? '' : 's'}\n${lines.join('\n')}`);
    this.problems = problems;
    this.source = source;
  }
}

/** Every error code this package can throw, with what it means. Kept honest by errors.test.ts. */
export const CONFIG_ERROR_CODES = {
  RV_ERR_CONFIG_FILE: 'The config file named with --config (or RAG_VALIDATE_CONFIG) cannot be read.',
  RV_ERR_CONFIG_PARSE: 'The config file is not valid YAML.',
  RV_ERR_CONFIG_INVALID: 'The config file or an environment override has values that do not validate; every problem is listed.',
} as const;

export type ConfigErrorCode = keyof typeof CONFIG_ERROR_CODES;
