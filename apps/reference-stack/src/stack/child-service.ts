import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SERVICE_DISPLAY_NAMES, type ServiceName } from '@rag-validate/config';
import { PortInUseError, ServiceStartError, ServiceStartTimeoutError } from '../errors.js';
import type { ReferenceService } from './reference-service.js';
import { SERVICE_ENV, settingsToEnv, type ServiceSettings } from './service-settings.js';
import { connectHost, waitHealthy } from './wait-healthy.js';

const HERE = fileURLToPath(import.meta.url);
/** True when this code runs from TypeScript sources (vitest, tsx): children then need tsx too. */
const FROM_SOURCE = HERE.endsWith('.ts');
const PACKAGE_ROOT = join(dirname(HERE), '..', '..');

/** The command that runs one service in a child process. */
export function childCommand(service: ServiceName): { command: string; args: string[]; cwd: string } {
  const entry = join(dirname(HERE), '..', FROM_SOURCE ? 'service-main.ts' : 'service-main.js');
  const args = FROM_SOURCE ? ['--conditions=@rag-validate/source', '--import', 'tsx', entry, service] : [entry, service];
  return { command: process.execPath, args, cwd: PACKAGE_ROOT };
}

const TAIL_LINES = 40;

/** Children still running; one `exit` hook kills them all if this process ends without stopping them. */
const LIVE_CHILDREN = new Set<ChildProcess>();
let exitHookInstalled = false;
function track(child: ChildProcess): void {
  LIVE_CHILDREN.add(child);
  child.once('exit', () => LIVE_CHILDREN.delete(child));
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const live of LIVE_CHILDREN) live.kill('SIGKILL');
  });
}

/** A service in its own child process: stoppable, killable and restartable on its own. */
export class ChildService implements ReferenceService {
  readonly name: ServiceName;
  readonly displayName: string;
  readonly logFile: string;
  #settings: ServiceSettings;
  #child: ChildProcess | undefined;
  #exited: Promise<void> = Promise.resolve();
  #tail: string[] = [];
  #log: WriteStream | undefined;
  readonly #startTimeoutMs: number;

  constructor(settings: ServiceSettings, options: { logFile: string; startTimeoutMs: number }) {
    this.name = settings.service;
    this.displayName = SERVICE_DISPLAY_NAMES[settings.service];
    this.#settings = settings;
    this.logFile = options.logFile;
    this.#startTimeoutMs = options.startTimeoutMs;
  }

  get port(): number {
    return this.#settings.port;
  }

  get url(): string {
    return `http://${connectHost(this.#settings.host)}:${this.#settings.port}`;
  }

  get pid(): number | undefined {
    return this.running ? this.#child?.pid : undefined;
  }

  get running(): boolean {
    return this.#child !== undefined && this.#child.exitCode === null && this.#child.signalCode === null;
  }

  /** The last lines the child printed (stdout and stderr), newest last. */
  outputTail(): string[] {
    return [...this.#tail];
  }

  async start(): Promise<void> {
    if (this.running) return;
    mkdirSync(dirname(this.logFile), { recursive: true });
    this.#log ??= createWriteStream(this.logFile, { flags: 'a' });
    this.#tail = [];
    const { command, args, cwd } = childCommand(this.name);
    const inherited = { ...process.env };
    for (const key of [...Object.values(SERVICE_ENV), 'REFSTACK_PARENT_WATCH', 'NODE_OPTIONS']) delete inherited[key];
    const child = spawn(command, args, {
      cwd,
      env: { ...inherited, ...settingsToEnv(this.#settings), REFSTACK_PARENT_WATCH: 'stdin' },
      stdio: ['pipe', 'pipe', 'pipe', 'ipc'],
    });
    this.#child = child;
    track(child);
    this.#exited = new Promise((resolve) => child.once('exit', () => resolve()));
    const record = (chunk: Buffer): void => {
      this.#log?.write(chunk);
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim().length > 0) this.#tail.push(line);
      if (this.#tail.length > TAIL_LINES) this.#tail.splice(0, this.#tail.length - TAIL_LINES);
    };
    child.stdout?.on('data', record);
    child.stderr?.on('data', record);
    child.stdin?.on('error', () => undefined);

    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new ServiceStartTimeoutError(this.displayName, this.#startTimeoutMs, this.outputTail()));
      }, this.#startTimeoutMs);
      child.on('message', (message: { type?: string; port?: number; code?: string; message?: string }) => {
        if (message.type === 'listening' && typeof message.port === 'number') {
          clearTimeout(timer);
          resolve(message.port);
        } else if (message.type === 'start-failed') {
          clearTimeout(timer);
          if (message.code === 'EADDRINUSE') reject(new PortInUseError(this.displayName, this.#settings.host, this.#settings.port));
          else reject(new ServiceStartError(this.displayName, { reason: message.message ?? message.code ?? 'unknown', outputTail: this.outputTail() }));
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        // Give the stderr pipe a moment to deliver the last lines.
        setTimeout(() => reject(new ServiceStartError(this.displayName, { reason: `exited with ${signal ?? `code ${code}`} before listening`, exitCode: code, signal, outputTail: this.outputTail() })), 50);
      });
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(new ServiceStartError(this.displayName, { reason: error.message, outputTail: this.outputTail() }, { cause: error }));
      });
    }).catch(async (error: unknown) => {
      child.kill('SIGKILL');
      await this.#exited;
      throw error;
    });
    this.#settings = { ...this.#settings, port };
    const healthy = await waitHealthy(this.name, this.url, {
      timeoutMs: this.#startTimeoutMs,
      failure: () =>
        this.running ? undefined : new ServiceStartError(this.displayName, { reason: 'exited before it was healthy', exitCode: child.exitCode, signal: child.signalCode, outputTail: this.outputTail() }),
    });
    if (!healthy) {
      await this.stop();
      throw new ServiceStartTimeoutError(this.displayName, this.#startTimeoutMs, this.outputTail());
    }
  }

  async stop(): Promise<void> {
    const child = this.#child;
    if (child === undefined || !this.running) return;
    child.kill('SIGCONT');
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await this.#exited;
    clearTimeout(killer);
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.#child;
    if (child === undefined || !this.running) return;
    child.kill(signal);
    if (signal === 'SIGKILL' || signal === 'SIGTERM' || signal === 'SIGINT') {
      if (signal !== 'SIGKILL') child.kill('SIGCONT');
      await this.#exited;
    }
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  /** Stops and closes the log file (for the stack's final stop). */
  async dispose(): Promise<void> {
    await this.stop();
    await new Promise<void>((resolve) => {
      if (this.#log === undefined) resolve();
      else this.#log.end(() => resolve());
    });
    this.#log = undefined;
  }
}
