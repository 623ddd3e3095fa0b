import type { ServiceAuth } from '@rag-validate/config';
import type { Dispatcher } from 'undici';
import type { Http1Pool } from './http1/http1-pool.js';

/** Options every service client takes. */
export interface ServiceClientOptions {
  /** Base URL of the service, e.g. `http://localhost:8001`. */
  readonly baseUrl: string;
  /** Deadline of one call unless the call sets its own. Default: 10_000 (LlmClient: 120_000). */
  readonly timeoutMs?: number;
  /** Credentials sent on every call; never printed. */
  readonly auth?: ServiceAuth | undefined;
  /** Retries of idempotent calls after connection errors or 502/503/504. Default: 2. */
  readonly maxRetries?: number;
  /** undici dispatcher. Default: the process-wide keep-alive Agent. */
  readonly dispatcher?: Dispatcher;
  /** Raw keep-alive sockets for the client's prepared calls (load generators); see HttpClientOptions. */
  readonly http1Pool?: Http1Pool;
}

/** Per-call options. */
export interface CallOptions {
  /** Overrides the client's timeout for this call. */
  readonly timeoutMs?: number | undefined;
  readonly signal?: AbortSignal | undefined;
}
