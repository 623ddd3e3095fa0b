import { RagValidateError } from '@rag-validate/config';

/** Thrown by `t.check()` when an expectation does not hold; the case fails with its message. */
export class CheckFailure extends RagValidateError {
  readonly code = 'RV_ERR_CHECK_FAILED' as const;
  readonly evidence: Readonly<Record<string, unknown>>;

  constructor(message: string, evidence: Readonly<Record<string, unknown>> = {}) {
    super(message);
    this.evidence = evidence;
  }
}

/** Thrown by `t.skip()`: the case is not applicable to this target. */
export class CaseSkipped extends RagValidateError {
  readonly code = 'RV_ERR_CASE_SKIPPED' as const;
}

/** What a case uses to record evidence, assert, report a finding or skip. */
export class CaseRecorder {
  readonly #evidence: Record<string, unknown> = {};
  #finding: string | undefined;

  /** Keeps a JSON-safe value as evidence of what the case saw. */
  evidence(key: string, value: unknown): void {
    this.#evidence[key] = value;
  }

  /** Fails the case with `message` unless `condition` holds. */
  check(condition: unknown, message: string, evidence?: Readonly<Record<string, unknown>>): void {
    if (!condition) throw new CheckFailure(message, evidence);
  }

  /** Marks a known weakness of the target: reported, does not fail the run. The case goes on. */
  finding(message: string): void {
    this.#finding = this.#finding === undefined ? message : `${this.#finding}; ${message}`;
  }

  /** Ends the case as not applicable. */
  skip(reason: string): never {
    throw new CaseSkipped(reason);
  }

  get recorded(): Readonly<Record<string, unknown>> {
    return this.#evidence;
  }

  get findingMessage(): string | undefined {
    return this.#finding;
  }
}
