import { resolveConfig } from '@rag-validate/config';
import { createServiceClients } from '@rag-validate/clients';
import { sendJson, startTestServer, type TestHandler, type TestServer } from '@rag-validate/clients/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { runSuite } from '../framework/run-suite.js';
import type { E2eContext } from '../framework/suite-definition.js';
import { BAD_INPUT_ROWS } from './bad-input-matrix.js';
import { errorScenarios } from './error-scenarios.js';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function contextFor(handler: TestHandler): Promise<E2eContext> {
  const server = await startTestServer(handler);
  servers.push(server);
  const config = resolveConfig(
    { target: { services: { rag: { url: server.url }, embedding: { url: server.url }, llm: { url: server.url }, vectorDb: { url: server.url } } } },
    { env: {} },
  );
  return { config, clients: createServiceClients(config), contract: 'codev-task06', runId: 't' };
}

describe('error-scenarios suite (the validator itself, against local servers)', () => {
  it('fails every row on a server that crashes with a stack trace, naming the 500', async () => {
    const ctx = await contextFor((_req, res) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('Error: boom\n    at handler (/srv/app/server.js:10:5)');
    });
    const result = await runSuite(errorScenarios, ctx);
    const applicable = BAD_INPUT_ROWS.filter((r) => r.contracts === undefined || r.contracts.includes('codev-task06')).length;
    expect(result.counts.fail).toBe(applicable);
    expect(result.cases.find((c) => c.id === 'error-scenarios/search-missing-query')?.message).toMatch(/^answered 500 \(a server error\)/);
  });

  it('fails a row that accepts bad input with 200', async () => {
    const ctx = await contextFor((_req, res) => sendJson(res, 200, { results: [] }));
    const result = await runSuite(errorScenarios, ctx);
    expect(result.cases.find((c) => c.id === 'error-scenarios/search-huge-limit')?.message).toBe('accepted the bad input with 200 instead of refusing it with a 4xx');
  });

  it('fails a clean-looking 4xx that leaks an internal path', async () => {
    const ctx = await contextFor((_req, res) => sendJson(res, 422, { detail: 'invalid input (see /opt/rag/app/validators.py)' }));
    const result = await runSuite(errorScenarios, ctx);
    expect(result.cases.every((c) => c.status === 'fail' || c.status === 'skip')).toBe(true);
    expect(result.cases[0]?.message).toContain('internal file path');
  });

  it('passes every row on a server that refuses bad input with clean JSON 4xx', async () => {
    const ctx = await contextFor((req, res) => sendJson(res, req.method === 'DELETE' ? 405 : 422, { detail: [{ loc: ['body'], msg: 'invalid request', type: 'value_error' }] }));
    const result = await runSuite(errorScenarios, ctx);
    expect(result.counts.fail).toBe(0);
    expect(result.counts.pass).toBeGreaterThan(20);
  });
});
