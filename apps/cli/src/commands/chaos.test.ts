import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { processState } from '@rag-validate/chaos';
import { startTinyService, type TinyService } from '@rag-validate/chaos/testing';
import { closedPort } from '@rag-validate/clients/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { runCli } from '../testing/run-cli.js';

let dir: string;
let embedding: TinyService;
let external: Record<string, string>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rv-cli-chaos-'));
  embedding = await startTinyService('embedding');
  const [rag, llm, vectorDb] = await Promise.all([closedPort(), closedPort(), closedPort()]);
  external = {
    RAG_VALIDATE_RAG_URL: `http://127.0.0.1:${rag}`,
    RAG_VALIDATE_EMBEDDING_URL: embedding.url,
    RAG_VALIDATE_LLM_URL: `http://127.0.0.1:${llm}`,
    RAG_VALIDATE_VECTOR_DB_URL: `http://127.0.0.1:${vectorDb}`,
  };
});

afterAll(async () => {
  await embedding?.dispose();
  await rm(dir, { recursive: true, force: true });
});

async function configFile(name: string, chaos: Record<string, unknown>): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, stringify({ chaos: { journalFile: join(dir, `${name}.journal.json`), ...chaos } }));
  return file;
}

describe('rag-validate chaos list', () => {
  it('lists the seven shipped experiments with their expected outcomes', async () => {
    const run = await runCli(['chaos', 'list', '--json'], { cwd: dir });
    expect(run.exitCode).toBe(0);
    const result = JSON.parse(run.stdout) as { experiments: Array<{ name: string; expectedOutcome: string }> };
    expect(result.experiments.map((e) => e.name)).toEqual(['embedding-down', 'llm-down', 'vector-db-down', 'rag-server-crash', 'slow-llm-network', 'vector-db-blackhole', 'embedding-freeze']);
    expect(result.experiments.every((e) => e.expectedOutcome.length > 20)).toBe(true);
  });
});

describe('rag-validate chaos run: safety', () => {
  it('an unknown experiment is a usage error naming the known ones', async () => {
    const run = await runCli(['chaos', 'run', 'meteor-strike'], { cwd: dir });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('RV_ERR_CHAOS_UNKNOWN_EXPERIMENT');
    expect(run.stderr).toContain('embedding-freeze');
  });

  it('refuses an external target without chaos.allowExternalTarget, touching nothing', async () => {
    const config = await configFile('no-opt-in.yaml', { process: { embedding: { command: embedding.command, pidFile: embedding.pidFile } } });
    const pid = embedding.process.pid();
    const run = await runCli(['chaos', 'run', 'embedding-freeze', '--config', config], { env: external, cwd: dir });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('RV_ERR_CHAOS_EXTERNAL_TARGET');
    expect(processState(pid!)).toBe('running');
  });

  it('refuses a service outside chaos.allow', async () => {
    const config = await configFile('allow.yaml', { allowExternalTarget: true, allow: ['llm'], process: { embedding: { command: embedding.command, pidFile: embedding.pidFile } } });
    const run = await runCli(['chaos', 'run', 'embedding-freeze', '--config', config], { env: external, cwd: dir });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('RV_ERR_CHAOS_NOT_ALLOWED');
    expect(processState(embedding.process.pid()!)).toBe('running');
  });

  it('--dry-run prints what would be touched (the pid) and touches nothing', async () => {
    const config = await configFile('dry.yaml', { allowExternalTarget: true, process: { embedding: { command: embedding.command, pidFile: embedding.pidFile } } });
    const run = await runCli(['chaos', 'run', 'embedding-freeze', 'slow-llm-network', '--dry-run', '--json', '--config', config], { env: external, cwd: dir });
    expect(run.exitCode).toBe(0);
    const result = JSON.parse(run.stdout) as { plan: Array<{ name: string; runnable: boolean; target: string }> };
    expect(result.plan[0]).toMatchObject({ name: 'embedding-freeze', runnable: true, target: expect.stringContaining(`pid ${embedding.process.pid()}`) });
    expect(result.plan[1]).toMatchObject({ name: 'slow-llm-network', runnable: false, target: expect.stringContaining('RV_ERR_CHAOS_TARGET_NOT_FOUND') });
    expect(processState(embedding.process.pid()!)).toBe('running');
    expect(await readdir(dir)).not.toContain('dry.yaml.journal.json');
  });

  it('rejects a bad --driver and --prometheus-url as usage errors', async () => {
    expect((await runCli(['chaos', 'run', 'embedding-down', '--driver', 'kubernetes'], { cwd: dir })).exitCode).toBe(2);
    expect((await runCli(['chaos', 'run', 'embedding-down', '--prometheus-url', 'not a url'], { cwd: dir })).exitCode).toBe(2);
  });
});

describe('rag-validate chaos rollback and export', () => {
  it('with an empty journal there is nothing to undo (exit 0)', async () => {
    const config = await configFile('empty.yaml', {});
    const run = await runCli(['chaos', 'rollback', '--config', config], { cwd: dir });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('nothing to undo');
  });

  it('exports one Chaos Mesh manifest per experiment', async () => {
    const out = join(dir, 'mesh');
    const run = await runCli(['chaos', 'export', '--chaos-mesh', out, '--namespace', 'rag'], { cwd: dir });
    expect(run.exitCode).toBe(0);
    expect((await readdir(out)).length).toBe(7);
  });
});
