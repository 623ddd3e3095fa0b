import Docker from 'dockerode';
import { DockerUnavailableError } from '../../errors.js';

/** The Docker engine's unix socket: `$DOCKER_HOST` when it is a `unix://` URL, else the standard path. */
export function defaultDockerSocket(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const host = env['DOCKER_HOST'];
  if (host !== undefined && host.startsWith('unix://')) return host.slice('unix://'.length);
  return '/var/run/docker.sock';
}

/** A dockerode client on a unix socket, checked with a ping (throws DockerUnavailableError). */
export async function connectDocker(socketPath: string = defaultDockerSocket(), timeoutMs = 5_000): Promise<Docker> {
  const docker = new Docker({ socketPath, timeout: timeoutMs });
  try {
    await docker.ping();
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no socket (is dockerd running?)' : (error as Error).message;
    throw new DockerUnavailableError(socketPath, reason, { cause: error });
  }
  return docker;
}

/** The message of a Docker API error (dockerode puts the engine's JSON message in `json.message`). */
export function dockerMessage(error: unknown): string {
  const json = (error as { json?: { message?: unknown } }).json;
  if (json !== undefined && typeof json.message === 'string') return json.message;
  return error instanceof Error ? error.message : String(error);
}

/** The HTTP status of a Docker API error, if any. */
export function dockerStatus(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' ? status : undefined;
}
