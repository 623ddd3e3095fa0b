import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveConfig } from '@rag-validate/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExternalEnvironment } from '../environment/chaos-environment.js';
import { ChaosJournal } from '../journal/chaos-journal.js';
import type { ChaosRunResult, ExperimentResult } from '../result/chaos-result.js';
import { runChaos } from '../run-chaos.js';
import { freePorts } from '../runtime/free-port.js';
import { selectExperiments } from './shipped-experiments.js';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const COMPOSE_FILE = join(REPO_ROOT, 'deployment', 'reference-stack.compose.yml');
const BUILD_SCRIPT = join(REPO_ROOT, 'apps', 'reference-stack', 'docker', 'build-images.sh');
const IMAGE = 'rag-validate/reference-stack:chaos-test';
/** The experiments whose faults are container operations: stop/start, kill, pause/unpause. */
const DOCKER_EXPERIMENTS = ['embedding-down', 'llm-down', 'vector-db-down', 'rag-server-crash', 'embedding-freeze'];

function run(command: string, args: string[], env: Record<string, string> = {}, timeoutMs = 600_000) {
  const result = spawnSync(command, args, { cwd: REPO_ROOT, env: { ...process.env, ...env }, encoding: 'utf8', timeout: timeoutMs });
  return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

const skipReason =
  run('docker', ['info', '--format', '{{.ServerVersion}}'], {}, 20_000).status !== 0
    ? 'no Docker engine answers (docker info failed)'
    : run('docker-compose', ['version', '--short'], {}, 20_000).status !== 0
      ? 'docker-compose (v1) is not installed'
      : !existsSync(COMPOSE_FILE) || !existsSync(BUILD_SCRIPT)
        ? 'the reference stack compose file or image build script is missing'
        : '';

/**
 * The container experiments against the reference stack in Docker (docker-compose v1, the
 * repository's compose file, the image built from scratch), with the docker driver finding the
 * containers by their compose labels.
 */
describe.skipIf(skipReason !== '')(`container experiments against the reference stack in Docker${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  const project = `rvchaos${process.pid}`;
  let env: Record<string, string>;
  let dir: string;
  let result: ChaosRunResult;
  const compose = (...args: string[]) => run('docker-compose', ['-p', project, '-f', COMPOSE_FILE, ...args], env);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rv-chaos-docker-stack-'));
    const built = run(BUILD_SCRIPT, [IMAGE], { REFSTACK_SKIP_BUILD: '1' });
    expect(built.status, built.stderr).toBe(0);
    const [rag, embedding, llm, vectorDb] = await freePorts(4);
    env = { REFSTACK_IMAGE: IMAGE, LLM_TTFT_MS: '50', LLM_TOKENS_PER_SECOND: '0', LOG_LEVEL: 'warn', RAG_PORT: String(rag), EMBEDDING_PORT: String(embedding), LLM_PORT: String(llm), VECTOR_DB_PORT: String(vectorDb) };
    const up = compose('up', '-d');
    expect(up.status, up.stderr).toBe(0);
    const deadline = Date.now() + 180_000;
    for (;;) {
      const ids = compose('ps', '-q').stdout.trim().split('\n').filter(Boolean);
      const health = ids.map((id) => run('docker', ['inspect', '--format', '{{.State.Health.Status}}', id]).stdout.trim());
      if (ids.length === 4 && health.every((h) => h === 'healthy')) break;
      if (Date.now() > deadline) throw new Error(`containers not healthy: ${health.join(', ')}`);
      await new Promise((r) => setTimeout(r, 1_000));
    }
    const url = (port: string | undefined) => ({ url: `http://127.0.0.1:${port ?? ''}` });
    const config = resolveConfig(
      {
        target: { contract: 'codev-task06', services: { rag: url(env['RAG_PORT']), embedding: url(env['EMBEDDING_PORT']), llm: url(env['LLM_PORT']), vectorDb: url(env['VECTOR_DB_PORT']) } },
        chaos: { driver: 'docker', allowExternalTarget: true, faultDurationMs: 4_000, baselineMs: 1_000, cleanErrorWithinMs: 10_000, loadRps: 4, docker: { composeProject: project, stopTimeoutSeconds: 5 } },
        recovery: { mttrMs: 30_000 },
      },
      { env: {} },
    );
    const environment = await createExternalEnvironment(config, { journal: new ChaosJournal(join(dir, 'journal.json')) });
    result = await runChaos({ experiments: selectExperiments(DOCKER_EXPERIMENTS), environment });
  }, 900_000);

  afterAll(async () => {
    if (env) compose('down', '-v', '--remove-orphans', '-t', '2');
    run('docker', ['rmi', IMAGE]);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const explain = (e: ExperimentResult) => JSON.stringify({ error: e.error, hypotheses: e.hypotheses.map((h) => `${h.verdict} ${h.id}: ${h.reason}`) }, null, 2);

  it.each(DOCKER_EXPERIMENTS)('%s passes with the docker driver and every container runs afterwards', (name) => {
    const experiment = result.experiments.find((e) => e.name === name)!;
    expect(experiment.driver).toBe('docker');
    expect(experiment.verdict, explain(experiment)).toBe('pass');
    const states = compose('ps', '-q')
      .stdout.trim()
      .split('\n')
      .map((id) => run('docker', ['inspect', '--format', '{{.State.Status}}', id]).stdout.trim());
    expect(states).toEqual(['running', 'running', 'running', 'running']);
  });
});
