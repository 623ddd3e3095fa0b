import { SERVICE_DISPLAY_NAMES, type ServiceName } from '@rag-validate/config';
import { InvalidFaultOptionError } from '../errors.js';
import { describeToxic, type Toxic, type ToxicDirection } from '../drivers/tcp-proxy/toxic.js';

/** The drivers that inject faults. */
export const CHAOS_DRIVERS = ['process', 'docker', 'tcp-proxy'] as const;
export type ChaosDriverName = (typeof CHAOS_DRIVERS)[number];

/** Faults on the service itself (process or container). */
export type ServiceFault =
  /** Graceful stop (SIGTERM / `docker stop`); rolled back by starting it again. */
  | { readonly kind: 'stop'; readonly service: ServiceName }
  /** Crash (SIGKILL / `docker kill`); rolled back by starting it again. */
  | { readonly kind: 'crash'; readonly service: ServiceName }
  /** Freeze (SIGSTOP / `docker pause`): the port stays open, nothing answers; rolled back by SIGCONT / unpause. */
  | { readonly kind: 'freeze'; readonly service: ServiceName }
  /** Restart in place; the rollback only makes sure it runs. */
  | { readonly kind: 'restart'; readonly service: ServiceName }
  /** Disconnect the container from its networks (Docker only); rolled back by reconnecting with the same aliases. */
  | { readonly kind: 'network-disconnect'; readonly service: ServiceName; readonly network?: string }
  /** Limit CPU and/or memory (Docker only, `container.update`); rolled back to the previous limits. */
  | { readonly kind: 'resource-limit'; readonly service: ServiceName; readonly cpus?: number; readonly memoryBytes?: number };

interface ProxyFaultBase {
  /** The service behind the proxy: a dependency of the rag-server, or `rag` for the validator → rag-server path. */
  readonly service: ServiceName;
  /** Default: `both` for latency, `downstream` for blackhole/close-after/bandwidth, `upstream` for reset. */
  readonly direction?: ToxicDirection | 'both';
  /** Share of connections affected (0..1). Default: `1`. */
  readonly probability?: number;
}

/** Network faults, injected by the TCP fault proxy on the path to a service. */
export type ProxyFault =
  | (ProxyFaultBase & { readonly kind: 'latency'; readonly latencyMs: number; readonly jitterMs?: number })
  | (ProxyFaultBase & { readonly kind: 'bandwidth'; readonly bytesPerSecond: number })
  | (ProxyFaultBase & { readonly kind: 'reset'; readonly afterMs?: number })
  | (ProxyFaultBase & { readonly kind: 'blackhole' })
  | (ProxyFaultBase & { readonly kind: 'close-after'; readonly bytes: number })
  /** The proxy refuses connections: the service looks down to its clients, the service itself keeps running. */
  | (ProxyFaultBase & { readonly kind: 'down' });

export type FaultSpec = ServiceFault | ProxyFault;
export type FaultKind = FaultSpec['kind'];

export const SERVICE_FAULT_KINDS = ['stop', 'crash', 'freeze', 'restart', 'network-disconnect', 'resource-limit'] as const satisfies readonly ServiceFault['kind'][];
export const PROXY_FAULT_KINDS = ['latency', 'bandwidth', 'reset', 'blackhole', 'close-after', 'down'] as const satisfies readonly ProxyFault['kind'][];

export function isProxyFault(fault: FaultSpec): fault is ProxyFault {
  return (PROXY_FAULT_KINDS as readonly string[]).includes(fault.kind);
}

/** Static factories for faults (`Fault.crash('rag')`, `Fault.latency('llm', 500, { jitterMs: 100 })`), validated when built. */
export const Fault = {
  stop: (service: ServiceName): ServiceFault => ({ kind: 'stop', service }),
  crash: (service: ServiceName): ServiceFault => ({ kind: 'crash', service }),
  freeze: (service: ServiceName): ServiceFault => ({ kind: 'freeze', service }),
  restart: (service: ServiceName): ServiceFault => ({ kind: 'restart', service }),
  networkDisconnect: (service: ServiceName, network?: string): ServiceFault => ({ kind: 'network-disconnect', service, ...(network === undefined ? {} : { network }) }),
  resourceLimit: (service: ServiceName, limits: { cpus?: number; memoryBytes?: number }): ServiceFault => {
    if (limits.cpus === undefined && limits.memoryBytes === undefined) throw new InvalidFaultOptionError('resource-limit', 'expected cpus and/or memoryBytes');
    if (limits.cpus !== undefined && !(limits.cpus > 0)) throw new InvalidFaultOptionError('cpus', `expected a number > 0, got ${limits.cpus}`);
    if (limits.memoryBytes !== undefined && !(Number.isInteger(limits.memoryBytes) && limits.memoryBytes >= 6 * 1024 * 1024)) {
      throw new InvalidFaultOptionError('memoryBytes', `expected whole bytes ≥ 6 MiB (Docker's minimum), got ${limits.memoryBytes}`);
    }
    return { kind: 'resource-limit', service, ...limits };
  },
  latency: (service: ServiceName, latencyMs: number, options: { jitterMs?: number; direction?: ToxicDirection | 'both'; probability?: number } = {}): ProxyFault =>
    checked({ kind: 'latency', service, latencyMs, ...options }),
  bandwidth: (service: ServiceName, bytesPerSecond: number, options: { direction?: ToxicDirection | 'both'; probability?: number } = {}): ProxyFault =>
    checked({ kind: 'bandwidth', service, bytesPerSecond, ...options }),
  reset: (service: ServiceName, options: { afterMs?: number; direction?: ToxicDirection | 'both'; probability?: number } = {}): ProxyFault =>
    checked({ kind: 'reset', service, ...options }),
  blackhole: (service: ServiceName, options: { direction?: ToxicDirection | 'both'; probability?: number } = {}): ProxyFault => checked({ kind: 'blackhole', service, ...options }),
  closeAfter: (service: ServiceName, bytes: number, options: { direction?: ToxicDirection | 'both'; probability?: number } = {}): ProxyFault =>
    checked({ kind: 'close-after', service, bytes, ...options }),
  down: (service: ServiceName): ProxyFault => ({ kind: 'down', service }),
} as const;

function checked(fault: ProxyFault): ProxyFault {
  const positive = (name: string, value: number | undefined, min = 0) => {
    if (value !== undefined && !(Number.isFinite(value) && value >= min)) throw new InvalidFaultOptionError(name, `expected a number ≥ ${min}, got ${value}`);
  };
  if (fault.probability !== undefined && !(fault.probability >= 0 && fault.probability <= 1)) {
    throw new InvalidFaultOptionError('probability', `expected a share between 0 and 1, got ${fault.probability}`);
  }
  if (fault.kind === 'latency') {
    positive('latencyMs', fault.latencyMs);
    positive('jitterMs', fault.jitterMs);
  }
  if (fault.kind === 'bandwidth') positive('bytesPerSecond', fault.bytesPerSecond, 1);
  if (fault.kind === 'reset') positive('afterMs', fault.afterMs);
  if (fault.kind === 'close-after') positive('bytes', fault.bytes);
  return fault;
}

/** The directions a proxy fault applies to. */
export function faultDirections(fault: ProxyFault): ToxicDirection[] {
  const fallback: ToxicDirection | 'both' =
    fault.kind === 'latency' ? 'both' : fault.kind === 'reset' ? 'upstream' : 'downstream';
  const direction = fault.direction ?? fallback;
  return direction === 'both' ? ['upstream', 'downstream'] : [direction];
}

/** One line saying what the fault does, for plans, timelines and reports. */
export function describeFault(fault: FaultSpec): string {
  const name = SERVICE_DISPLAY_NAMES[fault.service];
  switch (fault.kind) {
    case 'stop':
      return `stop ${name} (SIGTERM / docker stop), start it again on rollback`;
    case 'crash':
      return `crash ${name} (SIGKILL / docker kill), start it again on rollback`;
    case 'freeze':
      return `freeze ${name} (SIGSTOP / docker pause), resume on rollback`;
    case 'restart':
      return `restart ${name}`;
    case 'network-disconnect':
      return `disconnect ${name} from ${fault.network ?? 'its networks'}, reconnect on rollback`;
    case 'resource-limit':
      return `limit ${name} to ${[fault.cpus === undefined ? '' : `${fault.cpus} CPUs`, fault.memoryBytes === undefined ? '' : `${Math.round(fault.memoryBytes / 1_048_576)} MiB`].filter(Boolean).join(' and ')}, restore on rollback`;
    case 'down':
      return `refuse connections to ${name} at the fault proxy, accept again on rollback`;
    default: {
      const toxics = proxyFaultToxics(fault).map((t) => describeToxic(t));
      return `on the path to ${name}: ${toxics.join('; ')}; removed on rollback`;
    }
  }
}

/** The proxy toxics a network fault becomes (one per direction). `down` has none. */
export function proxyFaultToxics(fault: ProxyFault): Toxic[] {
  const probability = fault.probability ?? 1;
  return faultDirections(fault).flatMap((direction): Toxic[] => {
    switch (fault.kind) {
      case 'latency':
        return [{ type: 'latency', direction, probability, latencyMs: fault.latencyMs, jitterMs: fault.jitterMs ?? 0 }];
      case 'bandwidth':
        return [{ type: 'bandwidth', direction, probability, bytesPerSecond: fault.bytesPerSecond }];
      case 'reset':
        return [{ type: 'reset', direction, probability, afterMs: fault.afterMs ?? 0 }];
      case 'blackhole':
        return [{ type: 'blackhole', direction, probability }];
      case 'close-after':
        return [{ type: 'close-after', direction, probability, bytes: fault.bytes }];
      case 'down':
        return [];
    }
  });
}
