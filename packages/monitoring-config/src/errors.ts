import { RagValidateError } from '@rag-validate/config';

/** A generator option has a value that cannot produce a valid Prometheus or Grafana file. */
export class MonitoringOptionsError extends RagValidateError {
  readonly code = 'RV_ERR_MONITORING_OPTIONS' as const;
  /** The option name, e.g. `scrapeInterval`. */
  readonly option: string;
  readonly value: unknown;

  constructor(option: string, value: unknown, reason: string) {
    super(`invalid monitoring option ${option}=${JSON.stringify(value)}: ${reason}`);
    this.option = option;
    this.value = value;
  }
}

/**
 * A latency objective cannot become an exact "share of requests slower than the objective" SLI,
 * because its threshold is not an upper bound (`le`) of the latency histogram's buckets.
 */
export class SloThresholdError extends RagValidateError {
  readonly code = 'RV_ERR_MONITORING_SLO_THRESHOLD' as const;
  /** Config path of the objective, e.g. `slos.search.latency.p95Ms`. */
  readonly path: string;
  readonly thresholdMs: number;
  /** The bucket bounds (seconds) a threshold may use. */
  readonly allowedSeconds: readonly number[];

  constructor(path: string, thresholdMs: number, allowedSeconds: readonly number[]) {
    const choices = allowedSeconds.map((s) => `${s * 1000}`).join(', ');
    super(
      `${path} = ${thresholdMs} ms is not a bucket bound of http_request_duration_seconds below its largest bucket, ` +
        `so no exact latency SLI can be built from it; use one of (ms): ${choices}`,
    );
    this.path = path;
    this.thresholdMs = thresholdMs;
    this.allowedSeconds = allowedSeconds;
  }
}

/** The output directory or one of its files cannot be read or written. */
export class MonitoringWriteError extends RagValidateError {
  readonly code = 'RV_ERR_MONITORING_WRITE' as const;
  readonly path: string;

  constructor(path: string, reason: string, options?: { cause?: unknown }) {
    super(`cannot write monitoring files at ${path}: ${reason}`, options);
    this.path = path;
  }
}

/** Every error code this package throws, with what it means. Kept honest by errors.test.ts. */
export const MONITORING_ERROR_CODES = {
  RV_ERR_MONITORING_OPTIONS:
    'A generator option (interval, duration, URL, path, threshold) is invalid; the message names the option and why.',
  RV_ERR_MONITORING_SLO_THRESHOLD:
    'A p50/p95/p99/max latency objective is not a bucket bound of the latency histogram, so no exact latency SLI exists for it.',
  RV_ERR_MONITORING_WRITE: 'The output directory or a generated file in it cannot be read or written.',
} as const;

export type MonitoringErrorCode = keyof typeof MONITORING_ERROR_CODES;
