import { resolveConfig } from '@rag-validate/config';
import { createServiceClients } from '@rag-validate/clients';
import { describe, expect, it } from 'vitest';
import { runSuite } from './run-suite.js';
import { defineSuite, type E2eContext } from './suite-definition.js';

const config = resolveConfig({}, { env: {} });
const ctx: E2eContext = { config, clients: createServiceClients(config), contract: 'codev-task06', runId: 'test' };

describe('runSuite', () => {
  it('records pass, fail (with evidence), finding and skip, and skips cases whose needs failed', async () => {
    const suite = defineSuite<{ value?: number }>({
      name: 'complete-workflow',
      title: 'framework test',
      createState: () => ({}),
      cases: [
        { id: 'ok', title: 'passes', run: async (_c, t, state) => { state.value = 42; t.evidence('value', 42); } },
        { id: 'bad', title: 'fails', run: async (_c, t) => t.check(false, 'expected 3 hits, got 0', { hits: 0 }) },
        { id: 'known', title: 'finding', run: async (_c, t) => t.finding('health ignores dependencies') },
        { id: 'na', title: 'skip', run: async (_c, t) => t.skip('not in this contract') },
        { id: 'after-bad', title: 'needs bad', needs: ['bad'], run: async () => undefined },
        { id: 'after-ok', title: 'needs ok', needs: ['ok', 'known'], run: async (_c, t, state) => t.check(state.value === 42, 'state not shared') },
        { id: 'throws', title: 'unexpected', run: async () => { throw new TypeError('x is undefined'); } },
      ],
    });
    const result = await runSuite(suite, ctx);
    expect(result.cases.map((c) => [c.id, c.status])).toEqual([
      ['complete-workflow/ok', 'pass'],
      ['complete-workflow/bad', 'fail'],
      ['complete-workflow/known', 'finding'],
      ['complete-workflow/na', 'skip'],
      ['complete-workflow/after-bad', 'skip'],
      ['complete-workflow/after-ok', 'pass'],
      ['complete-workflow/throws', 'fail'],
    ]);
    expect(result.cases[1]).toMatchObject({ message: 'expected 3 hits, got 0', evidence: { hits: 0 } });
    expect(result.cases[4]?.message).toBe('skipped: needs bad to pass first');
    expect(result.cases[6]?.message).toBe('unexpected error: x is undefined');
    expect(result.counts).toEqual({ pass: 2, fail: 2, finding: 1, skip: 2 });
    expect(result.status).toBe('fail');
  });

  it('a suite with findings only passes', async () => {
    const suite = defineSuite<Record<string, never>>({
      name: 'service-integration',
      title: 't',
      createState: () => ({}),
      cases: [{ id: 'f', title: 'f', run: async (_c, t) => t.finding('x') }],
    });
    expect((await runSuite(suite, ctx)).status).toBe('pass');
  });
});
