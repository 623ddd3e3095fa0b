import { isRagValidateError } from '@rag-validate/config';
import type { ClientError } from './errors.js';
import { parseJsonOrText, type HttpClient } from './http-client.js';

/** The outcome of one health probe. Never throws for a failing service: `ok` is false and `error` says why. */
export interface HealthCheck {
  readonly ok: boolean;
  /** HTTP status, or undefined when no response came back. */
  readonly status: number | undefined;
  readonly latencyMs: number;
  /** Parsed JSON body, or the text for text/plain probes such as Qdrant's `/healthz`. */
  readonly body: unknown;
  /** One line saying what was seen, e.g. `200 healthz check passed` or `connection refused`. */
  readonly detail: string;
  readonly error?: ClientError;
}

export interface ProbeOptions {
  readonly timeoutMs?: number | undefined;
  readonly signal?: AbortSignal | undefined;
  /** Extra check on a 2xx answer, e.g. that `status` is "healthy". Returns a reason when it fails. */
  readonly check?: (body: unknown) => string | undefined;
}

/** GETs `path` once (no retries: a probe reports what it sees) and describes the answer. */
export async function probeHealth(http: HttpClient, path: string, options: ProbeOptions = {}): Promise<HealthCheck> {
  const started = performance.now();
  try {
    const response = await http.send({ method: 'GET', path, idempotent: false, timeoutMs: options.timeoutMs, signal: options.signal });
    const body = parseJsonOrText(response.text);
    const shown = typeof body === 'string' ? body.trim().slice(0, 80) : summarize(body);
    if (response.status < 200 || response.status >= 300) {
      return { ok: false, status: response.status, latencyMs: response.elapsedMs, body, detail: `${response.status} ${shown}`.trim() };
    }
    const problem = options.check?.(body);
    return { ok: problem === undefined, status: response.status, latencyMs: response.elapsedMs, body, detail: problem ?? `${response.status} ${shown}`.trim() };
  } catch (error) {
    if (!isRagValidateError(error)) throw error;
    const clientError = error as ClientError;
    return { ok: false, status: undefined, latencyMs: performance.now() - started, body: undefined, detail: shortReason(clientError), error: clientError };
  }
}

function summarize(body: unknown): string {
  if (body !== null && typeof body === 'object' && 'status' in body) return String((body as { status: unknown }).status);
  return JSON.stringify(body).slice(0, 80);
}

function shortReason(error: ClientError): string {
  switch (error.code) {
    case 'RV_ERR_CONNECTION':
      return error.message.replace(/^\S+ \S+ failed: /, '');
    case 'RV_ERR_TIMEOUT':
      return `no answer within ${error.timeoutMs} ms`;
    default:
      return error.message;
  }
}
