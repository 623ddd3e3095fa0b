import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES_DIR } from '../testing/fixture-paths.js';
import { loadComposeFile, parseCompose } from './compose-file.js';
import { interpolate, literalText } from './interpolate.js';

describe('interpolate', () => {
  const env = { SET: 'value', EMPTY: '' };

  it.each([
    ['${SET}', 'value', false],
    ['$SET', 'value', false],
    ['${MISSING}', '', true],
    ['${MISSING:-fallback}', 'fallback', false],
    ['${EMPTY:-fallback}', 'fallback', false],
    ['${EMPTY-fallback}', '', false],
    ['${MISSING-fallback}', 'fallback', false],
    ['${MISSING:?must be set}', '', true],
    ['$$SET', '$SET', false],
    ['pre-${SET}-post', 'pre-value-post', false],
  ])('%s → %j', (text, value, unset) => {
    const result = interpolate(text, env);
    expect(result.value).toBe(value);
    expect(result.references.some((r) => r.unset)).toBe(unset);
  });

  it('tells literal text apart from references (defaults are literal)', () => {
    expect(literalText('${OPENAI_API_KEY}')).toBe('');
    expect(literalText('${SECRET:-changeme}')).toBe('changeme');
    expect(literalText('${A:-}')).toBe('');
    expect(literalText('sk-inline')).toBe('sk-inline');
    expect(literalText('postgres://u:${PW}@db/x')).toBe('postgres://u:@db/x');
  });
});

describe('parseCompose', () => {
  it('normalises every form compose accepts', async () => {
    const model = await parseCompose(
      `
services:
  rag-server:
    image: \${RAG_IMAGE:-local/rag-validate-rag-server:0.1.0}
    environment:
      LOG_LEVEL: info
      PORT: 8000
      PASSTHROUGH:
    env_file: [rag.env]
    healthcheck:
      test: wget -q -O /dev/null http://127.0.0.1:8000/readyz
    deploy:
      resources: { limits: { cpus: "1.5", memory: 1g } }
      restart_policy: { condition: on-failure }
    depends_on: [vector-db]
  vector-db:
    image: qdrant/qdrant:v1.7.0
    mem_limit: 2g
    cpus: 2
    restart: always
    environment: ["QDRANT__SERVICE__API_KEY=\${QDRANT_KEY}"]
    healthcheck: { test: [NONE] }
    volumes:
      - data:/qdrant/storage
      - ./config.yaml:/qdrant/config/production.yaml:ro
      - /anonymous
      - { type: bind, source: /srv/x, target: /x }
      - { type: tmpfs, target: /tmp }
    networks: { backend: { aliases: [qdrant] } }
    depends_on: { other: { condition: service_healthy } }
volumes: { data: {} }
`,
      'compose.yml',
      { variables: {} },
      (path) => (path === 'rag.env' ? Promise.resolve('FROM_FILE=yes\nLOG_LEVEL=debug\n') : Promise.reject(new Error('no'))),
    );
    const [rag, qdrant] = model.services;
    expect(rag).toMatchObject({
      name: 'rag-server',
      role: 'rag',
      image: 'local/rag-validate-rag-server:0.1.0',
      restart: 'on-failure',
      memoryLimit: '1g',
      cpuLimit: '1.5',
      healthcheck: { command: 'wget -q -O /dev/null http://127.0.0.1:8000/readyz', disabled: false },
      dependsOn: [{ service: 'vector-db', condition: undefined }],
    });
    // `environment` wins over env_file; a bare name has no value.
    expect(Object.fromEntries(rag!.environment.map((v) => [v.name, [v.value, v.from]]))).toEqual({
      FROM_FILE: ['yes', 'rag.env'],
      LOG_LEVEL: ['info', 'environment'],
      PORT: ['8000', 'environment'],
      PASSTHROUGH: [undefined, 'environment'],
    });
    expect(qdrant).toMatchObject({ role: 'vectorDb', memoryLimit: '2g', cpuLimit: '2', restart: 'always', healthcheck: { disabled: true }, aliases: ['qdrant'] });
    expect(qdrant!.volumes.map((v) => v.type)).toEqual(['volume', 'bind', 'anonymous', 'bind', 'tmpfs']);
    expect(qdrant!.environment[0]).toMatchObject({ name: 'QDRANT__SERVICE__API_KEY', value: '', raw: '${QDRANT_KEY}' });
    expect(model.unsetVariables).toEqual([{ name: 'QDRANT_KEY', path: 'services.vector-db.environment.QDRANT__SERVICE__API_KEY' }]);
    expect(model.namedVolumes).toEqual(['data']);
  });

  it('reads the Task-06 fixture: four services with their roles', async () => {
    const model = await loadComposeFile(join(FIXTURES_DIR, 'task06', 'docker-compose.yml'), { variables: {} });
    expect(model.services.map((s) => [s.name, s.role])).toEqual([
      ['vector-db', 'vectorDb'],
      ['embedding-server', 'embedding'],
      ['llm-server', 'llm'],
      ['rag-server', 'rag'],
    ]);
    expect(model.unsetVariables.map((u) => u.name)).toEqual(['OPENAI_API_KEY']);
  });

  it('rejects what is not a compose file with a stable code', async () => {
    await expect(parseCompose('services: [a, b]', 'x.yml')).rejects.toMatchObject({ code: 'RV_ERR_READINESS_COMPOSE' });
    await expect(parseCompose('services:\n  a: 1\n', 'x.yml')).rejects.toMatchObject({ code: 'RV_ERR_READINESS_COMPOSE', message: expect.stringContaining('"a" is not a mapping') });
    await expect(parseCompose('services:\n  a:\n  a:\n', 'x.yml')).rejects.toMatchObject({ code: 'RV_ERR_READINESS_COMPOSE', message: expect.stringContaining('line') });
  });

  it('reports an unreadable env_file instead of failing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rv-readiness-compose-'));
    try {
      await writeFile(join(dir, 'compose.yml'), 'services:\n  llm-server:\n    image: x:1\n    env_file: missing.env\n');
      const model = await loadComposeFile(join(dir, 'compose.yml'));
      expect(model.envFileProblems).toEqual(['service llm-server: env_file missing.env cannot be read']);
      await expect(loadComposeFile(join(dir, 'nope.yml'))).rejects.toMatchObject({ code: 'RV_ERR_READINESS_INPUT_FILE' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
