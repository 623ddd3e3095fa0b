import { readFile } from 'node:fs/promises';
import { createServiceClients, type ServiceClients } from '@rag-validate/clients';
import { SERVICE_NAMES, serviceUrls, type RagValidateConfig, type ServiceName } from '@rag-validate/config';
import { loadComposeFile } from './compose/compose-file.js';
import type { ComposeModel } from './compose/compose-model.js';
import { envMap, loadEnvFile, type EnvFileModel } from './compose/env-file.js';
import { READINESS_CHECKS } from './checks/registry.js';
import { InputFileError, ReadinessOptionsError } from './errors.js';
import { CATEGORIES, PROFILES, type Category, type Profile, type ReadinessCheck } from './model/check-types.js';
import type { Evidence, PrometheusConfigSource, ProbeName, TargetFacts } from './model/evidence.js';
import type { CheckResult, ReadinessResult } from './model/readiness-result.js';
import { generatedPrometheusConfig } from './probes/generated-prometheus-config.js';
import { ProbeContext, type LoadedInputs, type ProbeSettings } from './probes/probe-context.js';
import { LATER_PHASES, PROBES } from './probes/probe-table.js';
import { categorySummaries, countStatuses, scoreOf, verdictOf } from './scoring/score.js';

export interface RunReadinessOptions {
  /** The resolved config: target URLs, credentials, collection, LLM model. */
  readonly config: RagValidateConfig;
  /** `production` fails debug settings; `staging` tolerates them. Default: 'production'. */
  readonly profile?: Profile;
  /** Compose file of the deployment (deployment and configuration checks). Default: none (those checks are unknown). */
  readonly composeFile?: string | undefined;
  /** `.env` file: `${VAR}` values for the compose file, or the settings themselves without one. Default: none. */
  readonly envFile?: string | undefined;
  /** More variables for compose interpolation, overriding the env file (the CLI passes the shell's). Default: {}. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Check ids or categories to run. Default: every check. */
  readonly checks?: readonly string[] | undefined;
  /** A prometheus.yml to check instead of the generated one. Default: none. */
  readonly prometheusConfigFile?: string | undefined;
  /** Renders prometheus.yml from the config, or false. Default: @rag-validate/monitoring-config's generator. */
  readonly generatePrometheusConfig?: ((config: RagValidateConfig) => string) | false | undefined;
  /** `npm audit` of a project directory, or false. Default: false (the check is skipped). */
  readonly audit?: false | { readonly directory: string; readonly registry?: string | undefined; readonly timeoutMs?: number | undefined };
  /** promtool executable, or false. Default: 'promtool' (unknown when not installed). */
  readonly promtool?: string | false;
  /** Deadline of one probe request. Default: config.target.healthTimeoutMs. */
  readonly probeTimeoutMs?: number | undefined;
  /** Deadline of one out-of-bounds request (a server that accepts may work for long). Default: 15_000. */
  readonly boundsTimeoutMs?: number | undefined;
  /** Size of the oversized request bodies. Default: 4 MiB (4_194_304). */
  readonly oversizedBodyBytes?: number | undefined;
  /** Concurrent calls of the rate-limit burst. Default: 20. */
  readonly burstSize?: number | undefined;
  /** Probe requests in flight at once (outside the burst). Default: 4. */
  readonly concurrency?: number | undefined;
  /** Service clients to use. Default: createServiceClients(config). */
  readonly clients?: ServiceClients;
  readonly signal?: AbortSignal;
  /** Called with a short line when a probe starts. */
  readonly onProgress?: (line: string) => void;
  /** Clock for `startedAt`. Default: () => new Date(). */
  readonly now?: () => Date;
}

/**
 * Runs the readiness checklist: reads the input files (throwing a typed error for a file that
 * cannot be used), gathers the evidence the selected checks need — each probe once — evaluates
 * every check and scores the result. A failing system is a result (`verdict: 'not-ready'`), never
 * an error.
 */
export async function runReadiness(options: RunReadinessOptions): Promise<ReadinessResult> {
  const { config, profile = 'production', env = {}, now = () => new Date() } = options;
  const startedAt = now();
  const started = performance.now();
  if (!(PROFILES as readonly string[]).includes(profile)) throw new ReadinessOptionsError('profile', `expected production or staging, got ${JSON.stringify(profile)}`);
  const checks = selectChecks(options.checks);
  const settings = await resolveSettings(options, profile, env);
  const ctx = new ProbeContext({ config, clients: options.clients ?? createServiceClients(config), settings, probes: PROBES, signal: options.signal });

  const needed = [...new Set(checks.flatMap((c) => c.needs))];
  const evidence: Record<string, unknown> = { target: targetFacts(config) };
  const gather = async (names: readonly ProbeName[]) => {
    await Promise.all(
      names.map(async (name) => {
        options.onProgress?.(`probing ${name}`);
        evidence[name] = await ctx.get(name);
      }),
    );
  };
  const later = LATER_PHASES.flat();
  await gather(needed.filter((n) => !later.includes(n)));
  for (const phase of LATER_PHASES) await gather(needed.filter((n) => phase.includes(n)));

  const context = { profile };
  const results: CheckResult[] = checks.map((check) => {
    const outcome = check.evaluate(evidence as Evidence, context);
    return {
      id: check.id,
      category: check.category,
      severity: check.severity,
      title: check.title,
      howToFix: check.howToFix,
      ...(check.owasp === undefined ? {} : { owasp: check.owasp }),
      ...outcome,
    };
  });
  const contract = await ctx.peek('contract');
  const { score, coverage } = scoreOf(results);
  return {
    kind: 'readiness',
    schemaVersion: 1,
    verdict: verdictOf(results),
    score,
    coverage,
    profile,
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(performance.now() - started),
    target: { mode: config.target.mode, contract: contract?.ok === true ? contract.value : config.target.contract === 'auto' ? undefined : config.target.contract, urls: serviceUrls(config) },
    inputs: { compose: options.composeFile, envFile: options.envFile },
    counts: countStatuses(results),
    criticalFailures: results.filter((r) => r.severity === 'critical' && r.status === 'fail').map((r) => r.id),
    categories: categorySummaries(results),
    checks: results,
  };
}

/** The checks named by id or category (all when none are named); an unknown name is an error. */
export function selectChecks(names: readonly string[] | undefined): ReadinessCheck[] {
  if (names === undefined || names.length === 0) return [...READINESS_CHECKS];
  const unknownNames = names.filter((n) => !(CATEGORIES as readonly string[]).includes(n) && !READINESS_CHECKS.some((c) => c.id === n));
  if (unknownNames.length > 0) {
    throw new ReadinessOptionsError('checks', `unknown check or category ${unknownNames.map((n) => JSON.stringify(n)).join(', ')} (categories: ${CATEGORIES.join(', ')})`);
  }
  return READINESS_CHECKS.filter((c) => names.includes(c.id) || names.includes(c.category as Category));
}

async function resolveSettings(options: RunReadinessOptions, profile: Profile, env: Readonly<Record<string, string | undefined>>): Promise<ProbeSettings> {
  const { config } = options;
  const probeTimeoutMs = positive('probeTimeoutMs', options.probeTimeoutMs ?? config.target.healthTimeoutMs);
  const boundsTimeoutMs = positive('boundsTimeoutMs', options.boundsTimeoutMs ?? 15_000);
  const oversizedBodyBytes = positive('oversizedBodyBytes', options.oversizedBodyBytes ?? 4 * 1024 * 1024);
  const burstSize = positive('burstSize', options.burstSize ?? 20);
  const concurrency = positive('concurrency', options.concurrency ?? 4);
  const audit = options.audit === undefined || options.audit === false ? undefined : { directory: options.audit.directory, registry: options.audit.registry, timeoutMs: positive('audit.timeoutMs', options.audit.timeoutMs ?? 60_000) };
  return {
    profile,
    inputs: await loadInputs(options, env),
    generatePrometheusConfig: options.generatePrometheusConfig === false ? undefined : (options.generatePrometheusConfig ?? generatedPrometheusConfig),
    audit,
    promtool: options.promtool ?? 'promtool',
    probeTimeoutMs,
    boundsTimeoutMs,
    oversizedBodyBytes,
    burstSize,
    concurrency,
  };
}

async function loadInputs(options: RunReadinessOptions, env: Readonly<Record<string, string | undefined>>): Promise<LoadedInputs> {
  const envFile: EnvFileModel | undefined = options.envFile === undefined ? undefined : await loadEnvFile(options.envFile);
  const variables = { ...(envFile === undefined ? {} : envMap(envFile)), ...env };
  const compose: ComposeModel | undefined = options.composeFile === undefined ? undefined : await loadComposeFile(options.composeFile, { variables });
  let prometheusConfig: PrometheusConfigSource | undefined;
  if (options.prometheusConfigFile !== undefined) {
    try {
      prometheusConfig = { source: options.prometheusConfigFile, text: await readFile(options.prometheusConfigFile, 'utf8') };
    } catch (error) {
      throw new InputFileError('prometheus config', options.prometheusConfigFile, (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message, { cause: error });
    }
  }
  return { compose, envFile, prometheusConfig };
}

function positive(option: string, value: number): number {
  if (!Number.isInteger(value) || value <= 0) throw new ReadinessOptionsError(option, `expected a whole number greater than 0, got ${value}`);
  return value;
}

function targetFacts(config: RagValidateConfig): TargetFacts {
  const authConfigured = Object.fromEntries(SERVICE_NAMES.map((s) => [s, config.target.services[s].auth?.apiKey !== undefined])) as Record<ServiceName, boolean>;
  return {
    mode: config.target.mode,
    urls: serviceUrls(config),
    authConfigured,
    collectionName: config.target.collection.name,
    vectorSize: config.target.collection.vectorSize,
    distance: config.target.collection.distance,
    llmModel: config.target.llmModel,
  };
}
