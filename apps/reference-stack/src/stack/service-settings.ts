import type { ServiceName } from '@rag-validate/config';
import { SERVICE_NAMES } from '@rag-validate/config';
import { parseDefects, type DefectName } from '../defects.js';
import { InvalidStackOptionsError } from '../errors.js';
import { isLogLevel, type LogLevel } from '../http/log-level.js';

/** An OpenAI-compatible server the llm-server forwards to instead of composing answers itself. */
export interface LlmUpstream {
  /** Base URL (the `/v1/chat/completions` path is appended). */
  readonly url: string;
  /** Sent as `Authorization: Bearer <key>`; never logged or printed. */
  readonly apiKey?: string;
  /** Model asked of the upstream. Default: the model of each request. */
  readonly model?: string;
}

/** Everything one service process needs; it travels to a child as environment variables. */
export interface ServiceSettings {
  readonly service: ServiceName;
  readonly host: string;
  readonly port: number;
  readonly logLevel: LogLevel;
  readonly defects: readonly DefectName[];
  /** The stack's data directory; each service uses its own subdirectory. */
  readonly dataDir: string;
  readonly llm?: { readonly ttftMs: number; readonly tokensPerSecond: number; readonly upstream?: LlmUpstream };
  readonly rag?: { readonly embeddingUrl: string; readonly llmUrl: string; readonly vectorDbUrl: string; readonly rootDir: string; readonly collection?: string; readonly llmModel?: string };
}

/** Environment variables a service reads (also what the Docker images set). */
export const SERVICE_ENV = {
  host: 'HOST',
  port: 'PORT',
  logLevel: 'LOG_LEVEL',
  defects: 'REFSTACK_DEFECTS',
  dataDir: 'DATA_DIR',
  ttftMs: 'LLM_TTFT_MS',
  tokensPerSecond: 'LLM_TOKENS_PER_SECOND',
  upstreamUrl: 'LLM_UPSTREAM_URL',
  upstreamApiKey: 'LLM_UPSTREAM_API_KEY',
  upstreamModel: 'LLM_UPSTREAM_MODEL',
  embeddingUrl: 'EMBEDDING_SERVER_URL',
  llmUrl: 'LLM_SERVER_URL',
  vectorDbUrl: 'VECTOR_DB_URL',
  rootDir: 'RAG_ROOT_DIR',
  collection: 'RAG_COLLECTION',
  llmModel: 'RAG_LLM_MODEL',
} as const;

/** The environment that makes `service-main` run these settings. */
export function settingsToEnv(settings: ServiceSettings): Record<string, string> {
  const env: Record<string, string> = {
    [SERVICE_ENV.host]: settings.host,
    [SERVICE_ENV.port]: String(settings.port),
    [SERVICE_ENV.logLevel]: settings.logLevel,
    [SERVICE_ENV.defects]: settings.defects.join(','),
    [SERVICE_ENV.dataDir]: settings.dataDir,
  };
  if (settings.llm !== undefined) {
    env[SERVICE_ENV.ttftMs] = String(settings.llm.ttftMs);
    env[SERVICE_ENV.tokensPerSecond] = String(settings.llm.tokensPerSecond);
    const upstream = settings.llm.upstream;
    if (upstream !== undefined) {
      env[SERVICE_ENV.upstreamUrl] = upstream.url;
      if (upstream.apiKey !== undefined) env[SERVICE_ENV.upstreamApiKey] = upstream.apiKey;
      if (upstream.model !== undefined) env[SERVICE_ENV.upstreamModel] = upstream.model;
    }
  }
  if (settings.rag !== undefined) {
    env[SERVICE_ENV.embeddingUrl] = settings.rag.embeddingUrl;
    env[SERVICE_ENV.llmUrl] = settings.rag.llmUrl;
    env[SERVICE_ENV.vectorDbUrl] = settings.rag.vectorDbUrl;
    env[SERVICE_ENV.rootDir] = settings.rag.rootDir;
    if (settings.rag.collection !== undefined) env[SERVICE_ENV.collection] = settings.rag.collection;
    if (settings.rag.llmModel !== undefined) env[SERVICE_ENV.llmModel] = settings.rag.llmModel;
  }
  return env;
}

function numberFrom(env: NodeJS.ProcessEnv, name: string, fallback: number, problems: string[], min = 0): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min) {
    problems.push(`${name}=${raw}: expected a number >= ${min}`);
    return fallback;
  }
  return value;
}

/** Reads one service's settings from the environment (defaults for the Docker images). */
export function settingsFromEnv(service: string, env: NodeJS.ProcessEnv): ServiceSettings {
  const problems: string[] = [];
  if (!(SERVICE_NAMES as readonly string[]).includes(service)) throw new InvalidStackOptionsError([`unknown service "${service}" (expected one of ${SERVICE_NAMES.join(', ')})`]);
  const name = service as ServiceName;
  const logLevel = env[SERVICE_ENV.logLevel]?.toLowerCase() ?? 'info';
  if (!isLogLevel(logLevel)) problems.push(`${SERVICE_ENV.logLevel}=${logLevel}: expected fatal, error, warn, info, debug, trace or silent`);
  const port = numberFrom(env, SERVICE_ENV.port, { rag: 8000, embedding: 8001, llm: 8002, vectorDb: 6333 }[name], problems);
  if (!Number.isInteger(port) || port > 65_535) problems.push(`${SERVICE_ENV.port}=${port}: expected a port number`);
  const defects = parseDefects(env[SERVICE_ENV.defects]);
  const base = { service: name, host: env[SERVICE_ENV.host] ?? '127.0.0.1', port, logLevel: isLogLevel(logLevel) ? logLevel : 'info', defects, dataDir: env[SERVICE_ENV.dataDir] ?? './data' } as const;
  let settings: ServiceSettings = base;
  if (name === 'llm') {
    const upstreamUrl = env[SERVICE_ENV.upstreamUrl];
    const apiKey = env[SERVICE_ENV.upstreamApiKey];
    const model = env[SERVICE_ENV.upstreamModel];
    settings = {
      ...base,
      llm: {
        ttftMs: numberFrom(env, SERVICE_ENV.ttftMs, 300, problems),
        tokensPerSecond: numberFrom(env, SERVICE_ENV.tokensPerSecond, 50, problems),
        ...(upstreamUrl === undefined || upstreamUrl === '' ? {} : { upstream: { url: upstreamUrl, ...(apiKey ? { apiKey } : {}), ...(model ? { model } : {}) } }),
      },
    };
  }
  if (name === 'rag') {
    const collection = env[SERVICE_ENV.collection];
    const llmModel = env[SERVICE_ENV.llmModel];
    settings = {
      ...base,
      rag: {
        embeddingUrl: env[SERVICE_ENV.embeddingUrl] ?? 'http://127.0.0.1:8001',
        llmUrl: env[SERVICE_ENV.llmUrl] ?? 'http://127.0.0.1:8002',
        vectorDbUrl: env[SERVICE_ENV.vectorDbUrl] ?? 'http://127.0.0.1:6333',
        rootDir: env[SERVICE_ENV.rootDir] ?? process.cwd(),
        ...(collection ? { collection } : {}),
        ...(llmModel ? { llmModel } : {}),
      },
    };
  }
  if (problems.length > 0) throw new InvalidStackOptionsError(problems);
  return settings;
}
