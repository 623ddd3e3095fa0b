import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type Docker from 'dockerode';
import { HttpClient } from '@rag-validate/clients';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Fault } from '../../faults/fault-spec.js';
import { ChaosJournal } from '../../journal/chaos-journal.js';
import { containerIp, dockerForTests, removeTestContainers, runTestContainer, TEST_IMAGE } from '../../testing/docker-test-image.js';
import { ContainerResolver } from './container-resolver.js';
import { DockerFaultInjector, undoDockerRecipe } from './docker-fault-injector.js';

const engine = await dockerForTests();
const reason = 'reason' in engine ? engine.reason : '';
const suffix = randomBytes(3).toString('hex');
const project = `rvchaos${suffix}`;
const network = `${project}_net`;
const v1Name = `${project}_embedding-server_1`;
const v2Name = `${project}-vector-db-1`;
const plainName = `${project}-plain`;

describe.skipIf(reason !== '')(`DockerFaultInjector against real containers${reason ? ` (skipped: ${reason})` : ''}`, () => {
  let docker: Docker;
  let socketPath: string;
  let dir: string;
  let journal: ChaosJournal;
  let injector: DockerFaultInjector;

  beforeAll(async () => {
    ({ docker, socketPath } = engine as { docker: Docker; socketPath: string });
    dir = await mkdtemp(join(tmpdir(), 'rv-chaos-docker-'));
    journal = new ChaosJournal(join(dir, 'journal.json'));
    await docker.createNetwork({ Name: network });
    const labels = (service: string) => ({ 'com.docker.compose.project': project, 'com.docker.compose.service': service, 'com.docker.compose.oneoff': 'False' });
    await runTestContainer(docker, { name: v1Name, labels: labels('embedding-server'), network, aliases: ['embedding-server'] });
    await runTestContainer(docker, { name: v2Name, labels: labels('vector-db'), network, aliases: ['vector-db'] });
    await runTestContainer(docker, { name: plainName });
    injector = new DockerFaultInjector({ docker, socketPath, journal, composeProject: project, containers: { llm: plainName }, stopTimeoutSeconds: 5 });
  });

  afterAll(async () => {
    if (docker) await removeTestContainers(docker, [v1Name, v2Name, plainName], network);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function healthOf(name: string, timeoutMs = 2_000): Promise<string> {
    const ip = await containerIp(docker, name);
    if (ip === undefined) return 'no-ip';
    try {
      const response = await new HttpClient({ baseUrl: `http://${ip}:8080`, timeoutMs, maxRetries: 0 }).request<{ status: string }>({ method: 'GET', path: '/health' });
      return response.body.status;
    } catch (error) {
      return (error as { code: string }).code;
    }
  }

  const state = async (name: string) => (await docker.getContainer(name).inspect()).State;

  it('finds containers by compose labels (v1 `proj_svc_1` and v2 `proj-svc-1` names) and by configured name', async () => {
    const resolver = new ContainerResolver(docker, { composeProject: project, containers: { llm: plainName } });
    expect(await resolver.resolve('embedding')).toMatchObject({ name: v1Name, via: `compose labels ${project}/embedding-server` });
    expect(await resolver.resolve('vectorDb')).toMatchObject({ name: v2Name });
    expect(await resolver.resolve('llm')).toMatchObject({ name: plainName, via: `container name ${plainName}` });
    await expect(resolver.resolve('rag')).rejects.toMatchObject({ code: 'RV_ERR_CHAOS_TARGET_NOT_FOUND' });
  });

  it('stop → not running; rollback starts it', async () => {
    const fault = await injector.inject(Fault.stop('embedding'));
    expect((await state(v1Name)).Running).toBe(false);
    await fault.rollback();
    expect((await state(v1Name)).Running).toBe(true);
    expect(await healthOf(v1Name)).toBe('healthy');
    expect(await journal.entries()).toEqual([]);
  });

  it('crash (SIGKILL) → exit code 137; rollback starts it', async () => {
    {
      await using _fault = await injector.inject(Fault.crash('vectorDb'));
      expect(await state(v2Name)).toMatchObject({ Running: false, ExitCode: 137 });
    }
    expect((await state(v2Name)).Running).toBe(true);
    expect(await healthOf(v2Name)).toBe('healthy');
  });

  it('freeze (pause) → calls time out; rollback unpauses', async () => {
    const fault = await injector.inject(Fault.freeze('llm'));
    expect((await state(plainName)).Paused).toBe(true);
    expect(await healthOf(plainName, 300)).toBe('RV_ERR_TIMEOUT');
    await fault.rollback();
    expect((await state(plainName)).Paused).toBe(false);
    expect(await healthOf(plainName)).toBe('healthy');
  });

  it('restart → a new start time, still healthy', async () => {
    const before = (await state(plainName)).StartedAt;
    const fault = await injector.inject(Fault.restart('llm'));
    await fault.rollback();
    expect((await state(plainName)).StartedAt).not.toBe(before);
    expect(await healthOf(plainName)).toBe('healthy');
  });

  it('network disconnect → unreachable; rollback reconnects with the same alias', async () => {
    const fault = await injector.inject(Fault.networkDisconnect('embedding', network));
    const info = await docker.getContainer(v1Name).inspect();
    expect(Object.keys(info.NetworkSettings.Networks ?? {})).not.toContain(network);
    expect(await healthOf(v1Name, 500)).not.toBe('healthy');
    await fault.rollback();
    const after = await docker.getContainer(v1Name).inspect();
    expect(after.NetworkSettings.Networks?.[network]?.Aliases).toContain('embedding-server');
    expect(await healthOf(v1Name)).toBe('healthy');
  });

  it('CPU and memory limits are applied with container.update and restored on rollback', async () => {
    const fault = await injector.inject(Fault.resourceLimit('llm', { cpus: 0.5, memoryBytes: 64 * 1024 * 1024 }));
    const limited = (await docker.getContainer(plainName).inspect()).HostConfig;
    expect([limited.CpuQuota, limited.CpuPeriod, limited.Memory]).toEqual([50_000, 100_000, 64 * 1024 * 1024]);
    await fault.rollback();
    const restored = (await docker.getContainer(plainName).inspect()).HostConfig;
    expect(restored.CpuQuota).toBe(-1);
    expect(restored.Memory).toBeGreaterThan(64 * 1024 * 1024 * 1024);
    expect(await healthOf(plainName)).toBe('healthy');
  });

  it('undoes a fault from its journal recipe alone, with a fresh connection (what `chaos rollback` does)', async () => {
    await injector.inject(Fault.freeze('vectorDb'));
    const [entry] = await journal.entries();
    expect(entry?.undo).toMatchObject({ driver: 'docker', action: 'unpause', containerName: v2Name, socketPath });
    expect(await undoDockerRecipe(entry!.undo as never)).toMatchObject({ status: 'undone' });
    expect((await state(v2Name)).Paused).toBe(false);
    expect(await undoDockerRecipe(entry!.undo as never)).toMatchObject({ status: 'nothing-to-do' });
    await journal.remove(entry!.id);
  });

  it('plan names the container and touches nothing', async () => {
    const plan = await injector.plan(Fault.freeze('embedding'));
    expect(plan).toContain(v1Name);
    expect(plan).toContain('found by compose labels');
    expect((await state(v1Name)).Paused).toBe(false);
  });

  it.skipIf(!existsSync('/usr/bin/docker-compose'))('finds the container of a real docker-compose v1 project (`proj_svc_1`)', async () => {
    const composeDir = await mkdtemp(join(tmpdir(), 'rv-chaos-compose-'));
    const composeProject = `rvcompose${suffix}`;
    const run = promisify(execFile);
    await writeFile(join(composeDir, 'docker-compose.yml'), `version: "2.4"\nservices:\n  rag-server:\n    image: ${TEST_IMAGE}\n    init: true\n    command: ["/bin/httpd", "-f", "-p", "8080", "-h", "/www"]\n`);
    try {
      await run('docker-compose', ['-p', composeProject, 'up', '-d'], { cwd: composeDir, timeout: 60_000 });
      const resolver = new ContainerResolver(docker, { composeProject });
      const found = await resolver.resolve('rag');
      expect(found.name).toBe(`${composeProject}_rag-server_1`);
      const composeInjector = new DockerFaultInjector({ docker, socketPath, journal, composeProject, stopTimeoutSeconds: 5 });
      const fault = await composeInjector.inject(Fault.stop('rag'));
      expect((await state(found.name)).Running).toBe(false);
      await fault.rollback();
      expect((await state(found.name)).Running).toBe(true);
    } finally {
      await run('docker-compose', ['-p', composeProject, 'down', '-t', '1'], { cwd: composeDir, timeout: 60_000 }).catch(() => undefined);
      await rm(composeDir, { recursive: true, force: true });
    }
  });
});

describe('DockerFaultInjector without an engine', () => {
  it('reports an unreachable socket as RV_ERR_CHAOS_DOCKER_UNAVAILABLE', async () => {
    const { connectDocker } = await import('./docker-connection.js');
    await expect(connectDocker('/nonexistent/docker.sock', 1_000)).rejects.toMatchObject({ code: 'RV_ERR_CHAOS_DOCKER_UNAVAILABLE' });
  });
});
