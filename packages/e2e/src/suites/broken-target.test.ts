import { randomBytes } from 'node:crypto';
import { resolveConfig, withServiceUrls } from '@rag-validate/config';
import { createServiceClients } from '@rag-validate/clients';
import { startReferenceStack, type StartedReferenceStack } from '@rag-validate/reference-stack';
import { afterEach, describe, expect, it } from 'vitest';
import { runSuite } from '../framework/run-suite.js';
import type { E2eContext } from '../framework/suite-definition.js';
import { completeWorkflow } from './complete-workflow.js';
import { serviceIntegration } from './service-integration.js';

let stack: StartedReferenceStack | undefined;
afterEach(async () => {
  await stack?.stop();
  stack = undefined;
});

async function contextFor(started: StartedReferenceStack): Promise<E2eContext> {
  const config = withServiceUrls(resolveConfig({ target: { generateTimeoutMs: 20_000 } }, { env: {} }), started.urls);
  const clients = createServiceClients(config);
  return { config, clients, contract: await clients.rag.contract(), runId: randomBytes(4).toString('hex') };
}

describe('the e2e suites fail, saying what is wrong, on a broken target', () => {
  it('a rag-server that drops indexed chunks fails the workflow at search', async () => {
    stack = await startReferenceStack({ mode: 'in-process', defects: ['drop-indexed-chunks'], llm: { ttftMs: 0, tokensPerSecond: 0 }, logLevel: 'silent' });
    const result = await runSuite(completeWorkflow, await contextFor(stack));
    const search = result.cases.find((c) => c.id === 'complete-workflow/search-finds-indexed-file');
    expect(result.status).toBe('fail');
    expect(search?.status).toBe('fail');
    expect(search?.message).toMatch(/returned no hits right after indexing|is not among the \d+ hits/);
  });

  it('a stopped llm-server fails generation with the 503 the rag-server gives', async () => {
    stack = await startReferenceStack({ mode: 'in-process', llm: { ttftMs: 0, tokensPerSecond: 0 }, logLevel: 'silent' });
    const ctx = await contextFor(stack);
    await stack.services.llm.stop();
    const result = await runSuite(completeWorkflow, ctx);
    expect(result.cases.find((c) => c.id === 'complete-workflow/all-services-healthy')).toMatchObject({ status: 'fail', message: expect.stringContaining('llm-server') });
    // Generation is still attempted directly to show what a user would see.
    const generate = await runSuite({ ...completeWorkflow, cases: completeWorkflow.cases.filter((c) => c.id === 'generate-csv-reader').map((c) => ({ ...c, needs: [] })) }, ctx);
    expect(generate.cases[0]?.status).toBe('fail');
    expect(generate.cases[0]?.message).toMatch(/RV_ERR_HTTP_STATUS: .*answered 503.*llm/i);
  });

  it('a vector size that differs from what the embedder makes fails the dimension case', async () => {
    stack = await startReferenceStack({ mode: 'in-process', llm: { ttftMs: 0, tokensPerSecond: 0 }, logLevel: 'silent' });
    const ctx = await contextFor(stack);
    const result = await runSuite({ ...serviceIntegration, cases: serviceIntegration.cases.filter((c) => c.id === 'embedding-dimension-matches-collection') }, {
      ...ctx,
      config: { ...ctx.config, target: { ...ctx.config.target, collection: { ...ctx.config.target.collection, vectorSize: 768 } } },
    });
    expect(result.cases[0]).toMatchObject({ status: 'fail', message: 'the embedding server returns 384 dimensions, the config says 768' });
  });
});
