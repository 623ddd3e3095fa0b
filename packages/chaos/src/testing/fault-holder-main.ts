/**
 * A child process for tests of guaranteed rollback: injects a freeze (process driver) and a
 * latency (tcp-proxy driver), prints `injected`, and holds them until SIGINT/SIGTERM, when
 * `rollbackOnSignals` and `await using` roll both back. Killed with SIGKILL it leaves them in the
 * journal for `rollbackJournal`.
 *
 *   node fault-holder-main.js '<json: { journalFile, service: { command, pidFile }, proxyControlUrl }>'
 */
import { PidFileProcess } from '../drivers/process/pid-file-process.js';
import { ProcessFaultInjector } from '../drivers/process/process-fault-injector.js';
import { TcpProxyFaultInjector } from '../drivers/tcp-proxy/tcp-proxy-fault-injector.js';
import { Fault } from '../faults/fault-spec.js';
import { ChaosJournal } from '../journal/chaos-journal.js';
import { rollbackOnSignals } from '../safety/rollback-on-signals.js';

interface HolderArgs {
  readonly journalFile: string;
  readonly service: { readonly command: string; readonly pidFile: string };
  readonly proxyControlUrl: string;
}

async function main(): Promise<void> {
  const args = JSON.parse(process.argv[2] ?? '{}') as HolderArgs;
  const journal = new ChaosJournal(args.journalFile);
  const embedding = new PidFileProcess({ service: 'embedding', command: args.service.command, pidFile: args.service.pidFile });
  using guard = rollbackOnSignals();
  const processes = new ProcessFaultInjector({ processes: { embedding }, journal });
  const proxies = new TcpProxyFaultInjector({ links: { llm: args.proxyControlUrl }, journal });
  await using _frozen = await processes.inject(Fault.freeze('embedding'), { experiment: 'holder' });
  await using _slow = await proxies.inject(Fault.latency('llm', 5_000), { experiment: 'holder' });
  process.stdout.write('injected\n');
  // Hold until a signal; the interval keeps the event loop (and so the process) alive meanwhile.
  const keepAlive = setInterval(() => undefined, 1_000);
  await new Promise<void>((resolve) => guard.signal.addEventListener('abort', () => resolve(), { once: true }));
  clearInterval(keepAlive);
}

main().then(
  () => process.stdout.write('rolled back\n'),
  (error: unknown) => {
    process.stderr.write(`holder failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
