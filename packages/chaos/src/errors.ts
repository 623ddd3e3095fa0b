import { RagValidateError, type ServiceName } from '@rag-validate/config';

/** A fault would touch a service that `chaos.allow` does not list. Nothing was touched. */
export class FaultNotAllowedError extends RagValidateError {
  readonly code = 'RV_ERR_CHAOS_NOT_ALLOWED' as const;
  readonly service: ServiceName;
  readonly allowed: readonly ServiceName[];

  constructor(service: ServiceName, allowed: readonly ServiceName[]) {
    super(`a fault on ${service} is not allowed: chaos.allow lists ${allowed.length === 0 ? 'no service' : allowed.join(', ')}`);
    this.service = service;
    this.allowed = allowed;
  }
}

/** Faults against a target rag-validate did not start need `chaos.allowExternalTarget: true`. Nothing was touched. */
export class ExternalTargetNotAllowedError extends RagValidateError {
  readonly code = 'RV_ERR_CHAOS_EXTERNAL_TARGET' as const;

  constructor() {
    super(
      'refusing to inject faults into an external target: set chaos.allowExternalTarget: true in the config to allow it ' +
        '(faults stop, kill and pause real services), or run against the embedded reference stack',
    );
  }
}

/** An experiment name that is not in the catalog. */
export class UnknownExperimentError extends RagValidateError {
  readonly code = 'RV_ERR_CHAOS_UNKNOWN_EXPERIMENT' as const;
  readonly experiment: string;
  readonly known: readonly string[];

  constructor(experiment: string, known: readonly string[]) {
    super(`unknown chaos experiment "${experiment}" (known: ${known.join(', ')})`);
    this.experiment = experiment;
    this.known = known;
  }
}

/** A fault option or driver option has a value that cannot work; nothing was touched. */
export class InvalidFaultOptionError extends RagValidateError {
  readonly code = 'RV_ERR_CHAOS_INVALID_OPTION' as const;
  readonly option: string;

  constructor(option: string, reason: string) {
    super(`invalid chaos option ${option}: ${reason}`);
    this.option = option;
  }
}

/** The driver cannot find the process, container or proxy of a service. */
export class FaultTargetNotFoundError extends RagValidateError {
  readonly code = 'RV_ERR_CHAOS_TARGET_NOT_FOUND' as const;
  readonly service: ServiceName;
  readonly driver: string;

  constructor(driver: string, service: ServiceName, reason: string, options?: { cause?: unknown }) {
    super(`${driver} driver: cannot find ${service}: ${reason}`, options);
    this.driver = driver;
    this.service = service;
  }
}

/** The driver does not implement this kind of fault (e.g. a network cut with the process driver). */
export class UnsupportedFaultError extends RagValidateError {
  readonly code = 'RV_ERR_CHAOS_UNSUPPORTED_FAULT' as const;
  readonly driver: string;
  readonly kind: string;

  constructor(driver: string, kind: string, hint: string) {
    super(`the ${driver} driver cannot inject a "${kind}" fault: ${hint}`);
    this.driver = driver;
    this.kind = kind;
  }
}

/** Injecting a fault failed (a signal, a Docker call or a proxy call was refused). Whatever was done is rolled back. */
export class FaultInjectionError extends RagValidateError {
  readonly code = 'RV_ERR_CHAOS_INJECT' as const;
  readonly driver: string;
  readonly service: ServiceName;

  constructor(driver: string, service: ServiceName, reason: string, options?: { cause?: unknown }) {
    super(`${driver} driver: injecting the fault into ${service} failed: ${reason}`, options);
    this.driver = driver;
    this.service = service;
  }
}

/** Undoing one or more faults failed; they stay in the journal so `rag-validate chaos rollback` can retry. */
export class RollbackError extends RagValidateError {
  readonly code = 'RV_ERR_CHAOS_ROLLBACK' as const;
  /** What could not be undone, one line per fault. */
  readonly failures: readonly string[];

  constructor(failures: readonly string[], options?: { cause?: unknown }) {
    super(`rollback failed for ${failures.length} fault${failures.length === 1 ? '' : 's'} (kept in the journal; run \`rag-validate chaos rollback\`):\n  - ${failures.join('\n  - ')}`, options);
    this.failures = failures;
  }
}

/** The fault journal cannot be read or written. */
export class JournalError extends RagValidateError {
  readonly code = 'RV_ERR_CHAOS_JOURNAL' as const;
  readonly file: string;

  constructor(file: string, reason: string, options?: { cause?: unknown }) {
    super(`chaos journal ${file}: ${reason}`, options);
    this.file = file;
  }
}

/** The Docker engine cannot be reached over its socket. */
export class DockerUnavailableError extends RagValidateError {
  readonly code = 'RV_ERR_CHAOS_DOCKER_UNAVAILABLE' as const;
  readonly socketPath: string;

  constructor(socketPath: string, reason: string, options?: { cause?: unknown }) {
    super(`cannot reach the Docker engine at ${socketPath}: ${reason}`, options);
    this.socketPath = socketPath;
  }
}

/** The run was interrupted (SIGINT/SIGTERM); every fault was rolled back before this was thrown. */
export class ExperimentAbortedError extends RagValidateError {
  readonly code = 'RV_ERR_CHAOS_ABORTED' as const;
  readonly signal: string;

  constructor(signal: string) {
    super(`chaos run interrupted by ${signal}; faults were rolled back`);
    this.signal = signal;
  }
}

/** An experiment cannot be expressed as a Chaos Mesh manifest, or a manifest is not valid. */
export class ChaosMeshExportError extends RagValidateError {
  readonly code = 'RV_ERR_CHAOS_EXPORT' as const;
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`Chaos Mesh export: ${problems.join('; ')}`);
    this.problems = problems;
  }
}

/** Every error code this package throws, with what it means. Kept honest by errors.test.ts. */
export const CHAOS_ERROR_CODES = {
  RV_ERR_CHAOS_NOT_ALLOWED: 'A fault would touch a service that chaos.allow does not list; nothing was touched.',
  RV_ERR_CHAOS_EXTERNAL_TARGET: 'The target was not started by rag-validate and chaos.allowExternalTarget is not true; nothing was touched.',
  RV_ERR_CHAOS_UNKNOWN_EXPERIMENT: 'An experiment name is not in the catalog (`rag-validate chaos list`).',
  RV_ERR_CHAOS_INVALID_OPTION: 'A fault or driver option has a value that cannot work (negative latency, probability outside 0..1, …).',
  RV_ERR_CHAOS_TARGET_NOT_FOUND: 'The driver cannot find the process, container or proxy of a service.',
  RV_ERR_CHAOS_UNSUPPORTED_FAULT: 'The chosen driver does not implement this kind of fault.',
  RV_ERR_CHAOS_INJECT: 'Injecting a fault failed; whatever was done was rolled back.',
  RV_ERR_CHAOS_ROLLBACK: 'Undoing a fault failed; it stays in the journal for `rag-validate chaos rollback`.',
  RV_ERR_CHAOS_JOURNAL: 'The fault journal cannot be read or written.',
  RV_ERR_CHAOS_DOCKER_UNAVAILABLE: 'The Docker engine cannot be reached over its unix socket.',
  RV_ERR_CHAOS_ABORTED: 'The run was interrupted by SIGINT/SIGTERM; faults were rolled back first.',
  RV_ERR_CHAOS_EXPORT: 'An experiment cannot be exported as a Chaos Mesh manifest, or a manifest fails the static check.',
} as const;

export type ChaosErrorCode = keyof typeof CHAOS_ERROR_CODES;
