import { RagValidateError } from '@rag-validate/config';

/** A command-line argument or option is wrong (exit code 2). */
export class UsageError extends RagValidateError {
  readonly code = 'RV_ERR_USAGE' as const;
}

/** Every code the CLI itself throws. Kept honest by usage-error.test.ts. */
export const CLI_ERROR_CODES = {
  RV_ERR_USAGE: 'A command-line argument or option is wrong; nothing was run (exit code 2).',
  RV_ERR_INTERNAL: 'An unexpected error (a bug): reported with its message; --verbose prints the stack (exit code 1).',
} as const;
