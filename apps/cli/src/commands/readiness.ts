import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createServiceClients, probeServices, VectorDbClient } from '@rag-validate/clients';
import { collectSecrets, createRedactor, withServiceUrls, type RagValidateConfig } from '@rag-validate/config';
import { PROFILES, runReadiness, STATUS_LABELS, writeReadinessResults, type Profile, type ReadinessResult } from '@rag-validate/readiness';
import { startReferenceStack } from '@rag-validate/reference-stack';
import { Option, type Command } from 'commander';
import type { CliContext } from '../cli-context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { parsePositiveInt } from '../option-parsers.js';
import { runAction } from '../run-action.js';

interface ReadinessOptions {
  readonly profile: Profile;
  readonly compose?: string;
  readonly envFile?: string;
  readonly out?: string;
  readonly checks?: string;
  readonly prometheusConfig?: string;
  readonly audit: boolean;
  readonly auditDir?: string;
  readonly timeout?: number;
}

const VERDICT_LINES = { ready: 'READY', 'ready-with-warnings': 'READY WITH WARNINGS', 'not-ready': 'NOT READY' } as const;

/**
 * `rag-validate readiness`: runs the production-readiness checklist against the configured target
 * (and the compose / env files given), prints the checklist, writes readiness.json, .md and
 * .junit.xml, and exits 1 when a critical check fails (warnings do not fail the run). In embedded
 * mode it starts the reference stack itself when none is running.
 */
export function registerReadinessCommand(program: Command, ctx: CliContext): void {
  program
    .command('readiness')
    .description('score production readiness: configuration, health, dependencies, metrics, API docs, deployment files, security probes')
    .addOption(new Option('--profile <profile>', 'production fails debug settings; staging tolerates them').choices([...PROFILES]).default('production'))
    .option('--compose <file>', 'compose file of the deployment (deployment and configuration checks)')
    .option('--env-file <file>', '.env file: ${VAR} values for the compose file, or the settings themselves without one')
    .option('--out <dir>', 'directory for readiness.json, readiness.md and readiness.junit.xml (default: output.resultsDir)')
    .option('--checks <list>', 'comma-separated check ids or categories to run (default: all)')
    .option('--prometheus-config <file>', 'check this prometheus.yml instead of the generated one')
    .option('--no-audit', 'skip the npm dependency audit')
    .option('--audit-dir <dir>', 'project whose package-lock.json is audited (default: the nearest one above the working directory)')
    .option('--timeout <ms>', 'timeout of each probe request in milliseconds (default: target.healthTimeoutMs)', parsePositiveInt)
    .action((options: ReadinessOptions) =>
      runAction(ctx, async () => {
        const loaded = await ctx.loadConfig();
        const embedded = await embeddedTarget(ctx, loaded);
        try {
          return await readiness(ctx, embedded?.config ?? loaded, options);
        } finally {
          await embedded?.stop();
        }
      }),
    );
}

async function readiness(ctx: CliContext, config: RagValidateConfig, options: ReadinessOptions): Promise<ExitCode> {
  const inCwd = (file: string | undefined) => (file === undefined ? undefined : resolve(ctx.cwd, file));
  const auditDirectory = options.auditDir === undefined ? findUp(ctx.cwd, 'package-lock.json') : resolve(ctx.cwd, options.auditDir);
  const result = await runReadiness({
    config,
    profile: options.profile,
    composeFile: inCwd(options.compose),
    envFile: inCwd(options.envFile),
    env: ctx.env,
    checks: options.checks?.split(',').map((s) => s.trim()).filter((s) => s !== ''),
    prometheusConfigFile: inCwd(options.prometheusConfig),
    audit: options.audit && auditDirectory !== undefined ? { directory: auditDirectory } : false,
    probeTimeoutMs: options.timeout,
    onProgress: (line) => ctx.output.progress(line),
  });
  printChecklist(ctx, result);
  const out = resolve(ctx.cwd, options.out ?? config.output.resultsDir);
  const files = await writeReadinessResults(result, out, { redact: createRedactor(collectSecrets(config)) });
  ctx.output.info(`results: ${files.json}, ${files.markdown}, ${files.junit}`);
  ctx.output.result(result);
  return result.verdict === 'not-ready' ? EXIT.FAILED : EXIT.OK;
}

/**
 * In embedded mode, when nothing answers on the configured ports (no `rag-validate stack up`), the
 * reference stack is started on free ports for this run and stopped after it. It is prepared as a
 * deployment would be: its collection is created with the configured size and distance.
 */
async function embeddedTarget(ctx: CliContext, config: RagValidateConfig): Promise<{ config: RagValidateConfig; stop(): Promise<void> } | undefined> {
  if (config.target.mode !== 'embedded') return undefined;
  const running = await probeServices(createServiceClients(config), { timeoutMs: 1_000 });
  if (running.some((service) => service.ok)) return undefined;
  ctx.output.step('starting the embedded reference stack for this run …');
  const stack = await startReferenceStack({ rootDir: ctx.cwd, env: ctx.env, logLevel: 'warn' });
  try {
    const { name, vectorSize, distance } = config.target.collection;
    const vectorDb = new VectorDbClient({ baseUrl: stack.urls.vectorDb, ...(config.target.services.vectorDb.auth === undefined ? {} : { auth: config.target.services.vectorDb.auth }) });
    if (!(await vectorDb.collectionExists(name))) await vectorDb.createCollection(name, { size: vectorSize, distance });
    ctx.output.info(`embedded reference stack started on free ports (stopped after this run); collection ${name} created with ${vectorSize} dimensions, ${distance}`);
  } catch (error) {
    await stack.stop();
    throw error;
  }
  return { config: withServiceUrls(config, stack.urls), stop: () => stack.stop() };
}

function printChecklist(ctx: CliContext, result: ReadinessResult): void {
  ctx.output.table(
    ['status', 'severity', 'check', 'result'],
    result.checks.map((c) => [STATUS_LABELS[c.status], c.severity, c.id, c.reason]),
  );
  ctx.output.info();
  ctx.output.table(
    ['category', 'score', 'pass', 'warn', 'fail', 'unknown', 'skip'],
    result.categories.map((c) => [c.category, c.score === null ? '-' : String(c.score), ...(['pass', 'warn', 'fail', 'unknown', 'skip'] as const).map((s) => String(c.counts[s]))]),
  );
  const failures = result.checks.filter((c) => c.status === 'fail');
  if (failures.length > 0) {
    ctx.output.info();
    ctx.output.info('how to fix:');
    for (const check of failures) ctx.output.info(`  ${check.id} (${check.severity}): ${check.howToFix}`);
  }
  ctx.output.info();
  const critical = result.criticalFailures.length > 0 ? `; critical failures: ${result.criticalFailures.join(', ')}` : '';
  ctx.output.info(`${VERDICT_LINES[result.verdict]}: score ${result.score}/100 (coverage ${Math.round(result.coverage * 100)} %), profile ${result.profile}${critical}`);
}

/** The nearest directory at or above `from` that contains `name`. */
function findUp(from: string, name: string): string | undefined {
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, name))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
