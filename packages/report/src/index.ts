// Reading the results directory.
export { loadResults, RESULT_FILES } from './results/load-results.js';
export type { ReportResults, LoadResultsOptions } from './results/load-results.js';
export { AREA_NAMES, AREA_TITLES } from './results/area-file.js';
export type { AreaFile, AreaName } from './results/area-file.js';
export { findMonitoringFiles } from './results/monitoring-files.js';
export type { MonitoringFiles } from './results/monitoring-files.js';

// The result files' shapes (the suites' own result types are assignable to these).
export { runSummarySchema, runPhaseSchema } from './results/run-summary.js';
export type { RunSummary, RunPhase } from './results/run-summary.js';
export { healthResultSchema } from './results/health-result.js';
export type { HealthResult } from './results/health-result.js';
export { e2eResultSchema } from './results/e2e-result.js';
export type { E2eReportInput } from './results/e2e-result.js';
export { chaosResultSchema } from './results/chaos-result.js';
export type { ChaosReportInput, ChaosExperimentInput } from './results/chaos-result.js';
export { readinessResultSchema } from './results/readiness-result.js';
export type { ReadinessReportInput } from './results/readiness-result.js';
export { coverageResultSchema, coverageMetricSchema } from './results/coverage-result.js';
export type { CoverageResult, CoverageMetrics } from './results/coverage-result.js';
export { retrievalQuality, qualityEvidenceSchema, QUALITY_CASE_ID } from './results/retrieval-quality.js';
export type { QualityEvidence, QualityFinding } from './results/retrieval-quality.js';

// Verdicts and rendering.
export { areaVerdicts, isFailing } from './summary/area-verdicts.js';
export type { AreaStatus, AreaVerdict, OverallVerdict } from './summary/area-verdicts.js';
export { renderHtmlReport } from './render/render-html-report.js';
export type { RenderHtmlOptions } from './render/render-html-report.js';
export { renderMarkdownReport } from './render/render-markdown-report.js';
export { renderJUnitReport } from './render/render-junit-report.js';
export { writeReport, reportPaths } from './write-report.js';
export type { WriteReportOptions, WrittenReport } from './write-report.js';

// Errors.
export { ResultsDirError, NoResultsError, ReportWriteError, REPORT_ERROR_CODES } from './errors.js';
export type { ReportError, ReportErrorCode } from './errors.js';
