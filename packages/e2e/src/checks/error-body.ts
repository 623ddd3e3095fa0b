/** What is wrong with an error response, from a user's and a security reviewer's point of view. */
export interface ErrorBodyReview {
  readonly problems: readonly string[];
  /** The error message the body carries (`detail`, `error`, `message`), flattened to one line. */
  readonly message: string | undefined;
}

const STACK_TRACE = [/(?:\n|\\n)\s*at [\w$.<> ]+\(?[^)\s]*:\d+:\d+\)?/, /Traceback \(most recent call last\)/, /File "[^"]+", line \d+/];
const INTERNAL_PATH = /(?:^|[\s"'(])(?:\/(?:home|root|usr|opt|app|srv|var|work|tmp)\/[\w./-]+|[A-Z]:\\[\w\\.-]+|node_modules\/)/;

/**
 * Reviews the body of a 4xx/5xx response: it must be JSON with a message that says what is wrong,
 * and must not leak a stack trace, an internal path, or any of the given secrets.
 */
export function reviewErrorBody(contentType: string | undefined, text: string, secrets: readonly string[] = []): ErrorBodyReview {
  const problems: string[] = [];
  let message: string | undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    problems.push(`body is not JSON (${contentType ?? 'no content-type'}): ${text.slice(0, 60)}`);
  }
  if (json !== undefined) {
    if (!(contentType ?? '').includes('json')) problems.push(`JSON body served as ${contentType ?? 'no content-type'}`);
    message = errorMessage(json);
    if (message === undefined || message.trim().length === 0) problems.push('JSON body names no problem (no detail/error/message)');
  }
  if (STACK_TRACE.some((pattern) => pattern.test(text))) problems.push('body contains a stack trace');
  if (INTERNAL_PATH.test(text)) problems.push('body contains an internal file path');
  for (const secret of secrets) if (secret.length >= 4 && text.includes(secret)) problems.push('body contains a configured secret');
  return { problems, message };
}

function errorMessage(json: unknown): string | undefined {
  if (json === null || typeof json !== 'object') return typeof json === 'string' ? json : undefined;
  const record = json as Record<string, unknown>;
  for (const key of ['detail', 'error', 'message', 'status']) {
    const value = record[key];
    if (typeof value === 'string') return value;
    if (Array.isArray(value)) {
      return value
        .map((item) => {
          if (item !== null && typeof item === 'object') {
            const entry = item as { loc?: unknown; msg?: unknown; message?: unknown };
            const loc = Array.isArray(entry.loc) ? entry.loc.join('.') : '';
            return `${loc}${loc ? ': ' : ''}${String(entry.msg ?? entry.message ?? '')}`;
          }
          return String(item);
        })
        .join('; ');
    }
    if (value !== null && typeof value === 'object') {
      const nested = errorMessage(value);
      if (nested !== undefined) return nested;
    }
  }
  return undefined;
}
