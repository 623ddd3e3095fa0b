import { randomBytes } from 'node:crypto';
import { loadConfig, withServiceUrls } from '@rag-validate/config';
import { createServiceClients } from '@rag-validate/clients';
import { inject } from 'vitest';
import { describeSuite } from '../testing/describe-suite.js';
import { rowIdsOnlyIn } from './bad-input-matrix.js';
import { completeWorkflow } from './complete-workflow.js';
import { errorScenarios } from './error-scenarios.js';

/**
 * The complete workflow and the HEAD-only bad-input rows again, speaking the HEAD contract (`/api/v1/search/{vector,bm25,hybrid}`,
 * `/api/v1/indexing/{vector,bm25}/index`). Only against the embedded stack, which serves both.
 */
const target = inject('e2eTarget');
if (target.embedded) {
  const headContext = async () => {
    const base = withServiceUrls(await loadConfig(), target.urls);
    const config = { ...base, target: { ...base.target, contract: 'codev-head' as const } };
    const clients = createServiceClients(config);
    return { config, clients, contract: 'codev-head' as const, runId: randomBytes(4).toString('hex') };
  };
  describeSuite({ ...completeWorkflow, title: `${completeWorkflow.title} — HEAD contract` }, headContext);
  // The bad-input rows that exist only in the HEAD contract (the Task-06 run leaves them out).
  const headOnly = rowIdsOnlyIn('codev-head');
  describeSuite({ ...errorScenarios, title: `${errorScenarios.title} — HEAD-only rows`, cases: errorScenarios.cases.filter((c) => headOnly.has(c.id)) }, headContext);
}
