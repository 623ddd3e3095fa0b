import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { HttpClient } from '@rag-validate/clients';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Fault } from '../../faults/fault-spec.js';
import { ChaosJournal } from '../../journal/chaos-journal.js';
import { startTinyService, type TinyService } from '../../testing/tiny-service.js';
import { isProcessAlive } from '../process/process-liveness.js';
import { startFaultProxyProcess, type FaultProxyProcess } from './fault-proxy-process.js';
import { TcpProxyFaultInjector, undoProxyRecipe } from './tcp-proxy-fault-injector.js';

let dir: string;
let journal: ChaosJournal;
let service: TinyService;
let proxy: FaultProxyProcess;
let injector: TcpProxyFaultInjector;
let http: HttpClient;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rv-chaos-proxy-'));
  journal = new ChaosJournal(join(dir, 'journal.json'));
  service = await startTinyService('llm');
  proxy = await startFaultProxyProcess({ upstream: `127.0.0.1:${service.port}` });
  injector = new TcpProxyFaultInjector({ links: { llm: proxy.controlUrl }, journal });
  http = new HttpClient({ baseUrl: `http://${proxy.address}`, timeoutMs: 5_000, maxRetries: 0 });
});

afterAll(async () => {
  await proxy?.stop();
  await service?.dispose();
  await rm(dir, { recursive: true, force: true });
});

async function call(timeoutMs = 5_000): Promise<{ outcome: string; ms: number }> {
  const started = performance.now();
  try {
    await http.request({ method: 'GET', path: '/health', timeoutMs });
    return { outcome: 'ok', ms: performance.now() - started };
  } catch (error) {
    return { outcome: (error as { code: string }).code, ms: performance.now() - started };
  }
}

describe('TcpProxyFaultInjector against a fault proxy process', () => {
  it('runs the proxy as its own process and forwards through it', async () => {
    expect(proxy.pid).not.toBe(process.pid);
    expect(isProcessAlive(proxy.pid)).toBe(true);
    expect((await call()).outcome).toBe('ok');
  });

  it('latency: calls take at least the injected delay; rollback removes it', async () => {
    const fault = await injector.inject(Fault.latency('llm', 300, { direction: 'downstream' }));
    expect((await call()).ms).toBeGreaterThanOrEqual(290);
    expect(Object.keys((await proxy.control.state()).toxics)).toHaveLength(1);
    await fault.rollback();
    expect((await proxy.control.state()).toxics).toEqual({});
    expect(await journal.entries()).toEqual([]);
  });

  it('blackhole: calls time out instead of hanging; `await using` removes it', async () => {
    {
      await using _fault = await injector.inject(Fault.blackhole('llm'));
      expect((await call(300)).outcome).toBe('RV_ERR_TIMEOUT');
    }
    expect((await call()).outcome).toBe('ok');
  });

  it('down: connections are refused while the service itself keeps running', async () => {
    const fault = await injector.inject(Fault.down('llm'));
    expect((await call()).outcome).toBe('RV_ERR_CONNECTION');
    expect(service.process.pid()).toBeDefined();
    await fault.rollback();
    expect((await call()).outcome).toBe('ok');
  });

  it('reset on half of the connections, then rollback from the journal recipe alone (as `chaos rollback` does)', async () => {
    await injector.inject(Fault.reset('llm', { probability: 0.5 }));
    const [entry] = await journal.entries();
    expect(entry?.undo).toMatchObject({ driver: 'tcp-proxy', controlUrl: proxy.controlUrl });
    expect(Object.values((await proxy.control.state()).toxics)).toEqual([{ type: 'reset', direction: 'upstream', probability: 0.5, afterMs: 0 }]);
    expect(await undoProxyRecipe(entry!.undo as never)).toMatchObject({ status: 'undone' });
    expect((await proxy.control.state()).toxics).toEqual({});
    expect(await undoProxyRecipe(entry!.undo as never)).toMatchObject({ status: 'nothing-to-do' });
    await journal.remove(entry!.id);
  });

  it('a proxy that is gone has nothing to undo', async () => {
    expect(await undoProxyRecipe({ driver: 'tcp-proxy', service: 'llm', controlUrl: 'http://127.0.0.1:1', toxicIds: ['x'], up: true })).toMatchObject({ status: 'nothing-to-do' });
  });

  it('rejects service faults and services without a proxy, touching nothing', async () => {
    await expect(injector.inject(Fault.crash('llm'))).rejects.toMatchObject({ code: 'RV_ERR_CHAOS_UNSUPPORTED_FAULT' });
    await expect(injector.inject(Fault.latency('embedding', 10))).rejects.toMatchObject({ code: 'RV_ERR_CHAOS_TARGET_NOT_FOUND' });
    expect(await journal.entries()).toEqual([]);
  });
});

describe('startFaultProxyProcess', () => {
  it('a detached proxy (one that must outlive the validator) runs until stop() ends it', async () => {
    const detached = await startFaultProxyProcess({ upstream: `127.0.0.1:${service.port}`, detached: true });
    expect(isProcessAlive(detached.pid)).toBe(true);
    await detached.stop();
    expect(isProcessAlive(detached.pid)).toBe(false);
  });

  it('fails with a typed error when the proxy cannot start', async () => {
    await expect(startFaultProxyProcess({ upstream: 'not-a-host-port' })).rejects.toMatchObject({ code: 'RV_ERR_CHAOS_INJECT' });
  });
});
