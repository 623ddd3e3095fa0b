import { gathered, missing } from '../model/evidence.js';
import { probeCollection, probeEmbeddingDimension, probeLlmModels } from './dependency-probes.js';
import {
  probeContract,
  probeDocsPage,
  probeDocumentedRoutes,
  probeExposure,
  probeHealth,
  probeMetrics,
  probeOpenApi,
  probeRagReadiness,
  probeVectorDb,
} from './http-probes.js';
import type { ProbeName } from '../model/evidence.js';
import type { ProbeTable } from './probe-context.js';
import { probeAuthEnforcement, probeCors, probeErrorResponses, probeOversizedBody, probePathTraversal, probeRateLimit, probeRequestBounds } from './security-probes.js';
import { probeDependencyAudit, probeMetricsLint, probePrometheusConfig } from './tool-probes.js';

/** Every probe, by the name of the evidence it gathers. */
export const PROBES: ProbeTable = {
  contract: probeContract,
  compose: (ctx) => Promise.resolve(ctx.settings.inputs.compose === undefined ? missing('not-given', 'no compose file was given (--compose)') : gathered(ctx.settings.inputs.compose)),
  envFile: (ctx) => Promise.resolve(ctx.settings.inputs.envFile === undefined ? missing('not-given', 'no env file was given (--env-file)') : gathered(ctx.settings.inputs.envFile)),
  health: probeHealth,
  ragReadiness: probeRagReadiness,
  vectorDbProbes: probeVectorDb,
  embeddingDimension: probeEmbeddingDimension,
  collection: probeCollection,
  llmModels: probeLlmModels,
  metrics: probeMetrics,
  metricsLint: probeMetricsLint,
  prometheusConfig: probePrometheusConfig,
  openapi: probeOpenApi,
  docsPage: probeDocsPage,
  documentedRoutes: probeDocumentedRoutes,
  errorResponses: probeErrorResponses,
  oversizedBody: probeOversizedBody,
  requestBounds: probeRequestBounds,
  pathTraversal: probePathTraversal,
  cors: probeCors,
  authEnforcement: probeAuthEnforcement,
  rateLimit: probeRateLimit,
  exposure: probeExposure,
  dependencyAudit: probeDependencyAudit,
};

/**
 * Probes that load or disturb the target, by phase: they run after every other probe has finished
 * (so a 4 MiB body being embedded cannot make a health or readiness probe time out), one phase
 * after the other; the rate-limit burst comes last.
 */
export const LATER_PHASES: ReadonlyArray<readonly ProbeName[]> = [['oversizedBody', 'requestBounds'], ['rateLimit']];
