import { SERVICE_NAMES, withServiceUrls, type RagValidateConfig, type ServiceName } from '@rag-validate/config';
import { freePorts } from '../runtime/free-port.js';
import { createDockerFaultInjector } from '../drivers/docker/docker-fault-injector.js';
import { defaultDockerSocket } from '../drivers/docker/docker-connection.js';
import { PidFileProcess } from '../drivers/process/pid-file-process.js';
import { ProcessFaultInjector } from '../drivers/process/process-fault-injector.js';
import { StackServiceProcess, type StackServiceHandle } from '../drivers/process/stack-service-process.js';
import { startFaultProxyProcess, type FaultProxyProcess } from '../drivers/tcp-proxy/fault-proxy-process.js';
import { TcpProxyFaultInjector } from '../drivers/tcp-proxy/tcp-proxy-fault-injector.js';
import type { ChaosDriverName, FaultSpec } from '../faults/fault-spec.js';
import type { ChaosJournal } from '../journal/chaos-journal.js';
import type { TargetKind } from '../safety/chaos-policy.js';
import { routeFault, type FaultInjectors } from './fault-routing.js';

/** The services experiments run against, and the injectors that reach them. */
export interface ChaosEnvironment extends AsyncDisposable {
  /** `embedded`: started by rag-validate for this run; `external`: someone else's. */
  readonly targetKind: TargetKind;
  readonly urls: Readonly<Record<ServiceName, string>>;
  /** The config with the environment's service URLs. */
  readonly config: RagValidateConfig;
  readonly driver: ChaosDriverName;
  readonly injectors: FaultInjectors;
  /** Routes a fault to its injector (see `routeFault`). */
  injectorFor(fault: FaultSpec): ReturnType<typeof routeFault>;
  /** Stops whatever the environment started (stack, proxies). Idempotent. */
  close(): Promise<void>;
}

/** The dependencies of the rag-server, which a fault proxy can sit in front of. */
export const PROXIED_DEPENDENCIES = ['embedding', 'llm', 'vectorDb'] as const satisfies readonly ServiceName[];
export type ProxiedDependency = (typeof PROXIED_DEPENDENCIES)[number];

/** A stack rag-validate starts (the reference stack's start API, seen structurally). */
export interface LaunchedStack {
  readonly urls: Readonly<Record<ServiceName, string>>;
  readonly services: Readonly<Record<ServiceName, StackServiceHandle>>;
  stop(): Promise<void>;
}

/** Starts a stack on the given ports, with the rag-server's dependency URLs pointing where asked (the fault proxies). */
export type StackLauncher = (options: {
  readonly ports: Readonly<Record<ServiceName, number>>;
  readonly dependencyUrls: Readonly<Record<ProxiedDependency, string>> | undefined;
}) => Promise<LaunchedStack>;

/**
 * Starts an embedded target for chaos: a fault proxy in front of each rag-server dependency (when
 * the launcher can point the rag-server at them), then the stack on free ports. Service faults go
 * through the stack's process handles; network faults through the proxies.
 */
export async function createEmbeddedEnvironment(
  config: RagValidateConfig,
  options: { readonly journal: ChaosJournal; readonly launch: StackLauncher; readonly withProxies?: boolean },
): Promise<ChaosEnvironment> {
  const { journal, launch, withProxies = true } = options;
  const free = await freePorts(SERVICE_NAMES.length);
  const ports = Object.fromEntries(SERVICE_NAMES.map((s, i) => [s, free[i] ?? 0])) as Record<ServiceName, number>;
  const proxies: Partial<Record<ProxiedDependency, FaultProxyProcess>> = {};
  let stack: LaunchedStack | undefined;
  const close = once(async () => {
    await stack?.stop();
    for (const proxy of Object.values(proxies)) await proxy.stop();
  });
  try {
    if (withProxies) {
      for (const dependency of PROXIED_DEPENDENCIES) {
        proxies[dependency] = await startFaultProxyProcess({ upstream: `127.0.0.1:${ports[dependency]}`, service: dependency });
      }
    }
    const dependencyUrls = withProxies ? (Object.fromEntries(PROXIED_DEPENDENCIES.map((d) => [d, `http://${proxies[d]?.address ?? ''}`])) as Record<ProxiedDependency, string>) : undefined;
    stack = await launch({ ports, dependencyUrls });
    const launched = stack;
    const processes = Object.fromEntries(SERVICE_NAMES.map((s) => [s, new StackServiceProcess(s, launched.services[s])]));
    const injectors: FaultInjectors = {
      process: new ProcessFaultInjector({ processes, journal }),
      proxy: withProxies ? new TcpProxyFaultInjector({ links: Object.fromEntries(Object.entries(proxies).map(([s, p]) => [s, p.controlUrl])), journal }) : undefined,
    };
    const driver = config.chaos.driver === 'docker' ? 'process' : config.chaos.driver;
    return environment('embedded', withServiceUrls(config, stack.urls), stack.urls, driver, injectors, close);
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * A chaos environment on a stack rag-validate started elsewhere and owns (e.g. the embedded stack of
 * `rag-validate run`): service faults through its process handles, network faults only through
 * `proxies` (control URLs) when given. Closing the environment does not stop the stack.
 */
export function environmentFromStack(
  config: RagValidateConfig,
  stack: Pick<LaunchedStack, 'urls' | 'services'>,
  options: { readonly journal: ChaosJournal; readonly proxies?: Partial<Record<ServiceName, string>> },
): ChaosEnvironment {
  const { journal, proxies = {} } = options;
  const processes = Object.fromEntries(SERVICE_NAMES.map((s) => [s, new StackServiceProcess(s, stack.services[s])]));
  const injectors: FaultInjectors = {
    process: new ProcessFaultInjector({ processes, journal }),
    proxy: Object.keys(proxies).length > 0 ? new TcpProxyFaultInjector({ links: proxies, journal }) : undefined,
  };
  const driver = config.chaos.driver === 'docker' ? 'process' : config.chaos.driver;
  return environment('embedded', withServiceUrls(config, stack.urls), stack.urls, driver, injectors, async () => undefined);
}

/**
 * An external target from the config: processes given as command + pid file
 * (`chaos.process`), fault proxies already in place (`chaos.proxies`), containers
 * (`chaos.docker`, only when the driver is docker).
 */
export async function createExternalEnvironment(config: RagValidateConfig, options: { readonly journal: ChaosJournal }): Promise<ChaosEnvironment> {
  const { journal } = options;
  const { chaos } = config;
  const processes = Object.fromEntries(
    Object.entries(chaos.process).map(([service, spec]) => [
      service,
      new PidFileProcess({
        service: service as ServiceName,
        pidFile: spec.pidFile,
        ...(spec.command === undefined ? {} : { command: spec.command }),
        ...(spec.cwd === undefined ? {} : { cwd: spec.cwd }),
        ...(spec.logFile === undefined ? {} : { logFile: spec.logFile }),
      }),
    ]),
  );
  const injectors: FaultInjectors = {
    process: Object.keys(processes).length > 0 ? new ProcessFaultInjector({ processes, journal }) : undefined,
    proxy: Object.keys(chaos.proxies).length > 0 ? new TcpProxyFaultInjector({ links: chaos.proxies, journal }) : undefined,
    docker:
      chaos.driver === 'docker'
        ? await createDockerFaultInjector({
            socketPath: chaos.docker.socketPath ?? defaultDockerSocket(),
            journal,
            containers: chaos.docker.containers,
            ...(chaos.docker.composeProject === undefined ? {} : { composeProject: chaos.docker.composeProject }),
            stopTimeoutSeconds: chaos.docker.stopTimeoutSeconds,
          })
        : undefined,
  };
  const urls = Object.fromEntries(SERVICE_NAMES.map((s) => [s, config.target.services[s].url])) as Record<ServiceName, string>;
  return environment('external', config, urls, chaos.driver, injectors, async () => undefined);
}

function environment(
  targetKind: TargetKind,
  config: RagValidateConfig,
  urls: Readonly<Record<ServiceName, string>>,
  driver: ChaosDriverName,
  injectors: FaultInjectors,
  close: () => Promise<void>,
): ChaosEnvironment {
  return {
    targetKind,
    urls,
    config,
    driver,
    injectors,
    injectorFor: (fault) => routeFault(driver, injectors, fault),
    close,
    [Symbol.asyncDispose]: close,
  };
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => (running ??= fn());
}
