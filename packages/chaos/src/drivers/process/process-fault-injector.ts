import { SERVICE_DISPLAY_NAMES, type ServiceName } from '@rag-validate/config';
import { FaultInjectionError, FaultTargetNotFoundError, UnsupportedFaultError } from '../../errors.js';
import type { FaultInjector, InjectOptions } from '../../faults/fault-injector.js';
import { describeFault, type FaultKind, type FaultSpec } from '../../faults/fault-spec.js';
import { injectWithJournal, type StartedFault } from '../../faults/started-fault.js';
import type { ChaosJournal } from '../../journal/chaos-journal.js';
import type { ProcessUndoRecipe, UndoOutcome } from '../../journal/undo-recipe.js';
import type { ManagedProcess } from './managed-process.js';
import { PidFileProcess } from './pid-file-process.js';
import { processStartTicks, processState, waitForState } from './process-liveness.js';

const KINDS: ReadonlySet<FaultKind> = new Set(['stop', 'crash', 'freeze', 'restart']);

/**
 * Faults on service processes: stop (SIGTERM), crash (SIGKILL), freeze (SIGSTOP, undone by
 * SIGCONT) and restart. Works on the reference stack's handles and on services given as a
 * command + pid file.
 */
export class ProcessFaultInjector implements FaultInjector {
  readonly driver = 'process' as const;
  readonly #processes: Partial<Record<ServiceName, ManagedProcess>>;
  readonly #journal: ChaosJournal;

  constructor(options: { processes: Partial<Record<ServiceName, ManagedProcess>>; journal: ChaosJournal }) {
    this.#processes = options.processes;
    this.#journal = options.journal;
  }

  supports(kind: FaultKind): boolean {
    return KINDS.has(kind);
  }

  check(fault: FaultSpec): void {
    const target = this.#target(fault);
    if ((fault.kind === 'stop' || fault.kind === 'crash' || fault.kind === 'restart') && !target.canStart()) {
      throw new FaultTargetNotFoundError('process', fault.service, `no way to start it again after a ${fault.kind}: set chaos.process.${fault.service}.command`);
    }
  }

  async plan(fault: FaultSpec): Promise<string> {
    this.check(fault);
    const target = this.#target(fault);
    if (target instanceof PidFileProcess) await target.refresh();
    const pid = target.pid();
    return `process: ${describeFault(fault)} — ${SERVICE_DISPLAY_NAMES[fault.service]} ${pid === undefined ? 'is not running now' : `pid ${pid}`}`;
  }

  async inject(fault: FaultSpec, options: InjectOptions = {}): Promise<StartedFault> {
    this.check(fault);
    const target = this.#target(fault);
    if (target instanceof PidFileProcess) await target.refresh();
    const common = { journal: this.#journal, spec: fault, driver: this.driver, experiment: options.experiment } as const;
    const startAgain = async (): Promise<UndoOutcome> => {
      const wasRunning = target.pid() !== undefined;
      await target.start();
      return wasRunning ? { status: 'nothing-to-do', detail: `${fault.service} was running` } : { status: 'undone', detail: `${fault.service} started (pid ${target.pid() ?? '?'})` };
    };
    switch (fault.kind) {
      case 'stop':
      case 'crash': {
        if (target.pid() === undefined) throw new FaultTargetNotFoundError('process', fault.service, 'the service is not running');
        return injectWithJournal({ ...common, recipe: target.startRecipe(), apply: () => (fault.kind === 'stop' ? target.stop() : target.crash()), undo: startAgain });
      }
      case 'restart':
        return injectWithJournal({ ...common, recipe: target.startRecipe(), apply: () => target.restart(), undo: startAgain });
      case 'freeze': {
        const pid = target.pid();
        if (pid === undefined) throw new FaultTargetNotFoundError('process', fault.service, 'the service is not running');
        const startTicks = processStartTicks(pid);
        const recipe: ProcessUndoRecipe = { driver: 'process', action: 'resume', service: fault.service, pid, ...(startTicks === undefined ? {} : { startTicks }) };
        return injectWithJournal({
          ...common,
          recipe,
          apply: async () => {
            process.kill(pid, 'SIGSTOP');
            if (!(await waitForState(pid, 'stopped', 5_000))) throw new FaultInjectionError('process', fault.service, `pid ${pid} did not stop on SIGSTOP`);
          },
          undo: () => undoProcessRecipe(recipe),
        });
      }
      default:
        throw new UnsupportedFaultError('process', fault.kind, 'use the tcp-proxy driver for network faults and the docker driver for network-disconnect and resource limits');
    }
  }

  #target(fault: FaultSpec): ManagedProcess {
    if (!this.supports(fault.kind)) {
      throw new UnsupportedFaultError('process', fault.kind, 'use the tcp-proxy driver for network faults and the docker driver for network-disconnect and resource limits');
    }
    const target = this.#processes[fault.service];
    if (target === undefined) {
      throw new FaultTargetNotFoundError('process', fault.service, 'no process handle: start the embedded stack, or configure chaos.process.<service>.command and pidFile');
    }
    return target;
  }
}

/** Undoes a process fault from its journal recipe alone. */
export async function undoProcessRecipe(recipe: ProcessUndoRecipe): Promise<UndoOutcome> {
  switch (recipe.action) {
    case 'resume': {
      const state = processState(recipe.pid);
      if (state === 'gone' || state === 'zombie') return { status: 'nothing-to-do', detail: `pid ${recipe.pid} is gone` };
      if (recipe.startTicks !== undefined && processStartTicks(recipe.pid) !== recipe.startTicks) {
        return { status: 'nothing-to-do', detail: `pid ${recipe.pid} now belongs to another process` };
      }
      if (state === 'running') return { status: 'nothing-to-do', detail: `pid ${recipe.pid} is running` };
      process.kill(recipe.pid, 'SIGCONT');
      if (!(await waitForState(recipe.pid, 'running', 5_000))) throw new FaultInjectionError('process', recipe.service, `pid ${recipe.pid} still stopped after SIGCONT`);
      return { status: 'undone', detail: `resumed pid ${recipe.pid} (SIGCONT)` };
    }
    case 'start': {
      const target = PidFileProcess.fromRecipe(recipe);
      if ((await target.refresh()) !== undefined) return { status: 'nothing-to-do', detail: `${recipe.service} is running (pid ${target.pid() ?? '?'})` };
      await target.start();
      return { status: 'undone', detail: `started ${recipe.service} (pid ${target.pid() ?? '?'}) with: ${recipe.command}` };
    }
    case 'owner-restarts':
      return {
        status: 'nothing-to-do',
        detail: `${recipe.service} belonged to an embedded stack; it ends with the run that started it`,
      };
  }
}
