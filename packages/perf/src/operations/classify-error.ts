import { isRagValidateError } from '@rag-validate/config';

/**
 * A short, stable name for why a call failed, used to count errors by kind: `http 503`,
 * `timeout`, `connection ECONNREFUSED`, `schema`, … (never a message with URLs or bodies).
 */
export function classifyError(error: unknown): string {
  if (!isRagValidateError(error)) return 'unexpected';
  const fields = error as unknown as { code: string; statusCode?: unknown; reason?: unknown };
  switch (fields.code) {
    case 'RV_ERR_HTTP_STATUS':
      return `http ${typeof fields.statusCode === 'number' ? fields.statusCode : '?'}`;
    case 'RV_ERR_TIMEOUT':
      return 'timeout';
    case 'RV_ERR_CONNECTION':
      return `connection ${typeof fields.reason === 'string' ? fields.reason : ''}`.trim();
    case 'RV_ERR_SCHEMA':
      return 'schema';
    default:
      return fields.code.replace(/^RV_ERR_/, '').toLowerCase();
  }
}
