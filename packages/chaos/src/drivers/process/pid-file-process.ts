import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ServiceName } from '@rag-validate/config';
import { FaultInjectionError, FaultTargetNotFoundError, InvalidFaultOptionError } from '../../errors.js';
import type { ProcessUndoRecipe } from '../../journal/undo-recipe.js';
import type { ManagedProcess } from './managed-process.js';
import { isProcessAlive, processState, waitForExit } from './process-liveness.js';

export interface PidFileProcessOptions {
  readonly service: ServiceName;
  /** Shell command that starts the service in the foreground (run as `sh -c 'exec <command>'`). Needed for stop, crash and restart; freeze only needs the pid. */
  readonly command?: string | undefined;
  /** File holding the service's pid; rag-validate writes it when it starts the service. */
  readonly pidFile: string;
  /** Working directory of the command. Default: the current directory. */
  readonly cwd?: string;
  /** Where the started service's stdout/stderr go. Default: `/dev/null`. */
  readonly logFile?: string;
  /** How long a graceful stop may take before SIGKILL. Default: `10_000`. */
  readonly stopTimeoutMs?: number;
  /** How long a started process must stay up to count as started. Default: `300`. */
  readonly startGraceMs?: number;
}

/**
 * A service rag-validate did not start itself, given as a command + pid file (config
 * `chaos.process.<service>`). Started services run detached, so they outlive the validator.
 */
export class PidFileProcess implements ManagedProcess {
  readonly service: ServiceName;
  readonly command: string | undefined;
  readonly pidFile: string;
  readonly cwd: string | undefined;
  readonly logFile: string | undefined;
  readonly #stopTimeoutMs: number;
  readonly #startGraceMs: number;
  #pid: number | undefined;

  constructor(options: PidFileProcessOptions) {
    const { service, command, pidFile, cwd, logFile, stopTimeoutMs = 10_000, startGraceMs = 300 } = options;
    if (command !== undefined && command.trim() === '') throw new InvalidFaultOptionError(`chaos.process.${service}.command`, 'expected a command');
    if (pidFile.trim() === '') throw new InvalidFaultOptionError(`chaos.process.${service}.pidFile`, 'expected a file path');
    this.service = service;
    this.command = command;
    this.pidFile = resolve(cwd ?? process.cwd(), pidFile);
    this.cwd = cwd;
    this.logFile = logFile === undefined ? undefined : resolve(cwd ?? process.cwd(), logFile);
    this.#stopTimeoutMs = stopTimeoutMs;
    this.#startGraceMs = startGraceMs;
  }

  static fromRecipe(recipe: Extract<ProcessUndoRecipe, { action: 'start' }>): PidFileProcess {
    return new PidFileProcess({
      service: recipe.service,
      command: recipe.command,
      pidFile: recipe.pidFile,
      ...(recipe.cwd === undefined ? {} : { cwd: recipe.cwd }),
      ...(recipe.logFile === undefined ? {} : { logFile: recipe.logFile }),
    });
  }

  pid(): number | undefined {
    return this.#pid !== undefined && isProcessAlive(this.#pid) ? this.#pid : undefined;
  }

  /** Reads the pid file; the pid counts only when that process is alive. */
  async refresh(): Promise<number | undefined> {
    try {
      const pid = Number((await readFile(this.pidFile, 'utf8')).trim());
      this.#pid = Number.isInteger(pid) && pid > 0 && isProcessAlive(pid) ? pid : undefined;
    } catch {
      this.#pid = undefined;
    }
    return this.#pid;
  }

  async stop(): Promise<void> {
    const pid = await this.#requirePid();
    if (processState(pid) === 'stopped') process.kill(pid, 'SIGCONT');
    process.kill(pid, 'SIGTERM');
    if (!(await waitForExit(pid, this.#stopTimeoutMs))) {
      process.kill(pid, 'SIGKILL');
      await waitForExit(pid, 5_000);
    }
  }

  async crash(): Promise<void> {
    const pid = await this.#requirePid();
    process.kill(pid, 'SIGKILL');
    if (!(await waitForExit(pid, 5_000))) throw new FaultInjectionError('process', this.service, `pid ${pid} still alive 5 s after SIGKILL`);
  }

  canStart(): boolean {
    return this.command !== undefined;
  }

  async start(): Promise<void> {
    if ((await this.refresh()) !== undefined) return;
    if (this.command === undefined) throw new FaultTargetNotFoundError('process', this.service, `not running, and no command to start it (chaos.process.${this.service}.command)`);
    await mkdir(dirname(this.pidFile), { recursive: true });
    let out: number | 'ignore' = 'ignore';
    if (this.logFile !== undefined) {
      mkdirSync(dirname(this.logFile), { recursive: true });
      out = openSync(this.logFile, 'a');
    }
    try {
      const child = spawn('/bin/sh', ['-c', `exec ${this.command}`], { cwd: this.cwd, detached: true, stdio: ['ignore', out, out] });
      const pid = child.pid;
      if (pid === undefined) throw new FaultInjectionError('process', this.service, `could not start "${this.command}"`);
      let exitCode: number | null | undefined;
      child.once('exit', (code) => (exitCode = code));
      child.unref();
      await writeFile(this.pidFile, `${pid}\n`, 'utf8');
      this.#pid = pid;
      await sleep(this.#startGraceMs);
      if (exitCode !== undefined || !isProcessAlive(pid)) {
        throw new FaultInjectionError('process', this.service, `"${this.command}" exited at once (code ${String(exitCode)})${this.logFile ? `; see ${this.logFile}` : ''}`);
      }
    } finally {
      if (typeof out === 'number') closeSync(out);
    }
  }

  async restart(): Promise<void> {
    if ((await this.refresh()) !== undefined) await this.stop();
    await this.start();
  }

  startRecipe(): ProcessUndoRecipe {
    if (this.command === undefined) throw new FaultTargetNotFoundError('process', this.service, `no command to start it again (chaos.process.${this.service}.command)`);
    return {
      driver: 'process',
      action: 'start',
      service: this.service,
      command: this.command,
      pidFile: this.pidFile,
      ...(this.cwd === undefined ? {} : { cwd: this.cwd }),
      ...(this.logFile === undefined ? {} : { logFile: this.logFile }),
    };
  }

  async #requirePid(): Promise<number> {
    const pid = await this.refresh();
    if (pid === undefined) throw new FaultTargetNotFoundError('process', this.service, `no live process in pid file ${this.pidFile}`);
    return pid;
  }
}
