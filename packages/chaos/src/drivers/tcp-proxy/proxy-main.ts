/**
 * Entry of a fault proxy running as its own process:
 *
 *   node proxy-main.js --upstream <host:port> [--listen <host:port>] [--control <host:port>] [--exit-with-parent]
 *
 * Prints one JSON line `{"event":"ready","pid","listen":{host,port},"controlUrl"}` on stdout once it
 * listens, then forwards until SIGTERM/SIGINT or `POST /shutdown`. With `--exit-with-parent` (and an
 * IPC channel) it stops when the process that started it goes away.
 */
import { parseHostPort } from './host-port.js';
import { startProxyControlServer } from './proxy-control-server.js';
import { TcpFaultProxy } from './tcp-fault-proxy.js';

function argValue(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : process.argv[index + 1];
}

async function main(): Promise<void> {
  const upstream = parseHostPort(argValue('--upstream') ?? '', 'upstream');
  const listen = parseHostPort(argValue('--listen') ?? '127.0.0.1:0', 'listen');
  const control = parseHostPort(argValue('--control') ?? '127.0.0.1:0', 'control');
  const proxy = await TcpFaultProxy.start({ listenHost: listen.host, listenPort: listen.port, upstreamHost: upstream.host, upstreamPort: upstream.port });
  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await proxy.close();
    await controlServer.close();
    process.disconnect?.();
  };
  const controlServer = await startProxyControlServer(proxy, { host: control.host, port: control.port, onShutdown: () => void stop() });
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  if (process.argv.includes('--exit-with-parent') && process.send !== undefined) process.on('disconnect', () => void stop());
  process.stdout.write(`${JSON.stringify({ event: 'ready', pid: process.pid, listen: { host: proxy.host, port: proxy.port }, controlUrl: controlServer.url })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`fault proxy failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
});
