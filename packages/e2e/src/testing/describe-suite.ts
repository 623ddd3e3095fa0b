import { randomBytes } from 'node:crypto';
import { loadConfig, withServiceUrls } from '@rag-validate/config';
import { createServiceClients } from '@rag-validate/clients';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { CaseResult } from '../framework/result-types.js';
import { runCase, unmetNeeds } from '../framework/run-suite.js';
import type { E2eContext, SuiteDefinition } from '../framework/suite-definition.js';

/** The e2e context for the target the global setup provided. */
export async function injectedContext(): Promise<E2eContext> {
  const target = inject('e2eTarget');
  const config = withServiceUrls(await loadConfig(), target.urls);
  const clients = createServiceClients(config);
  return { config, clients, contract: await clients.rag.contract(), runId: randomBytes(4).toString('hex') };
}

/**
 * Turns a suite (the same definition the CLI runs) into vitest tests: one `it` per case, in order,
 * sharing the suite's state; a failed case fails its test with the case's message, a finding is
 * annotated, a skip is skipped.
 */
export function describeSuite<State>(suite: SuiteDefinition<State>, makeContext: () => Promise<E2eContext> = injectedContext): void {
  describe(suite.title, () => {
    let ctx: E2eContext;
    let state: State;
    const results = new Map<string, CaseResult>();
    beforeAll(async () => {
      ctx = await makeContext();
      state = suite.createState();
    });
    for (const definition of suite.cases) {
      it(definition.title, async (test) => {
        const unmet = unmetNeeds(definition, results);
        if (unmet.length > 0) {
          results.set(definition.id, { id: definition.id, suite: suite.name, title: definition.title, status: 'skip', durationMs: 0, evidence: {} });
          test.skip(`needs ${unmet.join(', ')} to pass first`);
          return;
        }
        const result = await runCase(suite, definition, ctx, state);
        results.set(definition.id, result);
        if (result.status === 'skip') {
          test.skip(result.message ?? 'skipped');
          return;
        }
        if (result.status === 'finding') await test.annotate(`finding: ${result.message ?? ''}`);
        expect(result.status, `${result.message ?? ''}\nevidence: ${JSON.stringify(result.evidence).slice(0, 1_500)}`).not.toBe('fail');
      });
    }
  });
}
