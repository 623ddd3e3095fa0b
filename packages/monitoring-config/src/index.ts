// The metric contract the rules and dashboards are built on (defined in @rag-validate/config so the
// reference stack can follow it without importing a suite).
export { METRICS, QDRANT_METRICS, OPERATION_ROUTES, DEPENDENCY_LABELS, LATENCY_BUCKETS_SECONDS, contractMetricNames } from '@rag-validate/config';
export type { MetricDefinition, MetricKey } from '@rag-validate/config';

export { MonitoringOptionsError, SloThresholdError, MonitoringWriteError, MONITORING_ERROR_CODES } from './errors.js';
export type { MonitoringErrorCode } from './errors.js';

export { generateMonitoring, generateMonitoringFiles, RULE_TESTS_FILE } from './generate-monitoring-files.js';
export type { MonitoringConfigInput, MonitoringGeneration } from './generate-monitoring-files.js';
export { writeMonitoringFiles } from './write-monitoring-files.js';
export type { WriteMonitoringFilesOptions, WriteMonitoringFilesResult } from './write-monitoring-files.js';
export type { GeneratedFile, GeneratedFileKind } from './files/generated-file.js';
export { GENERATED_MARKER, isGeneratedContent } from './files/render.js';

export { resolveMonitoringOptions, TEST_PROFILE } from './options.js';
export type { MonitoringOptions, ResolvedMonitoringOptions } from './options.js';

export { sloObjectives, latencyThresholdChoicesSeconds } from './rules/slo-objectives.js';
export type { SloObjective, SloName } from './rules/slo-objectives.js';
export { ALERTS, runbookAnchor, runbookUrl } from './rules/alert-catalog.js';
export type { AlertDefinition, AlertName } from './rules/alert-catalog.js';
export { BURN_RATE_WINDOWS, SLI_WINDOWS, SLO_PERIOD, SLO_RECORDS, sliErrorRecord } from './rules/burn-rate-windows.js';
export type { BurnRateWindow } from './rules/burn-rate-windows.js';
export { alertRuleGroups, applicableWindows } from './rules/alert-rules.js';
export { recordingRuleGroups, recordingRuleNames } from './rules/recording-rules.js';
export { ruleUnitTests } from './rules/rule-unit-tests.js';
export type { RuleTestDocument, RuleTestGroup } from './rules/rule-unit-tests.js';
export type { AlertingRule, RecordingRule, RuleGroup } from './rules/rule-types.js';

export { prometheusConfig, RULE_FILES } from './prometheus/prometheus-config.js';
export type { CredentialFile, PrometheusConfigResult } from './prometheus/prometheus-config.js';
export { buildDashboards, DASHBOARD_TAG } from './dashboards/build-dashboards.js';
export type { GeneratedDashboard } from './dashboards/build-dashboards.js';
export { DATASOURCE_UID } from './dashboards/common.js';
export { datasourceProvisioning, dashboardProvisioning, DATASOURCE_NAME } from './grafana/provisioning.js';
export { promqlMetricNames } from './promql-metric-names.js';
