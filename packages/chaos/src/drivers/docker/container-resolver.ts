import type Docker from 'dockerode';
import { SERVICE_DISPLAY_NAMES, type ServiceName } from '@rag-validate/config';
import { FaultTargetNotFoundError } from '../../errors.js';
import { dockerMessage, dockerStatus } from './docker-connection.js';

export interface ContainerSelection {
  /** Container name (or id) per service. Takes precedence over compose labels. */
  readonly containers?: Partial<Record<ServiceName, string>>;
  /** Compose project whose containers are the services. */
  readonly composeProject?: string;
  /** Compose service name per service. Default: rag-server, embedding-server, llm-server, vector-db. */
  readonly composeServices?: Partial<Record<ServiceName, string>>;
}

export interface ResolvedContainer {
  readonly id: string;
  /** Name without the leading slash. */
  readonly name: string;
  /** How it was found, for plans. */
  readonly via: string;
}

/**
 * Finds the container of a service: by configured name, else by the compose labels
 * `com.docker.compose.project` + `com.docker.compose.service` (set by compose v1 and v2 alike),
 * else by the compose naming conventions `<project>_<service>_1` (v1) and `<project>-<service>-1` (v2).
 */
export class ContainerResolver {
  readonly #docker: Docker;
  readonly #selection: ContainerSelection;

  constructor(docker: Docker, selection: ContainerSelection) {
    this.#docker = docker;
    this.#selection = selection;
  }

  async resolve(service: ServiceName): Promise<ResolvedContainer> {
    const named = this.#selection.containers?.[service];
    if (named !== undefined) {
      const found = await this.#inspect(named, service);
      if (found === undefined) throw new FaultTargetNotFoundError('docker', service, `no container named "${named}" (chaos.docker.containers.${service})`);
      return { ...found, via: `container name ${named}` };
    }
    const project = this.#selection.composeProject;
    if (project === undefined) {
      throw new FaultTargetNotFoundError('docker', service, 'set chaos.docker.composeProject or chaos.docker.containers.<service>');
    }
    const composeService = this.#selection.composeServices?.[service] ?? SERVICE_DISPLAY_NAMES[service];
    const labelled = await this.#docker.listContainers({
      all: true,
      filters: { label: [`com.docker.compose.project=${project}`, `com.docker.compose.service=${composeService}`] },
    });
    const candidates = labelled.filter((c) => c.Labels['com.docker.compose.oneoff'] !== 'True');
    if (candidates.length > 1) {
      const names = candidates.map((c) => (c.Names[0] ?? c.Id).replace(/^\//, ''));
      throw new FaultTargetNotFoundError('docker', service, `compose service ${project}/${composeService} has ${candidates.length} containers (${names.join(', ')}); name one in chaos.docker.containers.${service}`);
    }
    const only = candidates[0];
    if (only !== undefined) return { id: only.Id, name: (only.Names[0] ?? only.Id).replace(/^\//, ''), via: `compose labels ${project}/${composeService}` };
    for (const name of [`${project}_${composeService}_1`, `${project}-${composeService}-1`]) {
      const found = await this.#inspect(name, service);
      if (found !== undefined) return { ...found, via: `compose name ${name}` };
    }
    throw new FaultTargetNotFoundError('docker', service, `no container of compose service ${project}/${composeService} (by label or by the names ${project}_${composeService}_1 / ${project}-${composeService}-1)`);
  }

  async #inspect(nameOrId: string, service: ServiceName): Promise<{ id: string; name: string } | undefined> {
    try {
      const info = await this.#docker.getContainer(nameOrId).inspect();
      return { id: info.Id, name: info.Name.replace(/^\//, '') };
    } catch (error) {
      if (dockerStatus(error) === 404) return undefined;
      throw new FaultTargetNotFoundError('docker', service, `inspecting ${nameOrId}: ${dockerMessage(error)}`, { cause: error });
    }
  }
}
