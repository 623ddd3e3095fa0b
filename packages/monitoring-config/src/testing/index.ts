export { findExecutable, missingToolReason, runTool } from './executables.js';
export type { ToolRun } from './executables.js';
export { startPrometheus, startBlackboxExporter } from './prometheus-server.js';
export type { StartPrometheusOptions, StartBlackboxExporterOptions, StartedPrometheus, StartedDaemon } from './prometheus-server.js';
