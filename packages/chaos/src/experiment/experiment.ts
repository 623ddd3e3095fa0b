import type { OperationName } from '@rag-validate/config';
import { InvalidFaultOptionError } from '../errors.js';
import type { FaultSpec } from '../faults/fault-spec.js';
import type { ExpectedAlert } from './alert-watcher.js';
import { Probe } from './probe.js';
import type { LoadOperation } from './request-outcome.js';

/** What an operation should do while the fault is in place. */
export type OperationExpectation = 'available' | 'fails-cleanly';

/** A chaos experiment, as data. Build one with `Experiment.named(…)`. */
export interface ExperimentDefinition {
  readonly name: string;
  readonly title: string;
  /** What the experiment does and why it matters. */
  readonly description: string;
  /** What a healthy system does (against the reference stack); stated in the report. */
  readonly expectedOutcome: string;
  readonly fault: FaultSpec;
  /** The background load during the experiment. */
  readonly load: readonly LoadOperation[];
  readonly expectations: Readonly<Partial<Record<LoadOperation, OperationExpectation>>>;
  /** Connection errors count as clean (the called service itself is the one down). */
  readonly allowConnectionErrors: boolean;
  /** Compare search answers strictly with the pre-fault ones (no writes change them). */
  readonly compareAnswers: 'strict' | 'non-empty';
  /** Check the pre-fault manifest against the state after recovery. */
  readonly consistency: boolean;
  /** Check that every acknowledged write is present afterwards. */
  readonly durableWrites: boolean;
  /** An operation whose latency objective (`slos.<operation>.latency.p95Ms`) must hold during the fault. */
  readonly latencyObjective: OperationName | undefined;
  readonly alerts: readonly ExpectedAlert[];
  /** Steady-state probes; undefined: health, search p95 (from `slos.search`), exact point count, fixed answers. */
  readonly steadyState: readonly Probe[] | undefined;
}

/** The default steady-state hypothesis. */
export function defaultSteadyState(searchP95Ms: number): Probe[] {
  return [Probe.health(), Probe.searchLatency({ p95Ms: searchP95Ms }), Probe.pointCount(), Probe.fixedAnswers()];
}

/**
 * Builder for experiments:
 *
 * ```ts
 * Experiment.named('embedding-down')
 *   .titled('Embedding server down')
 *   .injecting(Fault.stop('embedding'))
 *   .underLoad('search', 'generate')
 *   .expecting({ search: 'fails-cleanly', generate: 'fails-cleanly' })
 *   .withAlert({ alertname: 'ServiceDown', labels: { service: 'embedding-server' } })
 *   .build();
 * ```
 */
export class Experiment {
  #name: string;
  #title = '';
  #description = '';
  #expectedOutcome = '';
  #fault: FaultSpec | undefined;
  #load: LoadOperation[] = ['search'];
  #expectations: Partial<Record<LoadOperation, OperationExpectation>> = {};
  #allowConnectionErrors = false;
  #compareAnswers: 'strict' | 'non-empty' = 'strict';
  #consistency = false;
  #durableWrites = false;
  #latencyObjective: OperationName | undefined;
  #alerts: ExpectedAlert[] = [];
  #steadyState: Probe[] | undefined;

  private constructor(name: string) {
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(name)) throw new InvalidFaultOptionError('experiment name', `expected kebab-case, got ${JSON.stringify(name)}`);
    this.#name = name;
  }

  static named(name: string): Experiment {
    return new Experiment(name);
  }

  titled(title: string): this {
    this.#title = title;
    return this;
  }

  describedAs(description: string): this {
    this.#description = description;
    return this;
  }

  expectingOutcome(text: string): this {
    this.#expectedOutcome = text;
    return this;
  }

  injecting(fault: FaultSpec): this {
    this.#fault = fault;
    return this;
  }

  underLoad(...operations: LoadOperation[]): this {
    this.#load = operations;
    return this;
  }

  expecting(expectations: Partial<Record<LoadOperation, OperationExpectation>>): this {
    this.#expectations = expectations;
    return this;
  }

  /** The faulted service is the one the load calls: refused/reset connections are its clean failure. */
  acceptingConnectionErrors(): this {
    this.#allowConnectionErrors = true;
    return this;
  }

  /** Writes during the experiment may change answers: only an empty answer counts as degraded. */
  comparingAnswersLoosely(): this {
    this.#compareAnswers = 'non-empty';
    return this;
  }

  withConsistencyCheck(): this {
    this.#consistency = true;
    return this;
  }

  withDurableWrites(): this {
    this.#durableWrites = true;
    return this;
  }

  withLatencyObjective(operation: OperationName): this {
    this.#latencyObjective = operation;
    return this;
  }

  withAlert(alert: ExpectedAlert): this {
    this.#alerts.push(alert);
    return this;
  }

  /** Replaces the default steady-state probes (health, search p95, point count, fixed answers). */
  withSteadyState(...probes: Probe[]): this {
    this.#steadyState = probes;
    return this;
  }

  build(): ExperimentDefinition {
    if (this.#fault === undefined) throw new InvalidFaultOptionError(`experiment ${this.#name}`, 'no fault: call injecting(Fault.…)');
    if (this.#load.length === 0) throw new InvalidFaultOptionError(`experiment ${this.#name}`, 'no load operation');
    for (const operation of Object.keys(this.#expectations)) {
      if (!this.#load.includes(operation as LoadOperation)) throw new InvalidFaultOptionError(`experiment ${this.#name}`, `an expectation for ${operation}, which the load does not call`);
    }
    return {
      name: this.#name,
      title: this.#title || this.#name,
      description: this.#description,
      expectedOutcome: this.#expectedOutcome,
      fault: this.#fault,
      load: this.#load,
      expectations: this.#expectations,
      allowConnectionErrors: this.#allowConnectionErrors,
      compareAnswers: this.#compareAnswers,
      consistency: this.#consistency,
      durableWrites: this.#durableWrites,
      latencyObjective: this.#latencyObjective,
      alerts: this.#alerts,
      steadyState: this.#steadyState,
    };
  }
}
