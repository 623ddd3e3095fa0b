import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { runReadiness } from '../run-readiness.js';
import { configFor } from '../testing/config-for.js';
import { expectCheck, idsWithStatus } from '../testing/expect-check.js';
import { DEPLOYMENT_DIR, FIXTURES_DIR } from '../testing/fixture-paths.js';

// Deployment checks read the compose file only: the services are never called.
const config = configFor({ rag: 'http://127.0.0.1:9', embedding: 'http://127.0.0.1:9', llm: 'http://127.0.0.1:9', vectorDb: 'http://127.0.0.1:9' });
const PRODUCTION = join(DEPLOYMENT_DIR, 'production.yml');
const STAGING = join(DEPLOYMENT_DIR, 'staging.yml');
const ENV_EXAMPLE = join(DEPLOYMENT_DIR, 'env.example');
const TASK06_COMPOSE = join(FIXTURES_DIR, 'task06', 'docker-compose.yml');

let dir: string;
let counter = 0;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rv-readiness-deploy-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** production.yml with one change, written to a real file. */
async function mutated(change: (doc: ReturnType<typeof parseDocument>) => void): Promise<string> {
  const doc = parseDocument(await readFile(PRODUCTION, 'utf8'), { merge: true });
  change(doc);
  counter += 1;
  const path = join(dir, `production-${counter}.yml`);
  await writeFile(path, doc.toString());
  return path;
}

const runDeployment = (composeFile: string, profile: 'production' | 'staging' = 'production') => runReadiness({ config, composeFile, profile, checks: ['deployment'] });

describe('the shipped deployment files', () => {
  it('production.yml passes every deployment and configuration check in the production profile', async () => {
    const result = await runReadiness({ config, composeFile: PRODUCTION, envFile: ENV_EXAMPLE, checks: ['deployment', 'configuration'] });
    expect(result.checks.filter((c) => c.status !== 'pass').map((c) => `${c.id}: ${c.status} ${c.reason} ${c.evidence.join('; ')}`)).toEqual([]);
    expectCheck(result, 'deploy.healthchecks-http', 'pass');
    expectCheck(result, 'deploy.restart-policy', 'pass');
    expectCheck(result, 'deploy.vector-db-volume', 'pass');
    expectCheck(result, 'deploy.pinned-images', 'pass');
    expectCheck(result, 'deploy.resource-limits', 'pass');
    expectCheck(result, 'deploy.depends-on-healthy', 'pass');
    expectCheck(result, 'deploy.no-inline-secrets', 'pass');
    expect(result.verdict).toBe('ready');
  });

  it('production.yml also passes without an env file (every variable has a default)', async () => {
    const result = await runReadiness({ config, composeFile: PRODUCTION, checks: ['deployment', 'configuration'] });
    expect(idsWithStatus(result, 'fail')).toEqual([]);
  });

  it('staging.yml passes in the staging profile, and its debug logging fails the production profile', async () => {
    const staging = await runReadiness({ config, composeFile: STAGING, profile: 'staging', checks: ['deployment', 'configuration'] });
    expect(staging.checks.filter((c) => c.status !== 'pass').map((c) => c.id)).toEqual([]);
    const asProduction = await runReadiness({ config, composeFile: STAGING, profile: 'production', checks: ['configuration'] });
    expectCheck(asProduction, 'config.debug-disabled', 'fail');
  });

  it('are valid compose files for docker-compose (skipped when docker-compose is not installed)', (ctx) => {
    for (const file of [PRODUCTION, STAGING]) {
      try {
        execFileSync('docker-compose', ['-f', file, '--env-file', ENV_EXAMPLE, 'config', '-q'], { stdio: 'pipe' });
      } catch (error) {
        if ((error as { code?: string }).code === 'ENOENT') return ctx.skip(true, 'docker-compose is not installed');
        throw new Error(`docker-compose rejects ${file}: ${String((error as { stderr?: Buffer }).stderr)}`);
      }
    }
  });
});

describe('the Task-06 compose file', () => {
  it('has TCP-only healthchecks, a bind-mounted vector-db, no limits, unversioned builds', async () => {
    const result = await runDeployment(TASK06_COMPOSE);
    const health = expectCheck(result, 'deploy.healthchecks-http', 'fail');
    expect(health.evidence.filter((e) => e.includes('TCP-only'))).toHaveLength(4);
    const volume = expectCheck(result, 'deploy.vector-db-volume', 'fail');
    expect(volume.evidence).toEqual(['vector-db: no named volume (bind ./data/qdrant:/qdrant/storage, bind ./vector-db/config/qdrant.yaml:/qdrant/config/production.yaml)', 'declared but not mounted: qdrant-data']);
    expectCheck(result, 'deploy.resource-limits', 'fail');
    expect(expectCheck(result, 'deploy.pinned-images', 'warn').evidence).toContain('vector-db: qdrant/qdrant:v1.7.0');
    expectCheck(result, 'deploy.restart-policy', 'pass');
    expectCheck(result, 'deploy.depends-on-healthy', 'pass');
    expectCheck(result, 'deploy.no-inline-secrets', 'pass');
  });
});

describe('one misconfiguration at a time', () => {
  it('a TCP-only healthcheck fails deploy.healthchecks-http', async () => {
    const file = await mutated((doc) => doc.setIn(['services', 'vector-db', 'healthcheck', 'test'], ['CMD-SHELL', "bash -c '</dev/tcp/localhost/6333' || exit 1"]));
    const check = expectCheck(await runDeployment(file), 'deploy.healthchecks-http', 'fail');
    expect(check.evidence[0]).toContain('vector-db: TCP-only healthcheck');
  });

  it('probing Qdrant at /health (always 404) fails deploy.healthchecks-http', async () => {
    const file = await mutated((doc) => doc.setIn(['services', 'vector-db', 'healthcheck', 'test'], ['CMD', 'curl', '-f', 'http://localhost:6333/health']));
    expect(expectCheck(await runDeployment(file), 'deploy.healthchecks-http', 'fail').evidence[0]).toContain('Qdrant does not have');
  });

  it('a missing or disabled healthcheck fails deploy.healthchecks-http', async () => {
    const file = await mutated((doc) => {
      doc.deleteIn(['services', 'llm-server', 'healthcheck']);
      doc.setIn(['services', 'embedding-server', 'healthcheck', 'disable'], true);
    });
    const check = expectCheck(await runDeployment(file), 'deploy.healthchecks-http', 'fail');
    expect(check.evidence.slice(0, 2).sort()).toEqual(['embedding-server: no healthcheck', 'llm-server: no healthcheck']);
  });

  it('a script whose HTTP request cannot be seen only warns', async () => {
    const file = await mutated((doc) => doc.setIn(['services', 'llm-server', 'healthcheck', 'test'], ['CMD', 'node', '/app/healthcheck.js']));
    expect(expectCheck(await runDeployment(file), 'deploy.healthchecks-http', 'warn').evidence[0]).toBe('llm-server: cannot tell whether the healthcheck makes an HTTP request (node /app/healthcheck.js)');
  });

  it('restart "no" on the rag-server fails deploy.restart-policy', async () => {
    const file = await mutated((doc) => doc.setIn(['services', 'rag-server', 'restart'], 'no'));
    expect(expectCheck(await runDeployment(file), 'deploy.restart-policy', 'fail').evidence[0]).toBe('rag-server: restart no');
  });

  it('a bind mount or no volume for the vector-db fails deploy.vector-db-volume', async () => {
    const bind = await mutated((doc) => doc.setIn(['services', 'vector-db', 'volumes'], ['./data/qdrant:/qdrant/storage']));
    expect(expectCheck(await runDeployment(bind), 'deploy.vector-db-volume', 'fail').evidence[0]).toContain('no named volume (bind ./data/qdrant:/qdrant/storage)');
    const none = await mutated((doc) => doc.deleteIn(['services', 'vector-db', 'volumes']));
    expect(expectCheck(await runDeployment(none), 'deploy.vector-db-volume', 'fail').evidence[0]).toContain('lost when the container is recreated');
  });

  it.each([
    ['latest', 'qdrant/qdrant:latest', 'uses latest'],
    ['no tag', 'qdrant/qdrant', 'has no tag'],
    ['an interpolated latest', '${VECTOR_DB_IMAGE:-local/rag-validate-vector-db:latest}', 'uses latest'],
  ])('%s fails deploy.pinned-images', async (_what, image, message) => {
    const file = await mutated((doc) => doc.setIn(['services', 'vector-db', 'image'], image));
    expect(expectCheck(await runDeployment(file), 'deploy.pinned-images', 'fail').evidence[0]).toContain(message);
  });

  it('a digest pins an image', async () => {
    const file = await mutated((doc) => doc.setIn(['services', 'vector-db', 'image'], `qdrant/qdrant@sha256:${'a'.repeat(64)}`));
    expectCheck(await runDeployment(file), 'deploy.pinned-images', 'pass');
  });

  it('no memory limit fails deploy.resource-limits; mem_limit/cpus count as limits', async () => {
    const removed = await mutated((doc) => doc.deleteIn(['services', 'llm-server', 'deploy']));
    expect(expectCheck(await runDeployment(removed), 'deploy.resource-limits', 'fail').evidence[0]).toBe('llm-server: no memory limit');
    const legacy = await mutated((doc) => {
      doc.deleteIn(['services', 'llm-server', 'deploy']);
      doc.setIn(['services', 'llm-server', 'mem_limit'], '512m');
      doc.setIn(['services', 'llm-server', 'cpus'], 1);
    });
    expectCheck(await runDeployment(legacy), 'deploy.resource-limits', 'pass');
  });

  it('depends_on in list form fails deploy.depends-on-healthy', async () => {
    const file = await mutated((doc) => doc.setIn(['services', 'rag-server', 'depends_on'], ['embedding-server', 'llm-server', 'vector-db']));
    const check = expectCheck(await runDeployment(file), 'deploy.depends-on-healthy', 'fail');
    expect(check.evidence).toContain('rag-server → vector-db: list form (waits only for the container to start)');
  });

  it('an inline key or a secret default fails deploy.no-inline-secrets without printing the secret', async () => {
    const key = `sk-proj-${randomBytes(24).toString('hex')}`;
    const file = await mutated((doc) => {
      doc.setIn(['services', 'llm-server', 'environment', 'LLM_UPSTREAM_API_KEY'], key);
      doc.setIn(['services', 'rag-server', 'environment', 'SECRET_KEY'], '${SECRET_KEY:-changeme}');
      doc.setIn(['services', 'rag-server', 'environment', 'DATABASE_URL'], 'postgresql://app:hunter22@db:5432/app');
    });
    const result = await runDeployment(file);
    const check = expectCheck(result, 'deploy.no-inline-secrets', 'fail');
    expect(check.evidence).toEqual([
      `llm-server: LLM_UPSTREAM_API_KEY is written inline (${key.length} characters)`,
      'rag-server: SECRET_KEY is written inline (8 characters)',
      'rag-server: DATABASE_URL contains a password in a URL',
    ]);
    const text = JSON.stringify(result);
    expect(text).not.toContain(key);
    expect(text).not.toContain('hunter22');
  });
});

describe('without a compose file', () => {
  it('every deployment check is unknown, never a pass', async () => {
    const result = await runReadiness({ config, checks: ['deployment'] });
    expect(result.checks.map((c) => c.status)).toEqual(Array(7).fill('unknown'));
    expect(result.verdict).toBe('ready-with-warnings');
  });
});
