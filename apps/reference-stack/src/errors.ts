import { RagValidateError } from '@rag-validate/config';

/** The options given to `startReferenceStack()` (or to one service) are not valid. */
export class InvalidStackOptionsError extends RagValidateError {
  readonly code = 'RV_ERR_REFSTACK_OPTIONS' as const;
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`invalid reference-stack options:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.problems = problems;
  }
}

/** A service could not listen because its port is taken by another process. */
export class PortInUseError extends RagValidateError {
  readonly code = 'RV_ERR_REFSTACK_PORT_IN_USE' as const;
  readonly service: string;
  readonly host: string;
  readonly port: number;

  constructor(service: string, host: string, port: number, options?: { cause?: unknown }) {
    super(`${service} cannot listen on ${host}:${port}: the port is already in use`, options);
    this.service = service;
    this.host = host;
    this.port = port;
  }
}

/** A service process exited (or an in-process service threw) before it became healthy. */
export class ServiceStartError extends RagValidateError {
  readonly code = 'RV_ERR_REFSTACK_START_FAILED' as const;
  readonly service: string;
  readonly exitCode: number | null;
  readonly signal: string | null;
  /** The last lines the child wrote to stderr (and stdout), newest last. */
  readonly outputTail: readonly string[];

  constructor(
    service: string,
    detail: { reason: string; exitCode?: number | null; signal?: string | null; outputTail?: readonly string[] },
    options?: { cause?: unknown },
  ) {
    const tail = detail.outputTail ?? [];
    const tailText = tail.length > 0 ? `\n  last output:\n${tail.map((l) => `    ${l}`).join('\n')}` : '';
    super(`${service} failed to start: ${detail.reason}${tailText}`, options);
    this.service = service;
    this.exitCode = detail.exitCode ?? null;
    this.signal = detail.signal ?? null;
    this.outputTail = tail;
  }
}

/** A service did not answer its health check in time. */
export class ServiceStartTimeoutError extends RagValidateError {
  readonly code = 'RV_ERR_REFSTACK_START_TIMEOUT' as const;
  readonly service: string;
  readonly timeoutMs: number;
  readonly outputTail: readonly string[];

  constructor(service: string, timeoutMs: number, outputTail: readonly string[] = []) {
    const tailText = outputTail.length > 0 ? `\n  last output:\n${outputTail.map((l) => `    ${l}`).join('\n')}` : '';
    super(`${service} did not become healthy within ${timeoutMs} ms${tailText}`);
    this.service = service;
    this.timeoutMs = timeoutMs;
    this.outputTail = outputTail;
  }
}

/** The operation is not possible in this mode or state (e.g. `kill('SIGSTOP')` in in-process mode). */
export class UnsupportedOperationError extends RagValidateError {
  readonly code = 'RV_ERR_REFSTACK_UNSUPPORTED' as const;
  readonly service: string;
  readonly operation: string;

  constructor(service: string, operation: string, reason: string) {
    super(`${service}: ${operation} is not supported: ${reason}`);
    this.service = service;
    this.operation = operation;
  }
}

/** Every error code this package throws, with what it means. Kept honest by errors.test.ts. */
export const REFERENCE_STACK_ERROR_CODES = {
  RV_ERR_REFSTACK_OPTIONS: 'An option of startReferenceStack() or of a service is invalid (unknown defect, bad port, bad rate); every problem is listed.',
  RV_ERR_REFSTACK_PORT_IN_USE: 'A service could not bind its port because another process holds it.',
  RV_ERR_REFSTACK_START_FAILED: 'A service exited or threw before it was healthy; the error carries its exit code and last output lines.',
  RV_ERR_REFSTACK_START_TIMEOUT: 'A service did not answer its health check within the start timeout.',
  RV_ERR_REFSTACK_UNSUPPORTED: 'The operation is not possible in this mode (signals in in-process mode) or state.',
} as const;

export type ReferenceStackErrorCode = keyof typeof REFERENCE_STACK_ERROR_CODES;
