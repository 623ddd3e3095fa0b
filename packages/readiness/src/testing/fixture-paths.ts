import { fileURLToPath } from 'node:url';

/** packages/readiness/fixtures: compose and env files shaped like the real Task-06 system's. */
export const FIXTURES_DIR = fileURLToPath(new URL('../../fixtures/', import.meta.url));
/** deployment/ at the repository root: the shipped compose files. */
export const DEPLOYMENT_DIR = fileURLToPath(new URL('../../../../deployment/', import.meta.url));
