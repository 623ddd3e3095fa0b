export { findExecutable, missingToolReason, runTool } from './executables.js';
export type { ToolRun } from './executables.js';
export { startPrometheus } from './prometheus-server.js';
export type { StartPrometheusOptions, StartedPrometheus } from './prometheus-server.js';
