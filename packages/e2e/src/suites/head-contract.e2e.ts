import { randomBytes } from 'node:crypto';
import { loadConfig, withServiceUrls } from '@rag-validate/config';
import { createServiceClients } from '@rag-validate/clients';
import { inject } from 'vitest';
import { describeSuite } from '../testing/describe-suite.js';
import { completeWorkflow } from './complete-workflow.js';

/**
 * The complete workflow again, speaking the HEAD contract (`/api/v1/search/{vector,bm25,hybrid}`,
 * `/api/v1/indexing/{vector,bm25}/index`). Only against the embedded stack, which serves both.
 */
const target = inject('e2eTarget');
if (target.embedded) {
  describeSuite({ ...completeWorkflow, title: `${completeWorkflow.title} — HEAD contract` }, async () => {
    const base = withServiceUrls(await loadConfig(), target.urls);
    const config = { ...base, target: { ...base.target, contract: 'codev-head' as const } };
    const clients = createServiceClients(config);
    return { config, clients, contract: 'codev-head', runId: randomBytes(4).toString('hex') };
  });
}
