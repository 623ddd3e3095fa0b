export { createProgram, runProgram } from './program.js';
export { CliContext } from './cli-context.js';
export type { GlobalOptions } from './cli-context.js';
export { Output } from './output.js';
export type { OutputOptions } from './output.js';
export { EXIT } from './exit-codes.js';
export type { ExitCode } from './exit-codes.js';
export { UsageError, CLI_ERROR_CODES } from './usage-error.js';
export { runAction } from './run-action.js';
