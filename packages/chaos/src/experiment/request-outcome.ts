import { isRagValidateError } from '@rag-validate/config';

/** The calls the background load makes. */
export const LOAD_OPERATIONS = ['search', 'generate', 'index'] as const;
export type LoadOperation = (typeof LOAD_OPERATIONS)[number];

/**
 * How one request ended, from the user's side:
 * - `ok`: a 2xx with a good answer;
 * - `clean-error`: a 4xx/5xx with a JSON body, within the bound;
 * - `slow-error`: like a clean error, but after the bound;
 * - `unclean-error`: an error status without a JSON body (e.g. a plain-text 500);
 * - `hang`: no answer before the client gave up (bound + grace);
 * - `connection-error`: refused or reset (expected only when the called service itself is down);
 * - `degraded`: a 2xx whose answer is empty or unlike the pre-fault answer (silent degradation);
 * - `invalid-response`: a 2xx whose body breaks the contract.
 */
export const OUTCOME_CLASSES = ['ok', 'clean-error', 'slow-error', 'unclean-error', 'hang', 'connection-error', 'degraded', 'invalid-response'] as const;
export type OutcomeClass = (typeof OUTCOME_CLASSES)[number];

/** One request of the background load or of a probe. JSON-serialisable. */
export interface RequestRecord {
  readonly operation: LoadOperation;
  /** Epoch ms when the request was sent. */
  readonly startedAt: number;
  readonly durationMs: number;
  readonly outcome: OutcomeClass;
  readonly status?: number;
  readonly errorCode?: string;
  /** A short reason for anything but `ok`. */
  readonly detail?: string;
  /** For `index`: the write the server acknowledged (2xx), checked for durability afterwards. */
  readonly acknowledged?: { readonly filePath: string; readonly chunks: number };
}

/** What a successful call returned, reduced to what the comparison needs. */
export type SuccessfulCall =
  | { readonly operation: 'search'; readonly hitIds: readonly string[] }
  | { readonly operation: 'generate'; readonly contexts: number; readonly codeLength: number }
  | { readonly operation: 'index'; readonly filePath: string; readonly chunks: number };

/** The pre-fault answer to the same call (for search and generate). */
export type BaselineAnswer = { readonly operation: 'search'; readonly hitIds: readonly string[] } | { readonly operation: 'generate'; readonly contexts: number };

export interface ClassifyOptions {
  /** A clean error must arrive within this. */
  readonly cleanErrorWithinMs: number;
  readonly baseline?: BaselineAnswer | undefined;
  /** `strict`: a search answer sharing no hit with the pre-fault answer is degraded; `non-empty`: only an empty one is. Default: `strict`. */
  readonly compare?: 'strict' | 'non-empty';
}

/** Classifies a call that returned. Pure. */
export function classifySuccess(call: SuccessfulCall, options: ClassifyOptions): Pick<RequestRecord, 'outcome' | 'detail' | 'acknowledged'> {
  const { baseline, compare = 'strict' } = options;
  if (call.operation === 'index') return { outcome: 'ok', acknowledged: { filePath: call.filePath, chunks: call.chunks } };
  if (call.operation === 'search' && baseline?.operation === 'search' && baseline.hitIds.length > 0) {
    if (call.hitIds.length === 0) return { outcome: 'degraded', detail: `200 with no results (${baseline.hitIds.length} before the fault)` };
    if (compare === 'strict' && !call.hitIds.some((id) => baseline.hitIds.includes(id))) {
      return { outcome: 'degraded', detail: '200 with results sharing nothing with the pre-fault answer' };
    }
  }
  if (call.operation === 'generate') {
    if (baseline?.operation === 'generate' && baseline.contexts > 0 && call.contexts === 0) {
      return { outcome: 'degraded', detail: `200 generated from no context (${baseline.contexts} contexts before the fault)` };
    }
    if (call.codeLength === 0) return { outcome: 'degraded', detail: '200 with empty generated code' };
  }
  return { outcome: 'ok' };
}

/** Classifies a call that threw (a typed client error). Pure. */
export function classifyFailure(error: unknown, durationMs: number, options: Pick<ClassifyOptions, 'cleanErrorWithinMs'>): Pick<RequestRecord, 'outcome' | 'detail' | 'status' | 'errorCode'> {
  if (!isRagValidateError(error)) return { outcome: 'unclean-error', detail: error instanceof Error ? error.message : String(error) };
  const code = error.code;
  const facts = error as unknown as { statusCode?: number; body?: unknown; reason?: string; timeoutMs?: number };
  switch (code) {
    case 'RV_ERR_HTTP_STATUS': {
      const status = facts.statusCode ?? 0;
      const json = facts.body !== null && typeof facts.body === 'object';
      if (!json) return { outcome: 'unclean-error', status, errorCode: code, detail: `${status} without a JSON body` };
      if (durationMs > options.cleanErrorWithinMs) return { outcome: 'slow-error', status, errorCode: code, detail: `${status} after ${Math.round(durationMs)} ms (bound ${options.cleanErrorWithinMs} ms)` };
      return { outcome: 'clean-error', status, errorCode: code, detail: `${status} ${summarizeBody(facts.body)}` };
    }
    case 'RV_ERR_TIMEOUT':
      return { outcome: 'hang', errorCode: code, detail: `no answer within ${facts.timeoutMs ?? Math.round(durationMs)} ms` };
    case 'RV_ERR_CONNECTION':
      return { outcome: 'connection-error', errorCode: code, detail: facts.reason ?? 'connection failed' };
    case 'RV_ERR_SCHEMA':
    case 'RV_ERR_RESPONSE_TOO_LARGE':
      return { outcome: 'invalid-response', errorCode: code, detail: error.message.slice(0, 200) };
    default:
      return { outcome: 'unclean-error', errorCode: code, detail: error.message.slice(0, 200) };
  }
}

function summarizeBody(body: unknown): string {
  const detail = (body as { detail?: unknown; error?: unknown }).detail ?? (body as { error?: unknown }).error;
  const text = typeof detail === 'string' ? detail : JSON.stringify(body);
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}
