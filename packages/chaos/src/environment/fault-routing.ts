import { SERVICE_DISPLAY_NAMES } from '@rag-validate/config';
import { FaultTargetNotFoundError, UnsupportedFaultError } from '../errors.js';
import type { FaultInjector } from '../faults/fault-injector.js';
import { Fault, isProxyFault, type ChaosDriverName, type FaultSpec } from '../faults/fault-spec.js';

/** The injectors an environment has. */
export interface FaultInjectors {
  readonly process?: FaultInjector | undefined;
  readonly docker?: FaultInjector | undefined;
  readonly proxy?: FaultInjector | undefined;
}

/**
 * How the tcp-proxy driver emulates a service fault at the proxy in front of the service:
 * stop/crash → `down` (refused), freeze and network-disconnect → blackhole both ways (timeouts),
 * restart → reset connections. Resource limits cannot be emulated.
 */
export function emulateAtProxy(fault: FaultSpec): FaultSpec {
  switch (fault.kind) {
    case 'stop':
    case 'crash':
      return Fault.down(fault.service);
    case 'freeze':
    case 'network-disconnect':
      return Fault.blackhole(fault.service, { direction: 'both' });
    case 'restart':
      return Fault.reset(fault.service, { direction: 'both' });
    case 'resource-limit':
      throw new UnsupportedFaultError('tcp-proxy', fault.kind, 'CPU/memory limits need the docker driver');
    default:
      return fault;
  }
}

/**
 * Picks the injector for a fault: network faults always go to the fault proxies; service faults to
 * the configured driver (process, docker, or emulated at the proxies).
 */
export function routeFault(driver: ChaosDriverName, injectors: FaultInjectors, fault: FaultSpec): { injector: FaultInjector; fault: FaultSpec } {
  const missing = (which: string, hint: string) => new FaultTargetNotFoundError(which, fault.service, `${SERVICE_DISPLAY_NAMES[fault.service]}: ${hint}`);
  if (isProxyFault(fault) || driver === 'tcp-proxy') {
    if (injectors.proxy === undefined) throw missing('tcp-proxy', 'no fault proxy on its path (the embedded stack gets them; for an external target configure chaos.proxies)');
    const routed = isProxyFault(fault) ? fault : emulateAtProxy(fault);
    injectors.proxy.check(routed);
    return { injector: injectors.proxy, fault: routed };
  }
  const injector = driver === 'docker' ? injectors.docker : injectors.process;
  if (injector === undefined) {
    throw missing(driver, driver === 'docker' ? 'no Docker containers configured (chaos.docker)' : 'no process handle (the embedded stack, or chaos.process.<service>)');
  }
  if (!injector.supports(fault.kind)) {
    throw new UnsupportedFaultError(driver, fault.kind, fault.kind === 'resource-limit' || fault.kind === 'network-disconnect' ? 'use --driver docker' : 'use another driver');
  }
  injector.check(fault);
  return { injector, fault };
}
