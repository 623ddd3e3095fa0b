import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { HttpClient } from '@rag-validate/clients';

/** A server process started for a test, on a free loopback port. */
export interface StartedDaemon {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly pid: number;
  /** HTTP client for its API. */
  readonly api: HttpClient;
  /** The last lines it logged (for failure messages). */
  logTail(): string;
  /** Stops it by PID (SIGTERM, then SIGKILL after 5 s). */
  stop(): Promise<void>;
}

export type StartedPrometheus = StartedDaemon;

export interface StartPrometheusOptions {
  /** prometheus.yml to run. */
  readonly configFile: string;
  /** Empty directory for the TSDB (a fresh temp dir per run). */
  readonly storageDir: string;
  /** Binary. Default: `prometheus` from PATH. */
  readonly binary?: string;
  /** How long to wait until it is ready. Default: 30_000. */
  readonly readyTimeoutMs?: number;
}

export interface StartBlackboxExporterOptions {
  /** blackbox.yml with the modules the probes use. */
  readonly configFile: string;
  /** Binary. Default: `prometheus-blackbox-exporter` (Debian's name) from PATH. */
  readonly binary?: string;
  readonly readyTimeoutMs?: number;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  process.kill(child.pid, 'SIGTERM');
  const done = await Promise.race([exited(child).then(() => true), sleep(5_000).then(() => false)]);
  if (!done && child.exitCode === null && child.signalCode === null) {
    process.kill(child.pid, 'SIGKILL');
    await exited(child);
  }
}

/**
 * Starts `binary` with `args(port)` on a free loopback port and waits until `readyPath` answers
 * 200. Retries on another port when the chosen one was taken meanwhile.
 */
async function startDaemon(binary: string, args: (port: number) => string[], readyPath: string, readyTimeoutMs: number): Promise<StartedDaemon> {
  let lastError = '';
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const port = await freePort();
    const child = spawn(binary, args(port), { stdio: ['ignore', 'ignore', 'pipe'] });
    const log: string[] = [];
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      log.push(...chunk.split('\n').filter((line) => line !== ''));
      if (log.length > 200) log.splice(0, log.length - 200);
    });
    let spawnError: Error | undefined;
    child.once('error', (error) => (spawnError = error));
    const url = `http://127.0.0.1:${port}`;
    const api = new HttpClient({ baseUrl: url, timeoutMs: 2_000, maxRetries: 0 });
    const deadline = Date.now() + readyTimeoutMs;
    let ready = false;
    while (Date.now() < deadline && child.exitCode === null && spawnError === undefined) {
      const response = await api.send({ method: 'GET', path: readyPath }).catch(() => undefined);
      if (response?.status === 200) {
        ready = true;
        break;
      }
      await sleep(100);
    }
    if (spawnError !== undefined) throw new Error(`cannot start ${binary}: ${(spawnError as Error).message}`);
    if (ready && child.pid !== undefined) {
      return { url, pid: child.pid, api, logTail: () => log.slice(-30).join('\n'), stop: () => stopChild(child) };
    }
    await stopChild(child);
    lastError = log.slice(-15).join('\n');
    if (!/address already in use/.test(lastError)) break;
  }
  throw new Error(`${binary} did not become ready:\n${lastError}`);
}

/**
 * Starts a real Prometheus server on a free loopback port with the given config and waits until
 * it reports ready. The caller must `stop()` it (in afterAll), which kills it by its PID.
 */
export function startPrometheus(options: StartPrometheusOptions): Promise<StartedPrometheus> {
  const { configFile, storageDir, binary = 'prometheus', readyTimeoutMs = 30_000 } = options;
  return startDaemon(binary, (port) => [`--config.file=${configFile}`, `--storage.tsdb.path=${storageDir}`, `--web.listen-address=127.0.0.1:${port}`], '/-/ready', readyTimeoutMs);
}

/** Starts a real blackbox exporter on a free loopback port (for services probed instead of scraped). */
export function startBlackboxExporter(options: StartBlackboxExporterOptions): Promise<StartedDaemon> {
  const { configFile, binary = 'prometheus-blackbox-exporter', readyTimeoutMs = 30_000 } = options;
  return startDaemon(binary, (port) => [`--config.file=${configFile}`, `--web.listen-address=127.0.0.1:${port}`], '/-/healthy', readyTimeoutMs);
}
