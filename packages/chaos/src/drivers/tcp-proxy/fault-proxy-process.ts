import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { ServiceName } from '@rag-validate/config';
import { FaultInjectionError } from '../../errors.js';
import { nodeEntry } from '../../runtime/node-entry.js';
import { isProcessAlive, waitForExit } from '../process/process-liveness.js';
import type { HostPort } from './host-port.js';
import { ProxyControlClient } from './proxy-control-client.js';

export interface FaultProxyProcessOptions {
  /** Where connections are forwarded (`host:port`). */
  readonly upstream: string;
  /** The service behind the proxy (named in errors). Default: `rag`. */
  readonly service?: ServiceName;
  /** `host:port` to listen on. Default: `127.0.0.1:0` (a free port). */
  readonly listen?: string;
  /** `host:port` of the control API. Default: `127.0.0.1:0`. */
  readonly control?: string;
  /**
   * Keep running when the starting process dies (a proxy that a service is configured to use must
   * outlive the validator). Default: `false` (the proxy stops with its parent).
   */
  readonly detached?: boolean;
  /** Time to wait for the proxy to listen. Default: `10_000`. */
  readonly readyTimeoutMs?: number;
}

/** A fault proxy running as its own process. */
export interface FaultProxyProcess {
  readonly pid: number;
  readonly listen: HostPort;
  /** `host:port` clients (or the rag-server) connect to. */
  readonly address: string;
  readonly controlUrl: string;
  readonly control: ProxyControlClient;
  /** Stops the proxy process (SIGTERM, then SIGKILL after 3 s). */
  stop(): Promise<void>;
}

interface ReadyLine {
  readonly event: 'ready';
  readonly pid: number;
  readonly listen: HostPort;
  readonly controlUrl: string;
}

/** Starts `proxy-main` as a child process and resolves once it listens. */
export async function startFaultProxyProcess(options: FaultProxyProcessOptions): Promise<FaultProxyProcess> {
  const { upstream, service = 'rag', listen = '127.0.0.1:0', control = '127.0.0.1:0', detached = false, readyTimeoutMs = 10_000 } = options;
  const entry = nodeEntry(import.meta.url, './proxy-main');
  const args = [...entry.args, '--upstream', upstream, '--listen', listen, '--control', control, ...(detached ? [] : ['--exit-with-parent'])];
  const child: ChildProcess = spawn(entry.command, args, {
    detached,
    stdio: detached ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const stderr: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const ready = await new Promise<ReadyLine>((resolve, reject) => {
    if (child.stdout === null) throw new FaultInjectionError('tcp-proxy', service, 'fault proxy has no stdout');
    const lines = createInterface({ input: child.stdout });
    const timer = setTimeout(() => fail(`not listening after ${readyTimeoutMs} ms`), readyTimeoutMs);
    const fail = (reason: string) => {
      clearTimeout(timer);
      lines.close();
      child.kill('SIGKILL');
      reject(new FaultInjectionError('tcp-proxy', service, `fault proxy to ${upstream}: ${reason}${stderr.length ? ` (${stderr.join('').trim()})` : ''}`));
    };
    lines.on('line', (line) => {
      try {
        const parsed = JSON.parse(line) as Partial<ReadyLine>;
        if (parsed.event !== 'ready') return;
        clearTimeout(timer);
        lines.close();
        resolve(parsed as ReadyLine);
      } catch {
        // not our line
      }
    });
    child.once('exit', (code) => fail(`exited with code ${String(code)}`));
  });
  child.removeAllListeners('exit');
  child.stdout?.destroy();
  child.stderr?.destroy();
  if (detached) {
    child.unref();
    if (child.connected) child.disconnect();
  } else {
    (child as ChildProcess & { channel?: { unref(): void } }).channel?.unref();
    child.unref();
  }
  const pid = ready.pid;
  return {
    pid,
    listen: ready.listen,
    address: `${ready.listen.host}:${ready.listen.port}`,
    controlUrl: ready.controlUrl,
    control: new ProxyControlClient(ready.controlUrl),
    stop: async () => {
      if (!isProcessAlive(pid)) return;
      process.kill(pid, 'SIGTERM');
      if (!(await waitForExit(pid, 3_000))) {
        process.kill(pid, 'SIGKILL');
        await waitForExit(pid, 3_000);
      }
      if (child.connected) child.disconnect();
    },
  };
}
