import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SERVICE_NAMES } from '@rag-validate/config';
import { describe, expect, it } from 'vitest';
import { reserveFreePort } from '../stack/free-port.js';
import { probeService } from '../stack/wait-healthy.js';
import { PANDAS_LOADER } from '../testing/fixtures.js';
import { httpCall } from '../testing/http-call.js';
import { eventually } from '../testing/process-state.js';

const PACKAGE_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const REPO_ROOT = join(PACKAGE_ROOT, '..', '..');
const COMPOSE_FILE = join(REPO_ROOT, 'deployment', 'reference-stack.compose.yml');
const IMAGE = 'rag-validate/reference-stack:test';

function run(command: string, args: string[], env: Record<string, string> = {}, timeoutMs = 600_000) {
  const result = spawnSync(command, args, { cwd: REPO_ROOT, env: { ...process.env, ...env }, encoding: 'utf8', timeout: timeoutMs });
  return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '', error: result.error };
}

const engine = run('docker', ['info', '--format', '{{.ServerVersion}}'], {}, 20_000);
const compose = run('docker-compose', ['version', '--short'], {}, 20_000);
const SKIP_REASON = engine.status !== 0 ? 'no Docker engine answers (docker info failed)' : compose.status !== 0 ? 'docker-compose (v1) is not installed' : undefined;

describe('reference stack in Docker containers', { timeout: 900_000 }, () => {
  it.skipIf(SKIP_REASON !== undefined)(`builds the image from scratch and runs all four services healthy with compose${SKIP_REASON ? ` (skipped: ${SKIP_REASON})` : ''}`, async () => {
    const build = run(join(PACKAGE_ROOT, 'docker', 'build-images.sh'), [IMAGE], { REFSTACK_SKIP_BUILD: '1' });
    expect(build.status, build.stderr).toBe(0);
    expect(build.stdout.trim()).toBe(IMAGE);

    const ports = { RAG_PORT: 0, EMBEDDING_PORT: 0, LLM_PORT: 0, VECTOR_DB_PORT: 0 };
    for (const key of Object.keys(ports) as Array<keyof typeof ports>) ports[key] = await reserveFreePort('127.0.0.1');
    const env = { REFSTACK_IMAGE: IMAGE, LLM_TTFT_MS: '0', LLM_TOKENS_PER_SECOND: '0', ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])) };
    const project = `rvrefstack${process.pid}`;
    const composeArgs = ['-p', project, '-f', COMPOSE_FILE];
    try {
      const up = run('docker-compose', [...composeArgs, 'up', '-d'], env);
      expect(up.status, up.stderr).toBe(0);
      const ids = run('docker-compose', [...composeArgs, 'ps', '-q'], env).stdout.trim().split('\n').filter((l) => l.length > 0);
      expect(ids).toHaveLength(4);
      const healthOf = () => ids.map((id) => run('docker', ['inspect', '--format', '{{.State.Health.Status}}', id]).stdout.trim());
      const allHealthy = await eventually(() => healthOf().every((s) => s === 'healthy'), 180_000);
      expect(allHealthy, `container health: ${healthOf().join(', ')}`).toBe(true);
      for (const id of ids) expect(run('docker', ['inspect', '--format', '{{.HostConfig.Init}}', id]).stdout.trim()).toBe('true');

      const urls = { rag: `http://127.0.0.1:${ports.RAG_PORT}`, embedding: `http://127.0.0.1:${ports.EMBEDDING_PORT}`, llm: `http://127.0.0.1:${ports.LLM_PORT}`, vectorDb: `http://127.0.0.1:${ports.VECTOR_DB_PORT}` };
      for (const name of SERVICE_NAMES) expect((await probeService(name, urls[name], 5000)).ok, name).toBe(true);
      // The rag-server reaches the others by their compose service names.
      expect((await httpCall(urls.rag, 'GET', '/readyz')).status).toBe(200);
      const indexed = await httpCall(urls.rag, 'POST', '/api/v1/indexing/file', { json: { file_path: 'sales.py', content: PANDAS_LOADER } });
      expect(indexed.status, indexed.text).toBe(200);
      const found = (await httpCall(urls.rag, 'POST', '/api/v1/search/', { json: { query: 'pandas DataFrame', limit: 2 } })).json as { results: Array<{ file_path: string }> };
      expect(found.results[0]?.file_path).toBe('sales.py');
      const volumes = run('docker', ['volume', 'ls', '--format', '{{.Name}}']).stdout;
      expect(volumes).toContain(`${project}_vector-db-data`);
    } finally {
      run('docker-compose', [...composeArgs, 'down', '-v', '--remove-orphans', '-t', '5'], env);
    }
    expect(run('docker-compose', [...composeArgs, 'ps', '-q'], env).stdout.trim()).toBe('');
  });
});
