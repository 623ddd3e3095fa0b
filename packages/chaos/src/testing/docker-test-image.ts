import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile, copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { connectDocker, defaultDockerSocket } from '../drivers/docker/docker-connection.js';

/** The image tests run: static busybox only, built from scratch (there is no registry here). */
export const TEST_IMAGE = 'rag-validate-chaos/busybox:test';

/**
 * A Docker engine for tests, or the reason there is none (tests then skip and say why).
 * The image is imported from a folder holding `/bin/busybox` and an httpd root with `/health`.
 */
export async function dockerForTests(): Promise<{ docker: Docker; socketPath: string } | { reason: string }> {
  const socketPath = defaultDockerSocket();
  let docker: Docker;
  try {
    docker = await connectDocker(socketPath, 3_000);
  } catch (error) {
    return { reason: `no Docker engine (${(error as Error).message}); CI starts dockerd` };
  }
  if (!existsSync('/bin/busybox')) return { reason: 'no /bin/busybox to build the test image from (apt-get install busybox-static)' };
  try {
    await docker.getImage(TEST_IMAGE).inspect();
  } catch {
    await importBusyboxImage(docker);
  }
  return { docker, socketPath };
}

async function importBusyboxImage(docker: Docker): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'rv-chaos-image-'));
  try {
    await mkdir(join(root, 'bin'), { recursive: true });
    await mkdir(join(root, 'www'), { recursive: true });
    await copyFile('/bin/busybox', join(root, 'bin', 'busybox'));
    for (const applet of ['sh', 'httpd', 'sleep', 'cat', 'wget']) await symlink('busybox', join(root, 'bin', applet));
    await writeFile(join(root, 'www', 'health'), '{"status":"healthy"}\n');
    const tar = spawn('tar', ['-C', root, '-c', '.'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const [repo, tag] = TEST_IMAGE.split(':') as [string, string];
    const stream = await docker.importImage(tar.stdout as never, { repo, tag });
    await new Promise<void>((resolve, reject) => docker.modem.followProgress(stream, (error: Error | null) => (error ? reject(error) : resolve())));
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

/** Runs a test container serving `/health` on port 8080 (with `--init`, so stop is quick). */
export async function runTestContainer(
  docker: Docker,
  options: { name: string; labels?: Record<string, string>; network?: string; aliases?: string[] },
): Promise<Docker.Container> {
  const container = await docker.createContainer({
    name: options.name,
    Image: TEST_IMAGE,
    Cmd: ['/bin/httpd', '-f', '-p', '8080', '-h', '/www'],
    Labels: options.labels ?? {},
    HostConfig: { Init: true, ...(options.network ? { NetworkMode: options.network } : {}) },
    ...(options.network ? { NetworkingConfig: { EndpointsConfig: { [options.network]: { Aliases: options.aliases ?? [] } } } } : {}),
  });
  await container.start();
  return container;
}

/** Removes containers (and a network) by name, ignoring ones that are gone. */
export async function removeTestContainers(docker: Docker, names: readonly string[], network?: string): Promise<void> {
  for (const name of names) {
    const container = docker.getContainer(name);
    await container.unpause().catch(() => undefined);
    await container.remove({ force: true }).catch(() => undefined);
  }
  if (network) await docker.getNetwork(network).remove().catch(() => undefined);
}

/** The IPv4 address of a container on a network (or its first network). */
export async function containerIp(docker: Docker, name: string, network?: string): Promise<string | undefined> {
  const info = await docker.getContainer(name).inspect();
  const networks = info.NetworkSettings.Networks ?? {};
  const endpoint = network ? networks[network] : Object.values(networks)[0];
  return endpoint?.IPAddress || undefined;
}
