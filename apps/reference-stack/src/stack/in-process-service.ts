import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { dirname } from 'node:path';
import { SERVICE_DISPLAY_NAMES, type ServiceName } from '@rag-validate/config';
import { PortInUseError, ServiceStartError, ServiceStartTimeoutError, UnsupportedOperationError } from '../errors.js';
import type { ServiceApp } from '../http/service-app.js';
import { createService } from './create-service.js';
import type { ReferenceService } from './reference-service.js';
import type { ServiceSettings } from './service-settings.js';
import { connectHost, waitHealthy } from './wait-healthy.js';

/** A service running inside this process (fast start for tests; no signals). */
export class InProcessService implements ReferenceService {
  readonly name: ServiceName;
  readonly displayName: string;
  readonly logFile: string;
  #settings: ServiceSettings;
  #app: ServiceApp | undefined;
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
    return undefined;
  }

  get running(): boolean {
    return this.#app !== undefined;
  }

  async start(): Promise<void> {
    if (this.#app !== undefined) return;
    mkdirSync(dirname(this.logFile), { recursive: true });
    this.#log ??= createWriteStream(this.logFile, { flags: 'a' });
    let app: ServiceApp;
    try {
      app = createService(this.#settings, this.#log);
    } catch (error) {
      throw new ServiceStartError(this.displayName, { reason: error instanceof Error ? error.message : String(error) }, { cause: error });
    }
    try {
      const port = await app.listen(this.#settings.host, this.#settings.port);
      this.#settings = { ...this.#settings, port };
    } catch (error) {
      await app.close().catch(() => undefined);
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new PortInUseError(this.displayName, this.#settings.host, this.#settings.port, { cause: error });
      throw new ServiceStartError(this.displayName, { reason: error instanceof Error ? error.message : String(error) }, { cause: error });
    }
    this.#app = app;
    if (!(await waitHealthy(this.name, this.url, { timeoutMs: this.#startTimeoutMs }))) {
      await this.stop();
      throw new ServiceStartTimeoutError(this.displayName, this.#startTimeoutMs);
    }
  }

  async stop(): Promise<void> {
    const app = this.#app;
    this.#app = undefined;
    await app?.close();
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    return Promise.reject(new UnsupportedOperationError(this.displayName, `kill(${signal})`, 'signals need mode: "process"'));
  }

  async dispose(): Promise<void> {
    await this.stop();
    await new Promise<void>((resolve) => {
      if (this.#log === undefined) resolve();
      else this.#log.end(() => resolve());
    });
    this.#log = undefined;
  }
}
