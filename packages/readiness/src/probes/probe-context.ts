import { HttpClient, type ServiceClients } from '@rag-validate/clients';
import { isRagValidateError, SERVICE_NAMES, type RagValidateConfig, type ServiceName } from '@rag-validate/config';
import type { ComposeModel } from '../compose/compose-model.js';
import type { EnvFileModel } from '../compose/env-file.js';
import type { Profile } from '../model/check-types.js';
import { gathered, missing, type EvidenceMap, type HttpObservation, type HttpProbe, type PrometheusConfigSource, type ProbeName } from '../model/evidence.js';

/** The files given to the run, read and validated before any probe runs. */
export interface LoadedInputs {
  readonly compose: ComposeModel | undefined;
  readonly envFile: EnvFileModel | undefined;
  /** A prometheus.yml given with `prometheusConfigFile`. */
  readonly prometheusConfig: PrometheusConfigSource | undefined;
}

/** Settings of the probes, resolved with their defaults (see `RunReadinessOptions`). */
export interface ProbeSettings {
  readonly profile: Profile;
  readonly inputs: LoadedInputs;
  readonly generatePrometheusConfig: ((config: RagValidateConfig) => string) | undefined;
  readonly audit: { readonly directory: string; readonly registry: string | undefined; readonly timeoutMs: number } | undefined;
  /** promtool executable, or false to never run it. */
  readonly promtool: string | false;
  readonly probeTimeoutMs: number;
  readonly boundsTimeoutMs: number;
  readonly oversizedBodyBytes: number;
  readonly burstSize: number;
  readonly concurrency: number;
}

/** A request a probe sends through the funnel. */
export interface ProbeRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'OPTIONS' | 'DELETE';
  readonly path: string;
  readonly json?: unknown;
  readonly rawBody?: string | Uint8Array;
  readonly contentType?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
}

const BODY_CHARS = 64 * 1024;

/**
 * What every probe gets: the config, the service clients, one raw `HttpClient` per service (with
 * and without credentials, no retries: a probe reports what it sees), a concurrency limit so the
 * probes never look like a burst, and `get()` to read another probe's evidence (each probe runs
 * once per run, however many checks and probes need it).
 */
export class ProbeContext {
  readonly config: RagValidateConfig;
  readonly clients: ServiceClients;
  readonly settings: ProbeSettings;
  readonly signal: AbortSignal | undefined;
  readonly #http: Record<ServiceName, HttpClient>;
  readonly #anonymous: Record<ServiceName, HttpClient>;
  readonly #runs = new Map<ProbeName, Promise<unknown>>();
  readonly #probes: ProbeTable;
  #active = 0;
  readonly #waiting: Array<() => void> = [];

  constructor(options: { config: RagValidateConfig; clients: ServiceClients; settings: ProbeSettings; probes: ProbeTable; signal?: AbortSignal | undefined }) {
    this.config = options.config;
    this.clients = options.clients;
    this.settings = options.settings;
    this.signal = options.signal;
    this.#probes = options.probes;
    const make = (service: ServiceName, withAuth: boolean) => {
      const target = options.config.target.services[service];
      return new HttpClient({
        baseUrl: target.url,
        timeoutMs: options.settings.probeTimeoutMs,
        maxRetries: 0,
        ...(withAuth && target.auth !== undefined ? { auth: target.auth } : {}),
      });
    };
    this.#http = Object.fromEntries(SERVICE_NAMES.map((s) => [s, make(s, true)])) as Record<ServiceName, HttpClient>;
    this.#anonymous = Object.fromEntries(SERVICE_NAMES.map((s) => [s, make(s, false)])) as Record<ServiceName, HttpClient>;
  }

  /** The evidence of another probe (run once, then shared). */
  get<K extends ProbeName>(name: K): Promise<EvidenceMap[K]> {
    let run = this.#runs.get(name);
    if (run === undefined) {
      run = this.#probes[name](this);
      this.#runs.set(name, run);
    }
    return run as Promise<EvidenceMap[K]>;
  }

  /** The evidence of a probe if something already ran it, else undefined (it is not started). */
  async peek<K extends ProbeName>(name: K): Promise<EvidenceMap[K] | undefined> {
    const run = this.#runs.get(name);
    return run === undefined ? undefined : ((await run) as EvidenceMap[K]);
  }

  /** Sends one request (with the service's credentials unless `anonymous`) within the concurrency limit. */
  async observe(service: ServiceName, request: ProbeRequest, options: { anonymous?: boolean; unlimited?: boolean } = {}): Promise<HttpProbe> {
    const client = options.anonymous === true ? this.#anonymous[service] : this.#http[service];
    const send = () => observeWith(client, request, this.signal);
    if (options.unlimited === true) return send();
    await this.#acquire();
    try {
      return await send();
    } finally {
      this.#release();
    }
  }

  async #acquire(): Promise<void> {
    if (this.#active < this.settings.concurrency) {
      this.#active += 1;
      return;
    }
    await new Promise<void>((resolve) => this.#waiting.push(resolve));
  }

  #release(): void {
    const next = this.#waiting.shift();
    if (next !== undefined) next();
    else this.#active -= 1;
  }
}

/** Every probe by name. */
export type ProbeTable = { readonly [K in ProbeName]: (ctx: ProbeContext) => Promise<EvidenceMap[K]> };

/** Sends a request and records the answer whatever its status; no answer becomes `unreachable` with the reason. */
export async function observeWith(client: HttpClient, request: ProbeRequest, signal?: AbortSignal): Promise<HttpProbe> {
  try {
    const response = await client.send({
      method: request.method,
      path: request.path,
      idempotent: false,
      ...(request.json === undefined ? {} : { json: request.json }),
      ...(request.rawBody === undefined ? {} : { rawBody: request.rawBody }),
      // A server that refuses an oversized body from its Content-Length answers before reading it: read that answer.
      expectEarlyAnswer: true,
      ...(request.contentType === undefined ? {} : { contentType: request.contentType }),
      ...(request.headers === undefined ? {} : { headers: request.headers }),
      ...(request.timeoutMs === undefined ? {} : { timeoutMs: request.timeoutMs }),
      ...(signal === undefined ? {} : { signal }),
    });
    const observation: HttpObservation = {
      method: request.method,
      path: request.path,
      status: response.status,
      headers: response.headers,
      text: response.text.length > BODY_CHARS ? response.text.slice(0, BODY_CHARS) : response.text,
      elapsedMs: Math.round(response.elapsedMs * 10) / 10,
    };
    return gathered(observation);
  } catch (error) {
    if (!isRagValidateError(error)) throw error;
    return missing('unreachable', unreachableReason(error));
  }
}

/** `timeout after 5000 ms`, `connection ECONNREFUSED`, or the error's message. */
export function unreachableReason(error: Error & { code?: string }): string {
  const e = error as Error & { code?: string; timeoutMs?: number; reason?: string };
  if (e.code === 'RV_ERR_TIMEOUT') return `timeout after ${e.timeoutMs ?? '?'} ms`;
  if (e.code === 'RV_ERR_CONNECTION') return `connection ${e.reason ?? 'failed'}`;
  return `${e.code ?? 'error'}: ${e.message}`;
}
