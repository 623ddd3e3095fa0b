import { isRagValidateError } from '@rag-validate/config';
import type { CliContext } from './cli-context.js';
import { EXIT, type ExitCode } from './exit-codes.js';

const USAGE_CODES: ReadonlySet<string> = new Set([
  'RV_ERR_CONFIG_FILE',
  'RV_ERR_CONFIG_PARSE',
  'RV_ERR_CONFIG_INVALID',
  'RV_ERR_INVALID_ARGUMENT',
  'RV_ERR_USAGE',
  'RV_ERR_MONITORING_OPTIONS',
  'RV_ERR_MONITORING_SLO_THRESHOLD',
  'RV_ERR_READINESS_INPUT_FILE',
  'RV_ERR_READINESS_COMPOSE',
  'RV_ERR_READINESS_ENV_FILE',
  'RV_ERR_READINESS_OPTIONS',
  'RV_ERR_PERF_OPTION',
  'RV_ERR_PERF_UNKNOWN_SCENARIO',
  'RV_ERR_PERF_RESULT_INVALID',
  'RV_ERR_REPORT_RESULTS_DIR',
  'RV_ERR_REPORT_NO_RESULTS',
]);

/**
 * Runs a command body and turns its outcome into an exit code: the body's own code, 2 for usage
 * and config errors, 1 for any other expected failure. Expected failures print one clear message
 * and no stack trace; an unexpected error prints its stack only with --verbose.
 */
export async function runAction(ctx: CliContext, body: () => Promise<ExitCode>): Promise<void> {
  let code: ExitCode;
  try {
    code = await body();
  } catch (error) {
    code = reportError(ctx, error);
  }
  process.exitCode = Math.max(Number(process.exitCode ?? 0), code);
}

function reportError(ctx: CliContext, error: unknown): ExitCode {
  if (isRagValidateError(error)) {
    const usage = USAGE_CODES.has(error.code);
    ctx.output.error(`error ${error.code}: ${error.message}`);
    ctx.output.result({ ok: false, error: { code: error.code, message: error.message } });
    return usage ? EXIT.USAGE : EXIT.FAILED;
  }
  const message = error instanceof Error ? error.message : String(error);
  ctx.output.error(`internal error: ${message}`);
  if (ctx.globals.verbose && error instanceof Error && error.stack) ctx.output.error(error.stack);
  else ctx.output.error('(run again with --verbose for the stack trace, and report it as a bug)');
  ctx.output.result({ ok: false, error: { code: 'RV_ERR_INTERNAL', message } });
  return EXIT.FAILED;
}
