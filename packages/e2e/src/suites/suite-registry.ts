import type { SuiteName, SuiteResult } from '../framework/result-types.js';
import { runSuite, type SuiteProgress } from '../framework/run-suite.js';
import type { E2eContext } from '../framework/suite-definition.js';
import { completeWorkflow } from './complete-workflow.js';
import { errorScenarios } from './error-scenarios.js';
import { retrievalQuality } from './retrieval-quality.js';
import { serviceIntegration } from './service-integration.js';

/** Every shipped suite by name, each as a function that runs it. */
export const SUITES: Readonly<Record<SuiteName, { readonly title: string; run(ctx: E2eContext, progress?: SuiteProgress): Promise<SuiteResult> }>> = {
  'complete-workflow': { title: completeWorkflow.title, run: (ctx, progress) => runSuite(completeWorkflow, ctx, progress) },
  'service-integration': { title: serviceIntegration.title, run: (ctx, progress) => runSuite(serviceIntegration, ctx, progress) },
  'error-scenarios': { title: errorScenarios.title, run: (ctx, progress) => runSuite(errorScenarios, ctx, progress) },
  'retrieval-quality': { title: retrievalQuality.title, run: (ctx, progress) => runSuite(retrievalQuality, ctx, progress) },
};
