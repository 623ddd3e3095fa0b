import type { ChaosDriverName, FaultKind, FaultSpec } from './fault-spec.js';
import type { StartedFault } from './started-fault.js';

export interface InjectOptions {
  /** Experiment name recorded in the journal. */
  readonly experiment?: string;
}

/**
 * Injects faults into the services of a target. Each driver (process, docker, tcp-proxy) is one
 * implementation. `inject` writes a journal entry first and returns a `StartedFault`, which is
 * `AsyncDisposable`:
 *
 * ```ts
 * await using fault = await injector.inject(Fault.freeze('embedding'));
 * // … observe …
 * // leaving the block (normally or by an exception) rolls the fault back
 * ```
 */
export interface FaultInjector {
  readonly driver: ChaosDriverName;
  /** Whether this driver can inject this kind of fault. */
  supports(kind: FaultKind): boolean;
  /** Throws (a typed error) when this fault cannot be injected here, e.g. no handle for the service. Touches nothing. */
  check(fault: FaultSpec): void;
  /** What `inject` would do, found without touching anything (for `--dry-run`). */
  plan(fault: FaultSpec): Promise<string>;
  inject(fault: FaultSpec, options?: InjectOptions): Promise<StartedFault>;
}
