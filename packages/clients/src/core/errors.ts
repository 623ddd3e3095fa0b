import { RagValidateError } from '@rag-validate/config';

/** HTTP method names the funnel sends. */
export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';

interface RequestFacts {
  /** HTTP method of the failed call. */
  readonly method: HttpMethod;
  /** URL of the failed call, without credentials or query secrets. */
  readonly url: string;
  /** Time from the start of the call to the failure. */
  readonly elapsedMs: number;
}

/** The call did not finish within its timeout. */
export class TimeoutError extends RagValidateError implements RequestFacts {
  readonly code = 'RV_ERR_TIMEOUT' as const;
  readonly method: HttpMethod;
  readonly url: string;
  readonly elapsedMs: number;
  readonly timeoutMs: number;
  /** Which wait ran out: connecting, waiting for headers, reading the body, or the whole call. */
  readonly phase: 'connect' | 'headers' | 'body' | 'total';

  constructor(facts: RequestFacts & { timeoutMs: number; phase: TimeoutError['phase'] }, options?: { cause?: unknown }) {
    super(`${facts.method} ${facts.url} timed out after ${facts.timeoutMs} ms (${facts.phase})`, options);
    this.method = facts.method;
    this.url = facts.url;
    this.elapsedMs = facts.elapsedMs;
    this.timeoutMs = facts.timeoutMs;
    this.phase = facts.phase;
  }
}

/** The connection could not be made or broke (refused, reset, DNS failure, closed mid-response). */
export class ConnectionError extends RagValidateError implements RequestFacts {
  readonly code = 'RV_ERR_CONNECTION' as const;
  readonly method: HttpMethod;
  readonly url: string;
  readonly elapsedMs: number;
  /** The system or undici error code, e.g. ECONNREFUSED, ECONNRESET, ENOTFOUND, UND_ERR_SOCKET. */
  readonly reason: string;

  constructor(facts: RequestFacts & { reason: string; detail?: string }, options?: { cause?: unknown }) {
    super(`${facts.method} ${facts.url} failed: ${describeReason(facts.reason)}${facts.detail ? ` (${facts.detail})` : ''}`, options);
    this.method = facts.method;
    this.url = facts.url;
    this.elapsedMs = facts.elapsedMs;
    this.reason = facts.reason;
  }
}

/** The service answered with a status the call does not accept. */
export class HttpStatusError extends RagValidateError implements RequestFacts {
  readonly code = 'RV_ERR_HTTP_STATUS' as const;
  readonly method: HttpMethod;
  readonly url: string;
  readonly elapsedMs: number;
  readonly statusCode: number;
  /** The response body: parsed JSON when it was JSON, else the text (at most 2,000 characters, secrets redacted). */
  readonly body: unknown;

  constructor(facts: RequestFacts & { statusCode: number; body: unknown; excerpt: string }, options?: { cause?: unknown }) {
    super(`${facts.method} ${facts.url} answered ${facts.statusCode}${facts.excerpt ? `: ${facts.excerpt}` : ''}`, options);
    this.method = facts.method;
    this.url = facts.url;
    this.elapsedMs = facts.elapsedMs;
    this.statusCode = facts.statusCode;
    this.body = facts.body;
  }
}

/** One way in which a response differs from the contract. */
export interface SchemaIssue {
  readonly path: string;
  readonly message: string;
}

/** The response is not valid JSON, or its JSON does not have the shape the contract defines. */
export class SchemaMismatchError extends RagValidateError implements RequestFacts {
  readonly code = 'RV_ERR_SCHEMA' as const;
  readonly method: HttpMethod;
  readonly url: string;
  readonly elapsedMs: number;
  readonly statusCode: number;
  readonly reason: 'invalid-json' | 'shape';
  readonly issues: readonly SchemaIssue[];
  /** The start of the body (secrets redacted). */
  readonly bodyExcerpt: string;

  constructor(
    facts: RequestFacts & { statusCode: number; reason: SchemaMismatchError['reason']; issues: readonly SchemaIssue[]; bodyExcerpt: string },
    options?: { cause?: unknown },
  ) {
    const what = facts.reason === 'invalid-json' ? 'a body that is not valid JSON' : `a body that does not match the contract: ${facts.issues
      .slice(0, 5)
      .map((i) => `${i.path || '(root)'} ${i.message}`)
      .join('; ')}`;
    super(`${facts.method} ${facts.url} answered ${what}`, options);
    this.method = facts.method;
    this.url = facts.url;
    this.elapsedMs = facts.elapsedMs;
    this.statusCode = facts.statusCode;
    this.reason = facts.reason;
    this.issues = facts.issues;
    this.bodyExcerpt = facts.bodyExcerpt;
  }
}

/** The response body grew past the client's limit (e.g. a body that never ends). */
export class ResponseTooLargeError extends RagValidateError implements RequestFacts {
  readonly code = 'RV_ERR_RESPONSE_TOO_LARGE' as const;
  readonly method: HttpMethod;
  readonly url: string;
  readonly elapsedMs: number;
  readonly limitBytes: number;

  constructor(facts: RequestFacts & { limitBytes: number }, options?: { cause?: unknown }) {
    super(`${facts.method} ${facts.url} sent more than ${facts.limitBytes} bytes; stopped reading`, options);
    this.method = facts.method;
    this.url = facts.url;
    this.elapsedMs = facts.elapsedMs;
    this.limitBytes = facts.limitBytes;
  }
}

/** The caller aborted the call through its AbortSignal. */
export class AbortedError extends RagValidateError {
  readonly code = 'RV_ERR_ABORTED' as const;
  readonly method: HttpMethod;
  readonly url: string;

  constructor(method: HttpMethod, url: string, options?: { cause?: unknown }) {
    super(`${method} ${url} was aborted by the caller`, options);
    this.method = method;
    this.url = url;
  }
}

/** A client method was called with an argument it cannot use; nothing was sent. */
export class InvalidArgumentError extends RagValidateError {
  readonly code = 'RV_ERR_INVALID_ARGUMENT' as const;
  readonly argument: string;

  constructor(argument: string, message: string) {
    super(`invalid ${argument}: ${message}`);
    this.argument = argument;
  }
}

/** The operation does not exist in the rag-server contract version being spoken. */
export class UnsupportedOperationError extends RagValidateError {
  readonly code = 'RV_ERR_UNSUPPORTED' as const;
  readonly operation: string;
  readonly contract: string;

  constructor(operation: string, contract: string, hint: string) {
    super(`${operation} is not available in the ${contract} contract: ${hint}`);
    this.operation = operation;
    this.contract = contract;
  }
}

/** The rag-server contract version could not be detected from the running server. */
export class ContractDetectionError extends RagValidateError {
  readonly code = 'RV_ERR_CONTRACT_UNKNOWN' as const;
  readonly url: string;

  constructor(url: string, detail: string, options?: { cause?: unknown }) {
    super(`cannot tell which rag-server contract ${url} speaks: ${detail}; set target.contract in the config`, options);
    this.url = url;
  }
}

/** Any error a client call can throw. Branch on `code`. */
export type ClientError =
  | TimeoutError
  | ConnectionError
  | HttpStatusError
  | SchemaMismatchError
  | ResponseTooLargeError
  | AbortedError
  | InvalidArgumentError
  | UnsupportedOperationError
  | ContractDetectionError;

/** Every code the clients throw, with what it means. Kept honest by errors.test.ts. */
export const CLIENT_ERROR_CODES = {
  RV_ERR_TIMEOUT: 'The call did not finish within its timeout (connect, headers, body or total).',
  RV_ERR_CONNECTION: 'The connection was refused, reset, closed early or the host was not found.',
  RV_ERR_HTTP_STATUS: 'The service answered a status the call does not accept; statusCode and body are attached.',
  RV_ERR_SCHEMA: 'The response was not valid JSON or did not have the shape the contract defines.',
  RV_ERR_RESPONSE_TOO_LARGE: 'The response body exceeded the size limit (e.g. a body that never ends).',
  RV_ERR_ABORTED: "The caller's AbortSignal aborted the call.",
  RV_ERR_INVALID_ARGUMENT: 'A client method was called with an unusable argument; nothing was sent.',
  RV_ERR_UNSUPPORTED: 'The operation does not exist in the rag-server contract version in use.',
  RV_ERR_CONTRACT_UNKNOWN: 'The rag-server contract version could not be detected; set target.contract.',
} as const;

const REASONS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused (is the service running?)',
  ECONNRESET: 'connection reset by the server',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EPIPE: 'connection closed while sending',
  UND_ERR_SOCKET: 'connection closed by the server before the response was complete',
  UND_ERR_CLOSED: 'connection closed',
  UND_ERR_DESTROYED: 'the call was cut off: its connections were closed (the run was stopped)',
  HPE_INVALID_RESPONSE: 'the answer is not valid HTTP/1.1',
};

function describeReason(reason: string): string {
  return REASONS[reason] ?? reason;
}
