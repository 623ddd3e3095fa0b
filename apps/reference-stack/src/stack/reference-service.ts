import type { ServiceName } from '@rag-validate/config';

/** One running service of a started reference stack. */
export interface ReferenceService {
  readonly name: ServiceName;
  /** `rag-server`, `embedding-server`, `llm-server`, `vector-db`. */
  readonly displayName: string;
  /** Base URL, stable across restarts (same host and port). */
  readonly url: string;
  readonly port: number;
  /** OS process id in process mode while running; undefined in in-process mode or when stopped. */
  readonly pid: number | undefined;
  readonly running: boolean;
  /** Where the service's JSON log lines go. */
  readonly logFile: string;
  /** Graceful stop (SIGTERM, then SIGKILL after 5 s). Idempotent. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data directory and waits until it is healthy. */
  start(): Promise<void>;
  restart(): Promise<void>;
  /**
   * Sends a signal (process mode only). SIGKILL/SIGTERM/SIGINT resolve once the process has
   * exited; SIGSTOP/SIGCONT resolve at once. In in-process mode it throws RV_ERR_REFSTACK_UNSUPPORTED.
   */
  kill(signal?: NodeJS.Signals): Promise<void>;
}
