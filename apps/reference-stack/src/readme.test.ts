import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFECT_NAMES } from './defects.js';
import { createEmbeddingServer } from './embedding/embedding-server.js';
import { REFERENCE_STACK_ERROR_CODES } from './errors.js';
import type { ServiceApp } from './http/service-app.js';
import { createLlmServer } from './llm/llm-server.js';
import { createRagServer } from './rag/rag-server.js';
import { DefectSet } from './defects.js';
import { REFERENCE_STACK_OPTION_KEYS } from './start-reference-stack.js';
import { SERVICE_ENV } from './stack/service-settings.js';
import { createVectorDbServer } from './vector-db/vector-db-server.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'refstack-readme-'));
const common = { logLevel: 'silent' as const, defects: new DefectSet() };
const services: Record<string, ServiceApp> = {
  'rag-server': createRagServer({ ...common, dataDir: join(dir, 'rag'), rootDir: dir, embeddingUrl: 'http://127.0.0.1:9', llmUrl: 'http://127.0.0.1:9', vectorDbUrl: 'http://127.0.0.1:9' }),
  'embedding-server': createEmbeddingServer(common),
  'llm-server': createLlmServer(common),
  'vector-db': createVectorDbServer({ ...common, dataDir: join(dir, 'vdb') }).service,
};
afterAll(async () => {
  for (const service of Object.values(services)) await service.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The README and the OpenAPI documents cannot drift from the code. */
describe('documentation kept honest', () => {
  it.each(Object.entries(services))('README lists every route of the %s', (_, service) => {
    const missing = service.routes().filter((r) => !r.hidden && !readme.includes(`\`${r.method} ${r.template}\``));
    expect(missing.map((r) => `${r.method} ${r.template}`)).toEqual([]);
  });

  it.each(Object.entries(services).filter(([name]) => name !== 'vector-db'))('/openapi.json of the %s lists every route with responses', async (_, service) => {
    const res = await service.app.inject({ method: 'GET', url: '/openapi.json' });
    const doc = res.json() as { openapi: string; paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
    expect(doc.openapi).toMatch(/^3\.1\./);
    for (const route of service.routes().filter((r) => !r.hidden)) {
      const operation = doc.paths[route.template]?.[route.method.toLowerCase()];
      expect(operation, `${route.method} ${route.template}`).toBeDefined();
      expect(Object.keys(operation?.responses ?? {}).length).toBeGreaterThan(0);
    }
  });

  it('README documents every option with its default, every defect, error code and environment variable', () => {
    for (const key of REFERENCE_STACK_OPTION_KEYS) expect(readme, key).toMatch(new RegExp(`^\\| \`${key}(\\.\\w+)?\` \\|.*\\|.*\\|$`, 'm'));
    expect(readme).toContain('| option | meaning | Default: |');
    for (const name of DEFECT_NAMES) expect(readme, name).toContain(`| \`${name}\` |`);
    for (const code of Object.keys(REFERENCE_STACK_ERROR_CODES)) expect(readme, code).toContain(`| \`${code}\` |`);
    for (const variable of Object.values(SERVICE_ENV)) expect(readme, variable).toContain(`\`${variable}\``);
  });
});
