import { inject } from 'vitest';
import { describeSuite } from '../testing/describe-suite.js';
import { rowIdsOnlyIn } from './bad-input-matrix.js';
import { errorScenarios } from './error-scenarios.js';

// The embedded stack answers the Task-06 contract here; its HEAD-only rows run in
// head-contract.e2e.ts instead of showing up as skipped. An external target keeps every row
// (one outside its contract is skipped with the reason).
const headOnly = inject('e2eTarget').embedded ? rowIdsOnlyIn('codev-head') : new Set<string>();
describeSuite({ ...errorScenarios, cases: errorScenarios.cases.filter((c) => !headOnly.has(c.id)) });
