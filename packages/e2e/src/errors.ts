import { RETRIEVAL_ERROR_CODES } from './retrieval/retrieval-errors.js';

/** Every code the e2e package uses, with what it means. Kept honest by errors.test.ts. */
export const E2E_ERROR_CODES = {
  RV_ERR_CHECK_FAILED: 'An e2e case found the target behaving wrongly; the case fails with the message.',
  RV_ERR_CASE_SKIPPED: 'An e2e case does not apply to this target (e.g. an endpoint the contract version lacks).',
  ...RETRIEVAL_ERROR_CODES,
} as const;
