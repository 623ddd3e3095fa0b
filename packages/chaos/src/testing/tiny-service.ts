import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServiceName } from '@rag-validate/config';
import { closedPort } from '@rag-validate/clients/testing';
import { PidFileProcess } from '../drivers/process/pid-file-process.js';
import { isProcessAlive, processState } from '../drivers/process/process-liveness.js';

/**
 * A real, tiny HTTP service in its own process: `GET /health` answers
 * `{"status":"healthy","pid":…}`, `GET /metrics` answers Prometheus text, and SIGTERM closes it
 * gracefully. Tests use it as the target of the process driver and the fault proxy.
 */
const SCRIPT = `
import { createServer } from 'node:http';
const port = Number(process.argv[2]);
const server = createServer((req, res) => {
  if (req.url === '/metrics') {
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
    res.end('# TYPE tiny_up gauge\\ntiny_up 1\\n');
    return;
  }
  const body = JSON.stringify({ status: 'healthy', pid: process.pid, path: req.url });
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
});
server.listen(port, '127.0.0.1');
process.on('SIGTERM', () => { server.closeAllConnections(); server.close(); });
`;

export interface TinyService {
  readonly service: ServiceName;
  readonly port: number;
  readonly url: string;
  /** The command that starts it (for `chaos.process.<service>.command`). */
  readonly command: string;
  readonly pidFile: string;
  readonly dir: string;
  /** The process driver's view of it. */
  readonly process: PidFileProcess;
  /** Kills whatever process the pid file names (also a stopped one) and removes the temp dir. */
  dispose(): Promise<void>;
}

/** Writes the tiny service to a temp dir, starts it on a free port and waits until it answers. */
export async function startTinyService(service: ServiceName = 'embedding', options: { port?: number } = {}): Promise<TinyService> {
  const dir = await mkdtemp(join(tmpdir(), `rv-chaos-${service}-`));
  const script = join(dir, 'tiny-service.mjs');
  await writeFile(script, SCRIPT, 'utf8');
  const port = options.port ?? (await closedPort());
  const command = `'${process.execPath}' '${script}' ${port}`;
  const pidFile = join(dir, `${service}.pid`);
  const managed = new PidFileProcess({ service, command, pidFile, logFile: join(dir, `${service}.log`), startGraceMs: 100 });
  await managed.start();
  await waitUntilListening(port);
  return {
    service,
    port,
    url: `http://127.0.0.1:${port}`,
    command,
    pidFile,
    dir,
    process: managed,
    dispose: async () => {
      const pid = await managed.refresh();
      if (pid !== undefined) {
        if (processState(pid) === 'stopped') process.kill(pid, 'SIGCONT');
        process.kill(pid, 'SIGKILL');
        for (let i = 0; i < 100 && isProcessAlive(pid); i += 1) await new Promise((r) => setTimeout(r, 20));
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Polls a TCP port until something accepts connections (max 10 s). */
export async function waitUntilListening(port: number, timeoutMs = 10_000): Promise<void> {
  const { connect } = await import('node:net');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`nothing listens on port ${port} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
