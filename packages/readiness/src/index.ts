export { runReadiness, selectChecks } from './run-readiness.js';
export type { RunReadinessOptions } from './run-readiness.js';

export { READINESS_CHECKS, findCheck, checksIn } from './checks/registry.js';
export { CATEGORIES, SEVERITIES, SEVERITY_WEIGHTS, CHECK_STATUSES, PROFILES } from './model/check-types.js';
export type { Category, Severity, CheckStatus, CheckOutcome, CheckContext, Profile, ReadinessCheck } from './model/check-types.js';
export { VERDICTS } from './model/readiness-result.js';
export type { ReadinessResult, CheckResult, CategorySummary, StatusCounts, Verdict } from './model/readiness-result.js';
export type {
  Evidence,
  EvidenceMap,
  Gathered,
  GatherFailure,
  HttpObservation,
  HttpProbe,
  ProbeName,
  TargetFacts,
  AuditSummary,
  ProbeExchange,
} from './model/evidence.js';

export { scoreOf, verdictOf } from './scoring/score.js';
export { renderMarkdown, STATUS_LABELS } from './report/render-markdown.js';
export { renderJunit } from './report/render-junit.js';
export { writeReadinessResults, READINESS_FILES } from './report/write-readiness-results.js';
export type { WrittenReadinessFiles } from './report/write-readiness-results.js';

export { loadComposeFile, parseCompose } from './compose/compose-file.js';
export type { ComposeModel, ComposeService } from './compose/compose-model.js';
export { loadEnvFile, parseEnvText } from './compose/env-file.js';
export type { EnvFileModel } from './compose/env-file.js';
export { parseExposition } from './prometheus/exposition-parser.js';
export type { ParsedExposition, MetricFamily, Sample } from './prometheus/exposition-parser.js';
export { validateOpenApi } from './openapi/validate-openapi.js';

export { InputFileError, ComposeFileError, EnvFileError, ReadinessOptionsError, ResultsWriteError, READINESS_ERROR_CODES } from './errors.js';
export type { ReadinessErrorCode } from './errors.js';
