import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { processState } from '../drivers/process/process-liveness.js';
import { startFaultProxyProcess, type FaultProxyProcess } from '../drivers/tcp-proxy/fault-proxy-process.js';
import { nodeEntry } from '../runtime/node-entry.js';
import { startTinyService, type TinyService } from '../testing/tiny-service.js';
import { ChaosJournal } from './chaos-journal.js';
import { rollbackJournal } from './rollback-journal.js';

let dir: string;
let service: TinyService;
let upstream: TinyService;
let proxy: FaultProxyProcess;
let holder: ChildProcess | undefined;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rv-chaos-rollback-'));
  service = await startTinyService('embedding');
  upstream = await startTinyService('llm');
  proxy = await startFaultProxyProcess({ upstream: `127.0.0.1:${upstream.port}`, detached: true });
});

afterEach(async () => {
  if (holder?.exitCode === null && holder.signalCode === null) holder.kill('SIGKILL');
  holder = undefined;
  // Whatever a failed test left: no fault may leak into the next one.
  await proxy.control.clear();
  const pid = await service.process.refresh();
  if (pid !== undefined && processState(pid) === 'stopped') process.kill(pid, 'SIGCONT');
});

afterAll(async () => {
  await proxy?.stop();
  await service?.dispose();
  await upstream?.dispose();
  await rm(dir, { recursive: true, force: true });
});

/** Starts the holder child and resolves once it has injected both faults. */
async function startHolder(journalFile: string): Promise<ChildProcess> {
  const entry = nodeEntry(new URL('../testing/x.ts', import.meta.url).href, './fault-holder-main');
  const args = { journalFile, service: { command: service.command, pidFile: service.pidFile }, proxyControlUrl: proxy.controlUrl };
  const child = spawn(entry.command, [...entry.args, JSON.stringify(args)], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines = createInterface({ input: child.stdout! });
  const stderr: string[] = [];
  child.stderr!.on('data', (c: Buffer) => stderr.push(c.toString()));
  await new Promise<void>((resolve, reject) => {
    lines.on('line', (line) => line === 'injected' && resolve());
    child.once('exit', (code) => reject(new Error(`holder exited (${String(code)}): ${stderr.join('')}`)));
  });
  return child;
}

async function faultsInPlace(): Promise<{ frozen: boolean; toxics: number }> {
  const pid = await service.process.refresh();
  return { frozen: pid !== undefined && processState(pid) === 'stopped', toxics: Object.keys((await proxy.control.state()).toxics).length };
}

describe('guaranteed rollback when the run is interrupted', () => {
  it('SIGINT: the run rolls back both faults itself before it exits', async () => {
    const journal = new ChaosJournal(join(dir, 'sigint.json'));
    holder = await startHolder(journal.file);
    expect(await faultsInPlace()).toEqual({ frozen: true, toxics: 2 });
    expect(await journal.entries()).toHaveLength(2);
    const out: string[] = [];
    holder.stdout!.on('data', (c: Buffer) => out.push(c.toString()));
    holder.kill('SIGINT');
    const [code] = (await once(holder, 'exit')) as [number | null];
    expect(out.join('')).toContain('rolled back');
    expect(code).toBe(0);
    expect(await faultsInPlace()).toEqual({ frozen: false, toxics: 0 });
    expect(await journal.entries()).toEqual([]);
  });

  it('SIGKILL leaves the faults in the journal; rollbackJournal undoes them all', async () => {
    const journal = new ChaosJournal(join(dir, 'sigkill.json'));
    holder = await startHolder(journal.file);
    expect(holder.exitCode).toBe(null);
    holder.kill('SIGKILL');
    await once(holder, 'exit');
    expect(await faultsInPlace()).toEqual({ frozen: true, toxics: 2 });
    const report = await rollbackJournal(journal);
    expect(report.items.map((i) => [i.driver, i.status, i.experiment])).toEqual([
      ['process', 'undone', 'holder'],
      ['tcp-proxy', 'undone', 'holder'],
    ]);
    expect(report).toMatchObject({ remaining: 0, clean: true });
    expect(await faultsInPlace()).toEqual({ frozen: false, toxics: 0 });
    expect((await rollbackJournal(journal)).items).toEqual([]);
  });

  it('leaves faults of a run that is still alive unless forced', async () => {
    const journal = new ChaosJournal(join(dir, 'alive.json'));
    holder = await startHolder(journal.file);
    const report = await rollbackJournal(journal);
    expect(report.items.map((i) => i.status)).toEqual(['owner-running', 'owner-running']);
    expect(report.clean).toBe(false);
    expect(await faultsInPlace()).toEqual({ frozen: true, toxics: 2 });
    const forced = await rollbackJournal(journal, { force: true });
    expect(forced.clean).toBe(true);
    expect(await faultsInPlace()).toEqual({ frozen: false, toxics: 0 });
  });

  it('keeps an entry it cannot undo, and says why', async () => {
    const journal = new ChaosJournal(join(dir, 'failing.json'));
    await writeFile(
      journal.file,
      JSON.stringify({
        version: 1,
        entries: [
          {
            id: 'x',
            createdAt: new Date().toISOString(),
            owner: { pid: 999_999_999 },
            fault: { kind: 'stop', service: 'embedding' },
            description: 'stop embedding-server',
            undo: { driver: 'process', action: 'start', service: 'embedding', command: 'exit 3', pidFile: join(dir, 'nothing.pid') },
          },
        ],
      }),
    );
    const report = await rollbackJournal(journal);
    expect(report.items[0]).toMatchObject({ status: 'failed', detail: expect.stringContaining('exited at once') });
    expect(report).toMatchObject({ remaining: 1, clean: false });
  });

  it('a corrupt journal is a typed error, not a crash', async () => {
    const journal = new ChaosJournal(join(dir, 'corrupt.json'));
    await writeFile(journal.file, '{ not json');
    await expect(rollbackJournal(journal)).rejects.toMatchObject({ code: 'RV_ERR_CHAOS_JOURNAL' });
  });
});
