import type { ContractVersion, ServiceName } from '@rag-validate/config';
import type { ComposeModel } from '../compose/compose-model.js';
import type { EnvFileModel } from '../compose/env-file.js';

/**
 * Evidence is gathered once by the probes and read by the pure checks. A piece of evidence is
 * either the value seen or the reason it could not be seen: checks turn a missing piece into
 * `unknown` (or `skip` for `not-applicable`), never into a pass.
 */
export type Gathered<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string; readonly code: GatherFailure };

/**
 * Why evidence is missing: `not-given` (an input such as --compose was not passed), `not-applicable`
 * (the target has nothing to probe, e.g. no `file_path` route), `unreachable` (no HTTP answer),
 * `tool-missing` (promtool, npm), `failed` (anything else).
 */
export type GatherFailure = 'not-given' | 'not-applicable' | 'unreachable' | 'tool-missing' | 'failed';

export const gathered = <T>(value: T): Gathered<T> => ({ ok: true, value });
export const missing = (code: GatherFailure, reason: string): Gathered<never> => ({ ok: false, code, reason });

/** The services that are FastAPI-style applications (`/health`, `/openapi.json`, `/docs`). */
export const APP_SERVICES = ['rag', 'embedding', 'llm'] as const;
export type AppService = (typeof APP_SERVICES)[number];

/** One HTTP answer, whatever its status. */
export interface HttpObservation {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  /** Lower-cased header names. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** The body as text, cut to 64 KiB. */
  readonly text: string;
  readonly elapsedMs: number;
}

/** An HTTP answer, or why none came (`unreachable`: refused, reset, timed out). */
export type HttpProbe = Gathered<HttpObservation>;

/** The configured target (always present). */
export interface TargetFacts {
  readonly mode: 'embedded' | 'external';
  readonly urls: Readonly<Record<ServiceName, string>>;
  /** Services whose config carries an API key. */
  readonly authConfigured: Readonly<Record<ServiceName, boolean>>;
  readonly collectionName: string;
  readonly vectorSize: number;
  readonly distance: string;
  readonly llmModel: string;
}

export interface VectorDbProbes {
  readonly healthz: HttpProbe;
  readonly readyz: HttpProbe;
  readonly livez: HttpProbe;
}

export interface RagReadinessProbes {
  readonly readyz: HttpProbe;
  readonly livez: HttpProbe;
}

/** A documented GET route and what it answered. */
export interface RouteProbe {
  readonly path: string;
  readonly observation: HttpProbe;
}

export interface CollectionFacts {
  readonly name: string;
  readonly status: string;
  readonly vectorSize: number;
  readonly distance: string;
  readonly pointsCount: number;
}

/** Problems `promtool check metrics` reported for one service's `/metrics`. */
export interface MetricsLint {
  readonly problems: readonly string[];
}

/** A request sent to make a service answer with an error, and what came back. */
export interface ProbeExchange {
  readonly service: ServiceName;
  /** What the request tries, e.g. `malformed JSON`. */
  readonly purpose: string;
  readonly method: string;
  readonly path: string;
  /** Strings we sent, so they are not mistaken for leaks when echoed back. */
  readonly sent: readonly string[];
  readonly observation: HttpProbe;
}

export interface CorsProbe {
  readonly service: ServiceName;
  readonly origin: string;
  readonly preflight: HttpProbe;
  readonly simple: HttpProbe;
}

export interface AuthProbe {
  readonly service: ServiceName;
  readonly keyConfigured: boolean;
  /** The call sent without credentials (only when a key is configured). */
  readonly withoutKey?: ProbeExchange;
}

export interface BurstProbe {
  readonly service: ServiceName;
  readonly method: string;
  readonly path: string;
  readonly sent: number;
  /** status → count; `error` counts calls that got no answer. */
  readonly statuses: Readonly<Record<string, number>>;
  /** Rate-limit headers seen on any answer (`retry-after`, `ratelimit-*`, `x-ratelimit-*`). */
  readonly rateLimitHeaders: readonly string[];
}

/** GETs without credentials of the endpoints that should not be public. */
export interface ExposureProbe {
  readonly service: ServiceName;
  readonly path: string;
  readonly observation: HttpProbe;
}

export interface AuditSummary {
  readonly tool: string;
  readonly directory: string;
  readonly counts: Readonly<Record<'critical' | 'high' | 'moderate' | 'low' | 'info', number>>;
  /** Vulnerable packages with their worst severity. */
  readonly packages: ReadonlyArray<{ readonly name: string; readonly severity: string }>;
}

export interface PrometheusConfigSource {
  /** `generated from the config` or the file path. */
  readonly source: string;
  readonly text: string;
}

/** Every piece of evidence, by probe name. */
export interface EvidenceMap {
  readonly target: TargetFacts;
  readonly contract: Gathered<ContractVersion>;
  readonly compose: Gathered<ComposeModel>;
  readonly envFile: Gathered<EnvFileModel>;
  readonly health: Readonly<Record<AppService, HttpProbe>>;
  readonly ragReadiness: RagReadinessProbes;
  readonly vectorDbProbes: VectorDbProbes;
  readonly embeddingDimension: Gathered<number>;
  /** `null` when the collection does not exist. */
  readonly collection: Gathered<CollectionFacts | null>;
  readonly llmModels: Gathered<readonly string[]>;
  readonly metrics: Readonly<Record<ServiceName, HttpProbe>>;
  readonly metricsLint: Readonly<Record<ServiceName, Gathered<MetricsLint>>>;
  readonly prometheusConfig: Gathered<PrometheusConfigSource>;
  readonly openapi: Readonly<Record<AppService, HttpProbe>>;
  readonly docsPage: Readonly<Record<AppService, HttpProbe>>;
  readonly documentedRoutes: Readonly<Record<AppService, Gathered<readonly RouteProbe[]>>>;
  readonly errorResponses: Gathered<readonly ProbeExchange[]>;
  readonly oversizedBody: Gathered<readonly ProbeExchange[]>;
  readonly requestBounds: Gathered<readonly ProbeExchange[]>;
  readonly pathTraversal: Gathered<readonly ProbeExchange[]>;
  readonly cors: Gathered<readonly CorsProbe[]>;
  readonly authEnforcement: Gathered<readonly AuthProbe[]>;
  readonly rateLimit: Gathered<BurstProbe>;
  readonly exposure: Gathered<readonly ExposureProbe[]>;
  readonly dependencyAudit: Gathered<AuditSummary>;
}

export type ProbeName = Exclude<keyof EvidenceMap, 'target'>;

/** The evidence a run gathered: `target` always, every other piece only when a selected check needs it. */
export type Evidence = { readonly target: TargetFacts } & Partial<Omit<EvidenceMap, 'target'>>;
