import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpClient } from '@rag-validate/clients';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Fault } from '../../faults/fault-spec.js';
import { activeFaults } from '../../faults/started-fault.js';
import { ChaosJournal } from '../../journal/chaos-journal.js';
import { startTinyService, waitUntilListening, type TinyService } from '../../testing/tiny-service.js';
import { ProcessFaultInjector, undoProcessRecipe } from './process-fault-injector.js';
import { processState } from './process-liveness.js';
import { StackServiceProcess, type StackServiceHandle } from './stack-service-process.js';

let dir: string;
let journal: ChaosJournal;
let service: TinyService;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rv-chaos-process-'));
  journal = new ChaosJournal(join(dir, 'journal.json'));
  service = await startTinyService('embedding');
});

afterEach(async () => {
  await service.dispose();
  await rm(dir, { recursive: true, force: true });
});

function client(url: string, timeoutMs = 2_000): HttpClient {
  return new HttpClient({ baseUrl: url, timeoutMs, maxRetries: 0 });
}

async function health(url: string, timeoutMs = 2_000): Promise<string> {
  try {
    const response = await client(url, timeoutMs).request<{ status: string }>({ method: 'GET', path: '/health' });
    return response.body.status;
  } catch (error) {
    return (error as { code: string }).code;
  }
}

describe('ProcessFaultInjector with a command + pid file service', () => {
  it('stop: the service refuses connections while stopped and answers again after rollback', async () => {
    const injector = new ProcessFaultInjector({ processes: { embedding: service.process }, journal });
    const before = service.process.pid();
    const fault = await injector.inject(Fault.stop('embedding'));
    expect(await health(service.url)).toBe('RV_ERR_CONNECTION');
    expect((await journal.entries()).map((e) => e.undo)).toEqual([expect.objectContaining({ driver: 'process', action: 'start', pidFile: service.pidFile })]);
    await fault.rollback();
    await waitUntilListening(service.port);
    expect(await health(service.url)).toBe('healthy');
    expect(service.process.pid()).not.toBe(before);
    expect(await journal.entries()).toEqual([]);
    expect(fault.state).toBe('rolled-back');
  });

  it('crash: SIGKILL leaves the port closed; rollback starts it from its command', async () => {
    const injector = new ProcessFaultInjector({ processes: { embedding: service.process }, journal });
    const pid = service.process.pid()!;
    {
      await using fault = await injector.inject(Fault.crash('embedding'));
      expect(fault.state).toBe('active');
      expect(processState(pid)).not.toBe('running');
      expect(await health(service.url)).toBe('RV_ERR_CONNECTION');
    }
    await waitUntilListening(service.port);
    expect(await health(service.url)).toBe('healthy');
  });

  it('freeze: SIGSTOP makes calls time out (the port stays open); SIGCONT on rollback', async () => {
    const injector = new ProcessFaultInjector({ processes: { embedding: service.process }, journal });
    const pid = service.process.pid()!;
    const fault = await injector.inject(Fault.freeze('embedding'));
    expect(processState(pid)).toBe('stopped');
    expect(await health(service.url, 300)).toBe('RV_ERR_TIMEOUT');
    await fault.rollback();
    expect(processState(pid)).toBe('running');
    expect(await health(service.url)).toBe('healthy');
  });

  it('rolls back on `await using` even when the block throws', async () => {
    const injector = new ProcessFaultInjector({ processes: { embedding: service.process }, journal });
    const pid = service.process.pid()!;
    await expect(
      (async () => {
        await using _fault = await injector.inject(Fault.freeze('embedding'));
        throw new Error('experiment failed half way');
      })(),
    ).rejects.toThrow('experiment failed half way');
    expect(processState(pid)).toBe('running');
    expect(await journal.entries()).toEqual([]);
    expect(activeFaults()).toEqual([]);
  });

  it('rollback is idempotent', async () => {
    const injector = new ProcessFaultInjector({ processes: { embedding: service.process }, journal });
    const fault = await injector.inject(Fault.freeze('embedding'));
    const [a, b] = await Promise.all([fault.rollback(), fault.rollback()]);
    expect(a).toBe(b);
    expect(await fault.rollback()).toBe(a);
  });

  it('a journal recipe alone resumes a frozen service and restarts a crashed one (what `chaos rollback` does)', async () => {
    const injector = new ProcessFaultInjector({ processes: { embedding: service.process }, journal });
    const pid = service.process.pid()!;
    await injector.inject(Fault.freeze('embedding'));
    const [frozen] = await journal.entries();
    expect(await undoProcessRecipe(frozen!.undo as never)).toMatchObject({ status: 'undone' });
    expect(processState(pid)).toBe('running');
    expect(await undoProcessRecipe(frozen!.undo as never)).toMatchObject({ status: 'nothing-to-do' });
    await journal.remove(frozen!.id);

    await injector.inject(Fault.crash('embedding'));
    const [crashed] = await journal.entries();
    expect(await health(service.url)).toBe('RV_ERR_CONNECTION');
    expect(await undoProcessRecipe(crashed!.undo as never)).toMatchObject({ status: 'undone' });
    await waitUntilListening(service.port);
    expect(await health(service.url)).toBe('healthy');
    expect(await undoProcessRecipe(crashed!.undo as never)).toMatchObject({ status: 'nothing-to-do' });
  });

  it('refuses network faults and unknown services with typed errors, touching nothing', async () => {
    const injector = new ProcessFaultInjector({ processes: { embedding: service.process }, journal });
    await expect(injector.inject(Fault.latency('embedding', 100))).rejects.toMatchObject({ code: 'RV_ERR_CHAOS_UNSUPPORTED_FAULT' });
    await expect(injector.inject(Fault.stop('llm'))).rejects.toMatchObject({ code: 'RV_ERR_CHAOS_TARGET_NOT_FOUND' });
    expect(await journal.entries()).toEqual([]);
    expect(await health(service.url)).toBe('healthy');
  });

  it('plan describes the fault without touching the service', async () => {
    const injector = new ProcessFaultInjector({ processes: { embedding: service.process }, journal });
    const plan = await injector.plan(Fault.crash('embedding'));
    expect(plan).toContain('crash embedding-server');
    expect(plan).toContain(`pid ${service.process.pid()}`);
    expect(await journal.entries()).toEqual([]);
    expect(await health(service.url)).toBe('healthy');
  });
});

describe('ProcessFaultInjector with a stack handle (as the reference stack provides)', () => {
  /** A minimal handle over a real child process, restarted on the same port. */
  function handleFor(tiny: TinyService): StackServiceHandle & { child(): ChildProcess | undefined } {
    let child: ChildProcess | undefined;
    const start = async () => {
      child = spawn('/bin/sh', ['-c', `exec ${tiny.command}`], { stdio: 'ignore' });
      await waitUntilListening(tiny.port);
    };
    return {
      get pid() {
        return child?.exitCode === null && child.signalCode === null ? child.pid : undefined;
      },
      child: () => child,
      stop: async () => {
        const c = child;
        if (c === undefined || c.exitCode !== null || c.signalCode !== null) return;
        const exited = new Promise((r) => c.once('exit', r));
        c.kill('SIGTERM');
        await exited;
      },
      kill: (signal) => child?.kill(signal),
      start,
      restart: async () => {
        await handle.stop();
        await start();
      },
    };
  }
  let handle: ReturnType<typeof handleFor>;

  it('crash then rollback starts the service again through its handle', async () => {
    await service.process.stop();
    handle = handleFor(service);
    await handle.start();
    try {
      const injector = new ProcessFaultInjector({ processes: { embedding: new StackServiceProcess('embedding', handle) }, journal });
      const fault = await injector.inject(Fault.crash('embedding'));
      expect((await journal.entries())[0]?.undo).toMatchObject({ action: 'owner-restarts' });
      expect(await health(service.url)).toBe('RV_ERR_CONNECTION');
      expect(await fault.rollback()).toMatchObject({ status: 'undone' });
      expect(await health(service.url)).toBe('healthy');
    } finally {
      await handle.stop();
    }
  });
});
