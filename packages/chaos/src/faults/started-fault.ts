import { randomUUID } from 'node:crypto';
import { isRagValidateError } from '@rag-validate/config';
import { FaultInjectionError, RollbackError } from '../errors.js';
import type { ChaosJournal } from '../journal/chaos-journal.js';
import type { UndoOutcome, UndoRecipe } from '../journal/undo-recipe.js';
import { processStartTicks } from '../drivers/process/process-liveness.js';
import { describeFault, type ChaosDriverName, type FaultSpec } from './fault-spec.js';

export type StartedFaultState = 'active' | 'rolling-back' | 'rolled-back' | 'rollback-failed';

const active = new Set<StartedFault>();

/**
 * A fault that is in place. Rolling it back is idempotent and also happens on `await using`
 * disposal, so a fault never outlives the block that injected it; its journal entry is removed
 * only once the rollback succeeded.
 */
export class StartedFault implements AsyncDisposable {
  readonly id: string;
  readonly spec: FaultSpec;
  readonly driver: ChaosDriverName;
  readonly description: string;
  /** Epoch ms when the fault was in place. */
  readonly injectedAt: number;
  #state: StartedFaultState = 'active';
  #rollback: Promise<UndoOutcome> | undefined;
  #rolledBackAt: number | undefined;
  readonly #journal: ChaosJournal;
  readonly #undo: () => Promise<UndoOutcome>;

  constructor(init: { id: string; spec: FaultSpec; driver: ChaosDriverName; description: string; injectedAt: number; journal: ChaosJournal; undo: () => Promise<UndoOutcome> }) {
    this.id = init.id;
    this.spec = init.spec;
    this.driver = init.driver;
    this.description = init.description;
    this.injectedAt = init.injectedAt;
    this.#journal = init.journal;
    this.#undo = init.undo;
    active.add(this);
  }

  get state(): StartedFaultState {
    return this.#state;
  }

  /** Epoch ms when the rollback finished, once it did. */
  get rolledBackAt(): number | undefined {
    return this.#rolledBackAt;
  }

  /**
   * Undoes the fault (once; later calls return the same outcome). On failure the journal entry
   * stays, the state is `rollback-failed`, a later call tries again, and RollbackError is thrown.
   */
  rollback(): Promise<UndoOutcome> {
    this.#rollback ??= this.#doRollback();
    return this.#rollback;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.rollback();
  }

  async #doRollback(): Promise<UndoOutcome> {
    this.#state = 'rolling-back';
    try {
      const outcome = await this.#undo();
      await this.#journal.remove(this.id);
      this.#state = 'rolled-back';
      this.#rolledBackAt = Date.now();
      active.delete(this);
      return outcome;
    } catch (error) {
      this.#state = 'rollback-failed';
      this.#rollback = undefined;
      const reason = error instanceof Error ? error.message : String(error);
      throw new RollbackError([`${this.description}: ${reason}`], { cause: error });
    }
  }
}

/** Faults injected by this process and not rolled back yet (for signal handlers). */
export function activeFaults(): readonly StartedFault[] {
  return [...active];
}

/** Rolls back every active fault of this process, newest first; collects failures instead of stopping at the first. */
export async function rollbackActiveFaults(): Promise<{ readonly rolledBack: number; readonly failures: readonly string[] }> {
  const failures: string[] = [];
  let rolledBack = 0;
  for (const fault of [...active].reverse()) {
    try {
      await fault.rollback();
      rolledBack += 1;
    } catch (error) {
      failures.push(...(error instanceof RollbackError ? error.failures : [String(error)]));
    }
  }
  return { rolledBack, failures };
}

export interface InjectWithJournalOptions {
  readonly journal: ChaosJournal;
  readonly spec: FaultSpec;
  readonly driver: ChaosDriverName;
  readonly experiment?: string | undefined;
  /** How to undo the fault from the journal alone. */
  readonly recipe: UndoRecipe;
  /** Puts the fault in place. */
  apply(): Promise<void>;
  /** Undoes it in this run (may use live handles; defaults to the recipe's undo). */
  undo(): Promise<UndoOutcome>;
  readonly description?: string;
}

/**
 * The one way drivers inject: journal entry first, then the fault; when putting the fault in
 * place fails half way, it is undone and the entry removed before the error is thrown.
 */
export async function injectWithJournal(options: InjectWithJournalOptions): Promise<StartedFault> {
  const { journal, spec, driver, experiment, recipe, apply, undo } = options;
  const id = randomUUID();
  const description = options.description ?? describeFault(spec);
  const startTicks = processStartTicks(process.pid);
  await journal.add({
    id,
    createdAt: new Date().toISOString(),
    owner: { pid: process.pid, ...(startTicks === undefined ? {} : { startTicks }) },
    ...(experiment === undefined ? {} : { experiment }),
    fault: spec,
    description,
    undo: recipe,
  });
  try {
    await apply();
  } catch (error) {
    let undone = false;
    try {
      await undo();
      undone = true;
      await journal.remove(id);
    } catch {
      // The entry stays in the journal for `chaos rollback`.
    }
    const reason = `${error instanceof Error ? error.message : String(error)}${undone ? '' : ' (and undoing it failed: it stays in the journal)'}`;
    if (isRagValidateError(error) && error.code !== 'RV_ERR_CHAOS_INJECT' && undone) throw error;
    throw new FaultInjectionError(driver, spec.service, reason, { cause: error });
  }
  return new StartedFault({ id, spec, driver, description, injectedAt: Date.now(), journal, undo });
}
