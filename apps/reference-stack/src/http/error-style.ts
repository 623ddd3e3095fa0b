import type { ValidationIssue } from './validation-issue.js';

/** How a service writes its error bodies. */
export interface ErrorStyle {
  /** Body for an error with a message (404, 405, 413, 415, 5xx, HttpProblem). */
  error(status: number, message: string): unknown;
  /** Status and body for request validation failures. */
  validation(issues: readonly ValidationIssue[]): { status: number; body: unknown };
  /** Status and body for a body that is not valid JSON. */
  invalidJson(reason: string): { status: number; body: unknown };
}

/** FastAPI + pydantic v2: `{"detail": "..."}` and 422 `{"detail": [issues]}`. */
export const FASTAPI_ERROR_STYLE: ErrorStyle = {
  error: (_status, message) => ({ detail: message }),
  validation: (issues) => ({ status: 422, body: { detail: issues } }),
  invalidJson: (reason) => ({
    status: 422,
    body: { detail: [{ type: 'json_invalid', loc: ['body', 0], msg: 'JSON decode error', input: {}, ctx: { error: reason } }] },
  }),
};

/** Qdrant: `{"status":{"error":"..."},"time":0}`; malformed bodies 400, out-of-range values 422. */
export const QDRANT_ERROR_STYLE: ErrorStyle = {
  error: (_status, message) => ({ status: { error: message }, time: 0 }),
  validation: (issues) => {
    const text = issues.map((i) => `${i.loc.slice(1).join('.') || i.loc[0] || 'body'}: ${i.msg}`).join(', ');
    const malformed = issues.some((i) => i.type === 'missing' || i.type.endsWith('_type') || i.type === 'json_invalid');
    return malformed
      ? { status: 400, body: { status: { error: `Format error in JSON body: ${text}` }, time: 0 } }
      : { status: 422, body: { status: { error: `Validation error in JSON body: [${text}]` }, time: 0 } };
  },
  invalidJson: (reason) => ({ status: 400, body: { status: { error: `Format error in JSON body: ${reason}` }, time: 0 } }),
};
