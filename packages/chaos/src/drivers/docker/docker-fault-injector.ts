import { totalmem } from 'node:os';
import type Docker from 'dockerode';
import { FaultInjectionError, UnsupportedFaultError } from '../../errors.js';
import type { FaultInjector, InjectOptions } from '../../faults/fault-injector.js';
import { describeFault, type FaultKind, type FaultSpec } from '../../faults/fault-spec.js';
import { injectWithJournal, type StartedFault } from '../../faults/started-fault.js';
import type { ChaosJournal } from '../../journal/chaos-journal.js';
import type { DockerNetworkAttachment, DockerResources, DockerUndoRecipe, UndoOutcome } from '../../journal/undo-recipe.js';
import { ContainerResolver, type ContainerSelection } from './container-resolver.js';
import { connectDocker, dockerMessage, dockerStatus } from './docker-connection.js';

const KINDS: ReadonlySet<FaultKind> = new Set(['stop', 'crash', 'freeze', 'restart', 'network-disconnect', 'resource-limit']);

export interface DockerFaultInjectorOptions extends ContainerSelection {
  readonly docker: Docker;
  /** Socket the client talks to (recorded in the journal for `chaos rollback`). */
  readonly socketPath: string;
  readonly journal: ChaosJournal;
  /** Seconds `docker stop`/`restart` wait before SIGKILL. Default: `10`. */
  readonly stopTimeoutSeconds?: number;
}

/**
 * Faults on containers through the Docker engine API (dockerode over the unix socket): stop/start,
 * kill, pause/unpause, restart, network disconnect/connect and CPU/memory limits
 * (`container.update`). Containers are found by name or by compose labels (v1 and v2).
 */
export class DockerFaultInjector implements FaultInjector {
  readonly driver = 'docker' as const;
  readonly #docker: Docker;
  readonly #socketPath: string;
  readonly #resolver: ContainerResolver;
  readonly #journal: ChaosJournal;
  readonly #stopTimeoutSeconds: number;

  constructor(options: DockerFaultInjectorOptions) {
    const { docker, socketPath, journal, stopTimeoutSeconds = 10, ...selection } = options;
    this.#docker = docker;
    this.#socketPath = socketPath;
    this.#journal = journal;
    this.#stopTimeoutSeconds = stopTimeoutSeconds;
    this.#resolver = new ContainerResolver(docker, selection);
  }

  supports(kind: FaultKind): boolean {
    return KINDS.has(kind);
  }

  check(fault: FaultSpec): void {
    this.#requireSupported(fault);
  }

  async plan(fault: FaultSpec): Promise<string> {
    this.#requireSupported(fault);
    const container = await this.#resolver.resolve(fault.service);
    const info = await this.#docker.getContainer(container.id).inspect();
    const init = info.HostConfig.Init === true ? '' : ' (started without --init: a stop may wait the full grace period)';
    return `docker: ${describeFault(fault)} — container ${container.name} (${container.id.slice(0, 12)}, ${info.State.Status}, found by ${container.via})${init}`;
  }

  async inject(fault: FaultSpec, options: InjectOptions = {}): Promise<StartedFault> {
    this.#requireSupported(fault);
    const resolved = await this.#resolver.resolve(fault.service);
    const container = this.#docker.getContainer(resolved.id);
    const info = await container.inspect();
    const base = { driver: 'docker', service: fault.service, socketPath: this.#socketPath, containerId: resolved.id, containerName: resolved.name } as const;
    const common = { journal: this.#journal, spec: fault, driver: this.driver, experiment: options.experiment } as const;
    const run = (what: string, action: () => Promise<unknown>) => async () => {
      try {
        await action();
      } catch (error) {
        throw new FaultInjectionError('docker', fault.service, `${what} ${resolved.name}: ${dockerMessage(error)}`, { cause: error });
      }
    };
    let recipe: DockerUndoRecipe;
    let apply: () => Promise<void>;
    switch (fault.kind) {
      case 'stop':
        recipe = { ...base, action: 'start' };
        apply = run('docker stop', () => container.stop({ t: this.#stopTimeoutSeconds }));
        break;
      case 'crash':
        recipe = { ...base, action: 'start' };
        apply = run('docker kill', () => container.kill({ signal: 'SIGKILL' }));
        break;
      case 'freeze':
        recipe = { ...base, action: 'unpause' };
        apply = run('docker pause', () => container.pause());
        break;
      case 'restart':
        recipe = { ...base, action: 'ensure-running' };
        apply = run('docker restart', () => container.restart({ t: this.#stopTimeoutSeconds }));
        break;
      case 'network-disconnect': {
        const networks = attachments(info, fault.network);
        if (networks.length === 0) throw new FaultInjectionError('docker', fault.service, `${resolved.name} is not connected to ${fault.network ?? 'any network'}`);
        recipe = { ...base, action: 'connect', networks };
        apply = run('docker network disconnect', async () => {
          for (const network of networks) await this.#docker.getNetwork(network.name).disconnect({ Container: resolved.id, Force: true });
        });
        break;
      }
      case 'resource-limit': {
        const previous = resources(info);
        recipe = { ...base, action: 'restore-resources', resources: previous };
        apply = run('docker update', () => container.update(limitUpdate(fault, previous)));
        break;
      }
      default:
        throw new UnsupportedFaultError('docker', fault.kind, 'use the tcp-proxy driver for latency, bandwidth, resets and blackholes');
    }
    return injectWithJournal({ ...common, recipe, apply, undo: () => undoDockerRecipe(recipe, this.#docker) });
  }

  #requireSupported(fault: FaultSpec): void {
    if (!this.supports(fault.kind)) throw new UnsupportedFaultError('docker', fault.kind, 'use the tcp-proxy driver for latency, bandwidth, resets and blackholes');
  }
}

type ContainerInfo = Awaited<ReturnType<Docker.Container['inspect']>>;

function attachments(info: ContainerInfo, only: string | undefined): DockerNetworkAttachment[] {
  const networks = info.NetworkSettings.Networks ?? {};
  const shortId = info.Id.slice(0, 12);
  return Object.entries(networks)
    .filter(([name]) => only === undefined || name === only)
    .map(([name, endpoint]) => {
      const ipv4 = (endpoint.IPAMConfig as { IPv4Address?: string } | null | undefined)?.IPv4Address;
      return {
        name,
        aliases: ((endpoint.Aliases ?? []) as string[]).filter((alias) => alias !== shortId),
        ...(ipv4 ? { ipv4Address: ipv4 } : {}),
      };
    });
}

function resources(info: ContainerInfo): DockerResources {
  const host = info.HostConfig;
  return {
    NanoCpus: host.NanoCpus ?? 0,
    CpuQuota: host.CpuQuota ?? 0,
    CpuPeriod: host.CpuPeriod ?? 0,
    Memory: host.Memory ?? 0,
    MemorySwap: host.MemorySwap ?? 0,
  };
}

/** The update that applies a limit. CPU goes through NanoCpus when the container already uses it, else through CFS quota. */
function limitUpdate(fault: Extract<FaultSpec, { kind: 'resource-limit' }>, previous: DockerResources): Record<string, number> {
  const update: Record<string, number> = {};
  if (fault.cpus !== undefined) {
    if (previous.NanoCpus > 0) update['NanoCpus'] = Math.round(fault.cpus * 1e9);
    else {
      update['CpuPeriod'] = 100_000;
      update['CpuQuota'] = Math.max(1_000, Math.round(fault.cpus * 100_000));
    }
  }
  if (fault.memoryBytes !== undefined) {
    update['Memory'] = fault.memoryBytes;
    update['MemorySwap'] = fault.memoryBytes;
  }
  return update;
}

/**
 * The update that restores limits. Docker cannot remove a memory limit once one is set, so a
 * container that had none gets one at 16 × the host's memory, which never binds.
 */
export function restoreUpdate(previous: DockerResources): Record<string, number> {
  const update: Record<string, number> = {};
  if (previous.NanoCpus > 0) update['NanoCpus'] = previous.NanoCpus;
  else {
    update['CpuQuota'] = previous.CpuQuota === 0 ? -1 : previous.CpuQuota;
    if (previous.CpuPeriod > 0) update['CpuPeriod'] = previous.CpuPeriod;
  }
  const unlimited = Math.floor((totalmem() * 16) / 4096) * 4096;
  update['Memory'] = previous.Memory > 0 ? previous.Memory : unlimited;
  update['MemorySwap'] = previous.MemorySwap !== 0 && previous.Memory > 0 ? previous.MemorySwap : update['Memory'] * 2;
  return update;
}

/** Undoes a Docker fault from its journal recipe (also used in-run). */
export async function undoDockerRecipe(recipe: DockerUndoRecipe, docker?: Docker): Promise<UndoOutcome> {
  const client = docker ?? (await connectDocker(recipe.socketPath));
  const container = client.getContainer(recipe.containerId);
  let info: ContainerInfo;
  try {
    info = await container.inspect();
  } catch (error) {
    if (dockerStatus(error) === 404) return { status: 'nothing-to-do', detail: `container ${recipe.containerName} no longer exists` };
    throw error;
  }
  const name = recipe.containerName;
  switch (recipe.action) {
    case 'start':
    case 'ensure-running':
      if (info.State.Paused) {
        await container.unpause();
        return { status: 'undone', detail: `unpaused ${name}` };
      }
      if (info.State.Running) return { status: 'nothing-to-do', detail: `${name} is running` };
      await container.start();
      return { status: 'undone', detail: `started ${name}` };
    case 'unpause':
      if (!info.State.Paused) return { status: 'nothing-to-do', detail: `${name} is not paused` };
      await container.unpause();
      return { status: 'undone', detail: `unpaused ${name}` };
    case 'connect': {
      const connected = new Set(Object.keys(info.NetworkSettings.Networks ?? {}));
      const missing = recipe.networks.filter((n) => !connected.has(n.name));
      for (const network of missing) {
        await client.getNetwork(network.name).connect({
          Container: recipe.containerId,
          EndpointConfig: {
            Aliases: [...network.aliases],
            ...(network.ipv4Address ? { IPAMConfig: { IPv4Address: network.ipv4Address } } : {}),
          },
        });
      }
      return missing.length === 0
        ? { status: 'nothing-to-do', detail: `${name} is connected to ${recipe.networks.map((n) => n.name).join(', ')}` }
        : { status: 'undone', detail: `reconnected ${name} to ${missing.map((n) => n.name).join(', ')}` };
    }
    case 'restore-resources':
      await container.update(restoreUpdate(recipe.resources));
      return { status: 'undone', detail: `restored the CPU/memory limits of ${name}` };
  }
}

/** A Docker fault injector on the configured socket (pings the engine first). */
export async function createDockerFaultInjector(options: Omit<DockerFaultInjectorOptions, 'docker'>): Promise<DockerFaultInjector> {
  return new DockerFaultInjector({ ...options, docker: await connectDocker(options.socketPath) });
}
