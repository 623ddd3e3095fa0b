import { request } from 'node:http';

export interface HttpCallResult {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  readonly json: unknown;
  readonly elapsedMs: number;
}

export interface HttpCallOptions {
  /** Sent as JSON with content-type application/json. */
  readonly json?: unknown;
  /** Sent as is (use with `headers` to test malformed bodies and content types). */
  readonly body?: string | Buffer;
  readonly headers?: Record<string, string>;
  readonly timeoutMs?: number;
}

/**
 * A raw HTTP call for contract tests: it never throws on a status code, so tests can assert on
 * 4xx/5xx bodies and headers exactly as a client sees them. Test-only (the product code talks to
 * services through @rag-validate/clients).
 */
export function httpCall(baseUrl: string, method: string, path: string, options: HttpCallOptions = {}): Promise<HttpCallResult> {
  const url = new URL(path, baseUrl);
  const headers: Record<string, string> = { ...options.headers };
  let payload: string | Buffer | undefined = options.body;
  if (options.json !== undefined) {
    payload = JSON.stringify(options.json);
    headers['content-type'] ??= 'application/json';
  }
  if (payload !== undefined) headers['content-length'] = String(Buffer.byteLength(payload));
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, timeout: options.timeoutMs ?? 20_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = text.length > 0 ? JSON.parse(text) : undefined;
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json, elapsedMs: performance.now() - started });
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`timeout after ${options.timeoutMs ?? 20_000} ms: ${method} ${url.href}`)));
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}
