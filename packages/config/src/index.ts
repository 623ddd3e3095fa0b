export { RagValidateError, isRagValidateError, ConfigFileError, ConfigParseError, ConfigValidationError, CONFIG_ERROR_CODES } from './errors.js';
export type { ConfigProblem, ConfigErrorCode } from './errors.js';

export { loadConfig, resolveConfig, DEFAULT_CONFIG_FILE } from './load-config.js';
export type { RagValidateConfig, ConfigSource, LoadConfigOptions } from './load-config.js';
export { defaultConfig } from './default-config.js';

export { ENV_OVERRIDES, CONFIG_FILE_ENV } from './env-overrides.js';
export type { EnvOverride } from './env-overrides.js';

export { collectSecrets, createRedactor, redactConfig, REDACTED } from './redact.js';
export { serviceUrls, withServiceUrls } from './service-urls.js';
export type { ServiceUrls } from './service-urls.js';

export { configSchema } from './schema/root.js';
export type { RagValidateConfigInput, ParsedConfig } from './schema/root.js';
export { SERVICE_NAMES, SERVICE_DISPLAY_NAMES, DEFAULT_PORTS, isServiceName } from './schema/service-names.js';
export type { ServiceName } from './schema/service-names.js';
export { CONTRACT_VERSIONS, TARGET_MODES } from './schema/target.js';
export type { ContractSetting, ContractVersion, ServiceAuth, ServiceTarget, TargetConfig } from './schema/target.js';
export { OPERATION_NAMES } from './schema/slos.js';
export type { LatencyObjective, OperationName, OperationSlo, RecoveryObjectives, Slos } from './schema/slos.js';
export type { ChaosConfig } from './schema/chaos.js';
export type { QualityConfig } from './schema/quality.js';
export type { PerfConfig } from './schema/perf.js';

export { METRICS, QDRANT_METRICS, OPERATION_ROUTES, DEPENDENCY_LABELS, LATENCY_BUCKETS_SECONDS, contractMetricNames } from './metric-contract.js';
export type { MetricDefinition, MetricKey } from './metric-contract.js';

export { INDEXABLE_LANGUAGES, LANGUAGE_BY_EXTENSION, languageOfPath } from './contract-languages.js';
export type { IndexableLanguage } from './contract-languages.js';
export { foldSettingPath, settingLeafPaths } from './setting-paths.js';
