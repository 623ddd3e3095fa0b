import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServiceClients, probeServices } from '@rag-validate/clients';
import { closedPort } from '@rag-validate/clients/testing';
import type { ReadinessResult } from '@rag-validate/readiness';
import { configFor, DEPLOYMENT_DIR, FIXTURES_DIR, startTask06System, type StartedTask06System } from '@rag-validate/readiness/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../testing/run-cli.js';

let system: StartedTask06System;
let env: Record<string, string>;
let dir: string;
beforeAll(async () => {
  system = await startTask06System();
  const { rag, embedding, llm, vectorDb } = system.servers;
  env = { RAG_VALIDATE_RAG_URL: rag.url, RAG_VALIDATE_EMBEDDING_URL: embedding.url, RAG_VALIDATE_LLM_URL: llm.url, RAG_VALIDATE_VECTOR_DB_URL: vectorDb.url };
  dir = await mkdtemp(join(tmpdir(), 'rv-cli-readiness-'));
});
afterAll(async () => {
  await system.close();
  await rm(dir, { recursive: true, force: true });
});

const TASK06 = ['--compose', join(FIXTURES_DIR, 'task06', 'docker-compose.yml'), '--env-file', join(FIXTURES_DIR, 'task06', 'env.example')];

describe('rag-validate readiness', () => {
  it('prints the checklist, writes the three result files and exits 1 on a critical failure (the Task-06 system)', async () => {
    const out = join(dir, 'task06');
    const run = await runCli(['readiness', ...TASK06, '--out', out], { env, cwd: dir });
    expect(run.exitCode).toBe(1);
    const lines = run.stdout.split('\n');
    expect(lines.find((l) => l.includes('sec.path-traversal'))).toMatch(/^FAIL\s+critical\s+sec\.path-traversal/);
    expect(lines.find((l) => l.includes('deploy.restart-policy'))).toMatch(/^PASS\s+high\s+deploy\.restart-policy/);
    expect(run.stdout).toContain('how to fix:');
    expect(run.stdout).toMatch(/NOT READY: score [\d.]+\/100 .*critical failures: config\.no-default-secrets, sec\.path-traversal/);
    const json = JSON.parse(await readFile(join(out, 'readiness.json'), 'utf8')) as ReadinessResult;
    expect(json.verdict).toBe('not-ready');
    expect(await readFile(join(out, 'readiness.md'), 'utf8')).toContain('# Production readiness: NOT READY');
    expect(await readFile(join(out, 'readiness.junit.xml'), 'utf8')).toContain('<testsuites name="rag-validate readiness"');
  });

  it('exits 0 when nothing critical fails: the shipped production.yml, file checks only', async () => {
    const run = await runCli(['readiness', '--compose', join(DEPLOYMENT_DIR, 'production.yml'), '--env-file', join(DEPLOYMENT_DIR, 'env.example'), '--checks', 'deployment,configuration', '--out', join(dir, 'deploy')], { env, cwd: dir });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/^READY: score 100\/100/m);
  });

  it('prints one JSON document with --json, and never an API key', async () => {
    const key = 'llm-key-that-must-not-be-printed-0123456789';
    const run = await runCli(['readiness', '--json', '--checks', 'security,health', '--out', join(dir, 'json')], { env: { ...env, RAG_VALIDATE_LLM_API_KEY: key }, cwd: dir });
    const result = JSON.parse(run.stdout) as ReadinessResult;
    expect(result.kind).toBe('readiness');
    expect(result.checks.find((c) => c.id === 'sec.auth-enforced')?.status).toBe('fail');
    expect(run.exitCode).toBe(1);
    const written = await readFile(join(dir, 'json', 'readiness.json'), 'utf8');
    for (const text of [run.stdout, run.stderr, written]) expect(text).not.toContain(key);
  });

  it('rejects bad input as a usage error (exit 2)', async () => {
    expect((await runCli(['readiness', '--profile', 'prod'], { env, cwd: dir })).exitCode).toBe(2);
    const missing = await runCli(['readiness', '--compose', join(dir, 'nope.yml')], { env, cwd: dir });
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain('RV_ERR_READINESS_INPUT_FILE');
    expect(missing.stderr).not.toMatch(/\n\s+at /);
    const unknownCheck = await runCli(['readiness', '--checks', 'sec.nope'], { env, cwd: dir });
    expect(unknownCheck.exitCode).toBe(2);
    expect(unknownCheck.stderr).toContain('RV_ERR_READINESS_OPTIONS');
  });
});

describe('rag-validate readiness in embedded mode', () => {
  it('starts the reference stack on free ports when none runs, checks it, and stops it afterwards', { timeout: 240_000 }, async () => {
    const ports = await Promise.all([closedPort(), closedPort(), closedPort(), closedPort()]);
    const embeddedEnv = {
      RAG_VALIDATE_MODE: 'embedded',
      RAG_VALIDATE_RAG_URL: `http://127.0.0.1:${ports[0]}`,
      RAG_VALIDATE_EMBEDDING_URL: `http://127.0.0.1:${ports[1]}`,
      RAG_VALIDATE_LLM_URL: `http://127.0.0.1:${ports[2]}`,
      RAG_VALIDATE_VECTOR_DB_URL: `http://127.0.0.1:${ports[3]}`,
    };
    const run = await runCli(['readiness', '--json', '--checks', 'health,dependencies,obs.metrics-endpoint', '--out', join(dir, 'embedded')], { env: embeddedEnv, cwd: dir });
    expect(run.stderr).toContain('starting the embedded reference stack');
    const result = JSON.parse(run.stdout) as ReadinessResult;
    expect(result.verdict).toBe('ready');
    expect(run.exitCode).toBe(0);
    expect(Object.values(result.target.urls)).not.toEqual(Object.values(embeddedEnv).slice(1));
    // The stack is stopped: nothing answers at its URLs any more.
    const after = await probeServices(createServiceClients(configFor(result.target.urls)), { timeoutMs: 1_000 });
    expect(after.map((s) => s.ok)).toEqual([false, false, false, false]);
  });

  it('starts no stack when every selected check only reads files', async () => {
    const run = await runCli(
      ['readiness', '--compose', join(DEPLOYMENT_DIR, 'production.yml'), '--env-file', join(DEPLOYMENT_DIR, 'env.example'), '--checks', 'deployment,configuration', '--out', join(dir, 'files-only')],
      { env: { RAG_VALIDATE_MODE: 'embedded' }, cwd: dir },
    );
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stderr).not.toContain('starting the embedded reference stack');
    expect(run.stdout).toContain('deploy.pinned-images');
  });
});
