import { randomBytes } from 'node:crypto';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runReadiness } from '../run-readiness.js';
import { configFor } from '../testing/config-for.js';
import { expectCheck } from '../testing/expect-check.js';
import { FIXTURES_DIR } from '../testing/fixture-paths.js';

// Configuration checks read files only: the services are never called.
const config = configFor({ rag: 'http://127.0.0.1:9', embedding: 'http://127.0.0.1:9', llm: 'http://127.0.0.1:9', vectorDb: 'http://127.0.0.1:9' });
const TASK06_COMPOSE = join(FIXTURES_DIR, 'task06', 'docker-compose.yml');
const TASK06_ENV = join(FIXTURES_DIR, 'task06', 'env.example');

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rv-readiness-config-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A key that looks real but is generated per run (nothing key-like is committed). */
const realLookingKey = () => `sk-proj-${randomBytes(24).toString('hex')}`;

async function file(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

const run = (options: { composeFile?: string; envFile?: string; profile?: 'production' | 'staging'; env?: Record<string, string> }) =>
  runReadiness({ config, checks: ['configuration'], ...options });

describe('config.required-settings', () => {
  it('fails the Task-06 compose when OPENAI_API_KEY is not set (compose substitutes an empty string)', async () => {
    const result = await run({ composeFile: TASK06_COMPOSE });
    const check = expectCheck(result, 'config.required-settings', 'fail');
    expect(check.evidence.join('\n')).toContain('${OPENAI_API_KEY} (services.llm-server.environment.OPENAI_API_KEY) is not set');
    expect(check.evidence.join('\n')).toContain('LLM upstream key');
  });

  it('passes the Task-06 compose once the key comes from the env file', async () => {
    const key = realLookingKey();
    const result = await run({ composeFile: TASK06_COMPOSE, envFile: await file('.env', `OPENAI_API_KEY=${key}\n`) });
    expectCheck(result, 'config.required-settings', 'pass');
    expect(JSON.stringify(result)).not.toContain(key);
  });

  it('fails a compose file whose rag-server lacks its vector-db location and that has no llm-server', async () => {
    const compose = await file(
      'compose.yml',
      `services:
  rag-server:
    image: x/rag:1
    environment:
      EMBEDDING_SERVER_URL: http://embedding-server:8001
      LLM_SERVER_URL: http://llm-server:8002
  embedding-server: { image: x/emb:1 }
  vector-db: { image: qdrant/qdrant:v1.7.0 }
`,
    );
    const check = expectCheck(await run({ composeFile: compose }), 'config.required-settings', 'fail');
    expect(check.evidence).toEqual(expect.arrayContaining(['no llm-server service in ' + compose, 'service rag-server: no vector-db location (VECTOR_DB_URL / QDRANT_URL / QDRANT_HOST)']));
  });

  it('reads the settings from an env file alone, and is unknown with neither file', async () => {
    expectCheck(await run({ envFile: TASK06_ENV }), 'config.required-settings', 'pass');
    expectCheck(await run({ envFile: await file('.env', 'LOG_LEVEL=info\n') }), 'config.required-settings', 'fail');
    expectCheck(await run({}), 'config.required-settings', 'unknown');
  });
});

describe('config.urls-valid', () => {
  it('fails a container URL that points at localhost and one that is not a URL', async () => {
    const compose = (await readFile(TASK06_COMPOSE, 'utf8'))
      .replace('EMBEDDING_SERVER_URL=http://embedding-server:8001', 'EMBEDDING_SERVER_URL=http://localhost:8001')
      .replace('LLM_SERVER_URL=http://llm-server:8002', 'LLM_SERVER_URL=llm-server:8002/v1 (see docs)');
    const check = expectCheck(await run({ composeFile: await file('compose.yml', compose) }), 'config.urls-valid', 'fail');
    expect(check.evidence.join('\n')).toContain('EMBEDDING_SERVER_URL points at localhost, which inside a container is the container itself');
    expect(check.evidence.join('\n')).toContain('LLM_SERVER_URL is not an absolute URL');
  });

  it('warns about a host that is no service of the compose file', async () => {
    const compose = (await readFile(TASK06_COMPOSE, 'utf8')).replace('VECTOR_DB_URL=http://vector-db:6333', 'VECTOR_DB_URL=http://qdrant:6333');
    const check = expectCheck(await run({ composeFile: await file('compose.yml', compose) }), 'config.urls-valid', 'warn');
    expect(check.evidence.join('\n')).toContain('names host "qdrant"');
  });

  it('passes the Task-06 compose (service names, container names)', async () => {
    expectCheck(await run({ composeFile: TASK06_COMPOSE }), 'config.urls-valid', 'pass');
  });
});

describe('config.no-default-secrets', () => {
  it('fails the key copied from env.example, without printing it', async () => {
    const env = await file('.env', 'OPENAI_API_KEY=your_openai_api_key_here\n');
    const result = await run({ composeFile: TASK06_COMPOSE, envFile: env });
    const check = expectCheck(result, 'config.no-default-secrets', 'fail');
    expect(check.evidence).toEqual(['service llm-server: OPENAI_API_KEY (from environment) is a placeholder or a well-known default']);
    expect(JSON.stringify(result)).not.toContain('your_openai_api_key_here');
  });

  it.each(['changeme', 'sk-...', 'sk-dummy-key', 'your-secret-key-here', '<your key>', 'xxxxxxxx', 'password'])('fails %j in an env file', async (value) => {
    const check = expectCheck(await run({ envFile: await file('.env', `SECRET_KEY=${value}\n`) }), 'config.no-default-secrets', 'fail');
    expect(check.evidence[0]).toContain('SECRET_KEY');
  });

  it('passes a generated key', async () => {
    const result = await run({ composeFile: TASK06_COMPOSE, env: { OPENAI_API_KEY: realLookingKey() } });
    expectCheck(result, 'config.no-default-secrets', 'pass');
  });
});

describe('config.debug-disabled', () => {
  it('fails the real env.example (LOG_LEVEL=DEBUG, ENVIRONMENT=development) in production', async () => {
    const check = expectCheck(await run({ envFile: TASK06_ENV }), 'config.debug-disabled', 'fail');
    expect(check.evidence).toEqual(expect.arrayContaining([expect.stringContaining('LOG_LEVEL=debug'), expect.stringContaining('ENVIRONMENT=development')]));
  });

  it('tolerates it in the staging profile', async () => {
    expectCheck(await run({ envFile: TASK06_ENV, profile: 'staging' }), 'config.debug-disabled', 'pass');
  });

  it('fails a dev server command (--reload) in production', async () => {
    const compose = (await readFile(TASK06_COMPOSE, 'utf8')).replace('    build: ./rag-server\n', '    build: ./rag-server\n    command: uvicorn app.main:app --host 0.0.0.0 --port 8000 --reload\n');
    const check = expectCheck(await run({ composeFile: await file('compose.yml', compose) }), 'config.debug-disabled', 'fail');
    expect(check.evidence).toContain('service rag-server: command runs with --reload');
  });

  it('warns when no log level is set at all (the Task-06 compose), passes LOG_LEVEL=info', async () => {
    expectCheck(await run({ composeFile: TASK06_COMPOSE }), 'config.debug-disabled', 'warn');
    const copy = join(dir, 'copy.yml');
    await copyFile(TASK06_COMPOSE, copy);
    const compose = (await readFile(copy, 'utf8')).replace('      - PORT=8000\n', '      - PORT=8000\n      - LOG_LEVEL=info\n');
    expectCheck(await run({ composeFile: await file('compose.yml', compose) }), 'config.debug-disabled', 'pass');
  });
});
