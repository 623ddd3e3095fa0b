import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SERVICE_NAMES, type ServiceName, type ServiceUrls } from '@rag-validate/config';
import { DEFECTS_ENV, parseDefects, type DefectName } from './defects.js';
import { InvalidStackOptionsError, PortInUseError } from './errors.js';
import { isLogLevel, type LogLevel } from './http/log-level.js';
import { ChildService } from './stack/child-service.js';
import { InProcessService } from './stack/in-process-service.js';
import { reserveFreePort } from './stack/free-port.js';
import type { ReferenceService } from './stack/reference-service.js';
import { connectHost } from './stack/wait-healthy.js';
import type { LlmUpstream, ServiceSettings } from './stack/service-settings.js';

export interface ReferenceStackOptions {
  /** Port per service; 0 picks a free port. Default: 0 for every service. */
  readonly ports?: Partial<Record<ServiceName, number>>;
  /** Interface to listen on. Default: `127.0.0.1`. */
  readonly host?: string;
  /** Where the vector-db, the rag-server and the logs keep their files. Default: a new temp directory, deleted by `stop()`. */
  readonly dataDir?: string;
  readonly llm?: {
    /** Time to first token. Default: 300. */
    readonly ttftMs?: number;
    /** Generation rate; 0 = as fast as possible. Default: 50. */
    readonly tokensPerSecond?: number;
    /** Forward to a real OpenAI-compatible server instead of composing answers. Default: none. */
    readonly upstream?: LlmUpstream;
  };
  /** `process`: one child process per service; `in-process`: all in this process. Default: `process`. */
  readonly mode?: 'process' | 'in-process';
  /** Deliberate defects (names or `a,b`), added to those in `REFSTACK_DEFECTS`. Default: none. */
  readonly defects?: readonly DefectName[] | string;
  /** Level of the services' JSON logs. Default: `info`. */
  readonly logLevel?: LogLevel;
  /** Files indexed by server path must lie under this directory. Default: the current directory. */
  readonly rootDir?: string;
  /** How long one service may take to become healthy. Default: 30000. */
  readonly startTimeoutMs?: number;
  /** Environment read for `REFSTACK_DEFECTS`. Default: `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /**
   * Where the rag-server reaches its dependencies instead of the stack's own services, e.g. a fault
   * proxy in front of each (chaos experiments). Default: the stack's embedding-server, llm-server and vector-db.
   */
  readonly ragDependencyUrls?: Partial<Record<'embedding' | 'llm' | 'vectorDb', string>>;
}

/** A running reference stack. `await using stack = await startReferenceStack()` stops it at scope end. */
export interface StartedReferenceStack extends AsyncDisposable {
  readonly urls: ServiceUrls;
  readonly services: Readonly<Record<ServiceName, ReferenceService>>;
  readonly mode: 'process' | 'in-process';
  readonly dataDir: string;
  readonly defects: readonly DefectName[];
  /** Stops every service (rag-server first) and removes a temporary data directory. Idempotent. */
  stop(): Promise<void>;
}

/** Every option name (the compiler checks the list is complete); unknown names are rejected. */
export const REFERENCE_STACK_OPTION_KEYS = ['ports', 'host', 'dataDir', 'llm', 'mode', 'defects', 'logLevel', 'rootDir', 'startTimeoutMs', 'env', 'ragDependencyUrls'] as const;
type MissingOptionKeys = Exclude<keyof ReferenceStackOptions, (typeof REFERENCE_STACK_OPTION_KEYS)[number]>;
const OPTION_KEYS_COMPLETE: MissingOptionKeys extends never ? true : false = true;
void OPTION_KEYS_COMPLETE;

interface ResolvedOptions {
  readonly ports: Record<ServiceName, number>;
  readonly host: string;
  readonly dataDir: string | undefined;
  readonly ttftMs: number;
  readonly tokensPerSecond: number;
  readonly upstream: LlmUpstream | undefined;
  readonly mode: 'process' | 'in-process';
  readonly defects: DefectName[];
  readonly logLevel: LogLevel;
  readonly rootDir: string;
  readonly startTimeoutMs: number;
  readonly ragDependencyUrls: Partial<Record<'embedding' | 'llm' | 'vectorDb', string>>;
}

function resolveOptions(options: ReferenceStackOptions): ResolvedOptions {
  const problems: string[] = [];
  for (const key of Object.keys(options)) {
    if (!(REFERENCE_STACK_OPTION_KEYS as readonly string[]).includes(key)) problems.push(`${key}: unknown option (known: ${REFERENCE_STACK_OPTION_KEYS.join(', ')})`);
  }
  for (const key of Object.keys(options.llm ?? {})) {
    if (!['ttftMs', 'tokensPerSecond', 'upstream'].includes(key)) problems.push(`llm.${key}: unknown option (known: ttftMs, tokensPerSecond, upstream)`);
  }
  const ports = { rag: 0, embedding: 0, llm: 0, vectorDb: 0, ...options.ports };
  for (const [name, port] of Object.entries(ports)) {
    if (!(SERVICE_NAMES as readonly string[]).includes(name)) problems.push(`ports.${name}: unknown service (expected ${SERVICE_NAMES.join(', ')})`);
    else if (!Number.isInteger(port) || port < 0 || port > 65_535) problems.push(`ports.${name}: expected 0..65535, got ${port}`);
  }
  const nonZero = Object.values(ports).filter((p) => p !== 0);
  if (new Set(nonZero).size !== nonZero.length) problems.push(`ports: two services cannot share a port (${nonZero.join(', ')})`);
  const ttftMs = options.llm?.ttftMs ?? 300;
  const tokensPerSecond = options.llm?.tokensPerSecond ?? 50;
  if (!Number.isFinite(ttftMs) || ttftMs < 0) problems.push(`llm.ttftMs: expected a number >= 0, got ${ttftMs}`);
  if (!Number.isFinite(tokensPerSecond) || tokensPerSecond < 0) problems.push(`llm.tokensPerSecond: expected a number >= 0 (0 = unlimited), got ${tokensPerSecond}`);
  const upstream = options.llm?.upstream;
  if (upstream !== undefined && !/^https?:\/\/[^\s]+$/.test(upstream.url)) problems.push('llm.upstream.url: expected an http(s) URL');
  const mode = options.mode ?? 'process';
  if (mode !== 'process' && mode !== 'in-process') problems.push(`mode: expected "process" or "in-process", got ${String(mode)}`);
  const logLevel = options.logLevel ?? 'info';
  if (!isLogLevel(logLevel)) problems.push(`logLevel: expected fatal, error, warn, info, debug, trace or silent, got ${String(logLevel)}`);
  const ragDependencyUrls = options.ragDependencyUrls ?? {};
  for (const [name, value] of Object.entries(ragDependencyUrls)) {
    if (!['embedding', 'llm', 'vectorDb'].includes(name)) problems.push(`ragDependencyUrls.${name}: unknown dependency (expected embedding, llm, vectorDb)`);
    else if (typeof value !== 'string' || !/^https?:\/\/[^\s]+$/.test(value)) problems.push(`ragDependencyUrls.${name}: expected an http(s) URL, got ${JSON.stringify(value)}`);
  }
  const startTimeoutMs = options.startTimeoutMs ?? 30_000;
  if (!Number.isFinite(startTimeoutMs) || startTimeoutMs <= 0) problems.push(`startTimeoutMs: expected a number > 0, got ${startTimeoutMs}`);
  let defects: DefectName[] = [];
  try {
    defects = [...new Set([...parseDefects(options.defects), ...parseDefects((options.env ?? process.env)[DEFECTS_ENV])])];
  } catch (error) {
    if (error instanceof InvalidStackOptionsError) problems.push(...error.problems);
    else throw error;
  }
  if (problems.length > 0) throw new InvalidStackOptionsError(problems);
  return {
    ports,
    host: options.host ?? '127.0.0.1',
    dataDir: options.dataDir === undefined ? undefined : resolve(options.dataDir),
    ttftMs,
    tokensPerSecond,
    upstream,
    mode,
    defects,
    logLevel,
    rootDir: resolve(options.rootDir ?? process.cwd()),
    startTimeoutMs,
    ragDependencyUrls,
  };
}

type ManagedService = ReferenceService & { dispose(): Promise<void> };

/**
 * Starts the reference stack (vector-db, embedding-server and llm-server, then the rag-server
 * wired to them) and resolves once every service answers its health check. The only API the
 * suites use to get a default target.
 */
export async function startReferenceStack(options: ReferenceStackOptions = {}): Promise<StartedReferenceStack> {
  const o = resolveOptions(options);
  const ownsDataDir = o.dataDir === undefined;
  const dataDir = o.dataDir ?? mkdtempSync(join(tmpdir(), 'rag-validate-stack-'));
  const make = (settings: ServiceSettings): ManagedService => {
    const handleOptions = { logFile: join(dataDir, 'logs', `${settings.service}.log`), startTimeoutMs: o.startTimeoutMs };
    return o.mode === 'process' ? new ChildService(settings, handleOptions) : new InProcessService(settings, handleOptions);
  };
  const base = (service: ServiceName) => ({ service, host: o.host, port: o.ports[service], logLevel: o.logLevel, defects: o.defects, dataDir });
  const started: ManagedService[] = [];
  const cleanup = async (): Promise<void> => {
    for (const service of [...started].reverse()) await service.dispose().catch(() => undefined);
    if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    // Free ports are chosen here for services started on port 0, so the rag-server can be told its
    // dependencies' URLs up front and all four start in parallel.
    const ports = { ...o.ports };
    const autoPorts = new Set<ServiceName>();
    for (const name of SERVICE_NAMES) {
      if (ports[name] !== 0) continue;
      let port = await reserveFreePort(o.host);
      while (Object.entries(ports).some(([other, p]) => other !== name && p === port)) port = await reserveFreePort(o.host);
      ports[name] = port;
      autoPorts.add(name);
    }
    const url = (name: ServiceName) => `http://${connectHost(o.host)}:${ports[name]}`;
    const settingsOf = (name: ServiceName): ServiceSettings => {
      const common = { ...base(name), port: ports[name] };
      if (name === 'llm') return { ...common, llm: { ttftMs: o.ttftMs, tokensPerSecond: o.tokensPerSecond, ...(o.upstream === undefined ? {} : { upstream: o.upstream }) } };
      if (name === 'rag') {
        const dependency = (d: 'embedding' | 'llm' | 'vectorDb') => (o.ragDependencyUrls[d] ?? url(d)).replace(/\/+$/, '');
        return { ...common, rag: { embeddingUrl: dependency('embedding'), llmUrl: dependency('llm'), vectorDbUrl: dependency('vectorDb'), rootDir: o.rootDir } };
      }
      return common;
    };
    const startOne = async (name: ServiceName): Promise<ManagedService> => {
      for (let attempt = 1; ; attempt += 1) {
        const service = make(settingsOf(name));
        started.push(service);
        try {
          await service.start();
          return service;
        } catch (error) {
          // Another process took the port picked for the rag-server before it bound it: pick again
          // (only the rag-server: the others' URLs are already in the rag-server's settings).
          if (!(error instanceof PortInUseError && autoPorts.has(name) && name === 'rag' && attempt < 3)) throw error;
          started.splice(started.indexOf(service), 1);
          ports.rag = await reserveFreePort(o.host);
        }
      }
    };
    // Dependencies first (as compose's depends_on: service_healthy does), then the rag-server, so
    // it finds them up and prepares its collection before it answers.
    const dependencies = await Promise.allSettled((['embedding', 'llm', 'vectorDb'] as const).map(startOne));
    const failedDependency = dependencies.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failedDependency !== undefined) throw failedDependency.reason;
    const [embedding, llm, vectorDb] = dependencies.map((r) => (r as PromiseFulfilledResult<ManagedService>).value) as [ManagedService, ManagedService, ManagedService];
    const rag = await startOne('rag');
    const services = { rag, embedding, llm, vectorDb };
    let stopped: Promise<void> | undefined;
    const stop = (): Promise<void> => (stopped ??= cleanup());
    return {
      urls: { rag: rag.url, embedding: embedding.url, llm: llm.url, vectorDb: vectorDb.url },
      services,
      mode: o.mode,
      dataDir,
      defects: o.defects,
      stop,
      [Symbol.asyncDispose]: stop,
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}
