/**
 * An expected failure a handler answers with (`throw new HttpProblem(404, '...')`): the service's
 * error style turns it into `{"detail": "..."}` (FastAPI services) or Qdrant's `{"status":{"error"}}`.
 * Internal to the services; it never crosses the package's public API.
 */
export class HttpProblem extends Error {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** A body to send as is, instead of the style's error body. */
  readonly body: unknown;

  constructor(status: number, message: string, options: { headers?: Record<string, string>; body?: unknown; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'HttpProblem';
    this.status = status;
    this.headers = options.headers ?? {};
    this.body = options.body;
  }
}
