import { describe, expect, it } from 'vitest';
import { PidFileProcess } from '../drivers/process/pid-file-process.js';
import { ProcessFaultInjector } from '../drivers/process/process-fault-injector.js';
import { TcpProxyFaultInjector } from '../drivers/tcp-proxy/tcp-proxy-fault-injector.js';
import { Fault } from '../faults/fault-spec.js';
import { ChaosJournal } from '../journal/chaos-journal.js';
import { emulateAtProxy, routeFault } from './fault-routing.js';

const journal = new ChaosJournal('/nonexistent/journal.json');
const proxy = new TcpProxyFaultInjector({ links: { llm: 'http://127.0.0.1:1', embedding: 'http://127.0.0.1:2' }, journal });
const processes = new ProcessFaultInjector({
  processes: {
    embedding: new PidFileProcess({ service: 'embedding', pidFile: '/tmp/embedding.pid' }),
    llm: new PidFileProcess({ service: 'llm', pidFile: '/tmp/llm.pid', command: 'llm-server --port 8002' }),
  },
  journal,
});

describe('routeFault', () => {
  it('sends network faults to the fault proxies whatever the driver', () => {
    expect(routeFault('process', { process: processes, proxy }, Fault.latency('llm', 100)).injector).toBe(proxy);
  });

  it('sends service faults to the configured driver', () => {
    expect(routeFault('process', { process: processes, proxy }, Fault.crash('llm')).injector).toBe(processes);
  });

  it('emulates service faults at the proxies with the tcp-proxy driver', () => {
    expect(routeFault('tcp-proxy', { proxy }, Fault.stop('llm'))).toMatchObject({ injector: proxy, fault: { kind: 'down', service: 'llm' } });
    expect(emulateAtProxy(Fault.freeze('embedding'))).toEqual({ kind: 'blackhole', service: 'embedding', direction: 'both' });
    expect(() => emulateAtProxy(Fault.resourceLimit('llm', { cpus: 1 }))).toThrow(expect.objectContaining({ code: 'RV_ERR_CHAOS_UNSUPPORTED_FAULT' }));
  });

  it('a service given only by its pid file can be frozen, not stopped (nothing could start it again)', () => {
    expect(routeFault('process', { process: processes }, Fault.freeze('embedding')).injector).toBe(processes);
    expect(() => routeFault('process', { process: processes }, Fault.stop('embedding'))).toThrow(
      expect.objectContaining({ code: 'RV_ERR_CHAOS_TARGET_NOT_FOUND', message: expect.stringContaining('chaos.process.embedding.command') }),
    );
  });

  it('names what is missing: no proxy, no handle, a fault the driver cannot do', () => {
    expect(() => routeFault('process', { process: processes }, Fault.blackhole('vectorDb'))).toThrow(expect.objectContaining({ code: 'RV_ERR_CHAOS_TARGET_NOT_FOUND' }));
    expect(() => routeFault('process', { process: processes, proxy }, Fault.blackhole('vectorDb'))).toThrow(expect.objectContaining({ code: 'RV_ERR_CHAOS_TARGET_NOT_FOUND', message: expect.stringContaining('chaos.proxies.vectorDb') }));
    expect(() => routeFault('process', { process: processes }, Fault.stop('rag'))).toThrow(expect.objectContaining({ code: 'RV_ERR_CHAOS_TARGET_NOT_FOUND' }));
    expect(() => routeFault('docker', { process: processes }, Fault.stop('llm'))).toThrow(expect.objectContaining({ code: 'RV_ERR_CHAOS_TARGET_NOT_FOUND', message: expect.stringContaining('chaos.docker') }));
    expect(() => routeFault('process', { process: processes }, Fault.networkDisconnect('llm'))).toThrow(expect.objectContaining({ code: 'RV_ERR_CHAOS_UNSUPPORTED_FAULT', message: expect.stringContaining('--driver docker') }));
  });
});
