import type { ServiceName } from '@rag-validate/config';
import { FaultInjectionError, FaultTargetNotFoundError } from '../../errors.js';
import type { ProcessUndoRecipe } from '../../journal/undo-recipe.js';
import type { ManagedProcess } from './managed-process.js';
import { isProcessAlive, waitForExit } from './process-liveness.js';

/**
 * The per-service handle of a stack rag-validate started (the reference stack in process mode):
 * the same port and data directory survive `stop()`/`start()`.
 */
export interface StackServiceHandle {
  readonly pid: number | undefined;
  stop(): Promise<void>;
  kill(signal: NodeJS.Signals): unknown;
  start(): Promise<void>;
  restart(): Promise<void>;
}

/** Adapts a stack's service handle to the process driver. */
export class StackServiceProcess implements ManagedProcess {
  readonly service: ServiceName;
  readonly #handle: StackServiceHandle;

  constructor(service: ServiceName, handle: StackServiceHandle) {
    this.service = service;
    this.#handle = handle;
  }

  pid(): number | undefined {
    const pid = this.#handle.pid;
    return pid !== undefined && isProcessAlive(pid) ? pid : undefined;
  }

  stop(): Promise<void> {
    this.#requirePid();
    return this.#handle.stop();
  }

  async crash(): Promise<void> {
    const pid = this.#requirePid();
    await this.#handle.kill('SIGKILL');
    if (!(await waitForExit(pid, 5_000))) throw new FaultInjectionError('process', this.service, `pid ${pid} still alive 5 s after SIGKILL`);
  }

  async start(): Promise<void> {
    if (this.pid() !== undefined) return;
    await this.#handle.start();
  }

  restart(): Promise<void> {
    return this.#handle.restart();
  }

  canStart(): boolean {
    return true;
  }

  startRecipe(): ProcessUndoRecipe {
    const pid = this.pid();
    return { driver: 'process', action: 'owner-restarts', service: this.service, ...(pid === undefined ? {} : { pid }) };
  }

  #requirePid(): number {
    const pid = this.pid();
    if (pid === undefined) throw new FaultTargetNotFoundError('process', this.service, 'the service is not running');
    return pid;
  }
}
