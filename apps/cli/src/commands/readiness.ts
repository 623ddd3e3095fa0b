import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { collectSecrets, createRedactor, type RagValidateConfig } from '@rag-validate/config';
import { PROFILES, runReadiness, selectChecks, STATUS_LABELS, writeReadinessResults, type ProbeName, type Profile, type ReadinessResult } from '@rag-validate/readiness';
import { Option, type Command } from 'commander';
import type { CliContext } from '../cli-context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { parsePositiveInt } from '../option-parsers.js';
import { runAction } from '../run-action.js';
import { withTarget } from '../target/with-target.js';

export interface ReadinessOptions {
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
 * mode it uses the stack `rag-validate stack up` runs, else starts one for this run.
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
        const config = await ctx.loadConfig();
        // Checks that only read files (compose, env file, prometheus.yml, the npm audit) need no running stack.
        if (config.target.mode === 'embedded' && selectChecks(splitList(options.checks)).every((check) => check.needs.every((probe) => FILE_ONLY_PROBES.has(probe)))) {
          return readiness(ctx, config, options);
        }
        return withTarget(ctx, config, (target) => readiness(ctx, target.config, options), { reuseRunning: true, stack: { rootDir: ctx.cwd, env: ctx.env, logLevel: 'warn' } });
      }),
    );
}

async function readiness(ctx: CliContext, config: RagValidateConfig, options: ReadinessOptions): Promise<ExitCode> {
  const { result } = await runReadinessAndReport(ctx, config, options);
  ctx.output.result(result);
  return result.verdict === 'not-ready' ? EXIT.FAILED : EXIT.OK;
}

/** Runs the checklist, prints it and writes readiness.json, .md and .junit.xml (shared with `rag-validate run`). */
export async function runReadinessAndReport(
  ctx: CliContext,
  config: RagValidateConfig,
  options: ReadinessOptions,
): Promise<{ result: ReadinessResult; files: readonly string[] }> {
  const inCwd = (file: string | undefined) => (file === undefined ? undefined : resolve(ctx.cwd, file));
  const auditDirectory = options.auditDir === undefined ? findUp(ctx.cwd, 'package-lock.json') : resolve(ctx.cwd, options.auditDir);
  const result = await runReadiness({
    config,
    profile: options.profile,
    composeFile: inCwd(options.compose),
    envFile: inCwd(options.envFile),
    env: ctx.env,
    checks: splitList(options.checks),
    prometheusConfigFile: inCwd(options.prometheusConfig),
    audit: options.audit && auditDirectory !== undefined ? { directory: auditDirectory } : false,
    probeTimeoutMs: options.timeout,
    onProgress: (line) => ctx.output.progress(line),
  });
  printChecklist(ctx, result);
  const out = resolve(ctx.cwd, options.out ?? config.output.resultsDir);
  const files = await writeReadinessResults(result, out, { redact: createRedactor(collectSecrets(config)) });
  ctx.output.info(`results: ${files.json}, ${files.markdown}, ${files.junit}`);
  return { result, files: [files.json, files.markdown, files.junit] };
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

const FILE_ONLY_PROBES: ReadonlySet<ProbeName> = new Set<ProbeName>(['compose', 'envFile', 'dependencyAudit', 'prometheusConfig']);

function splitList(list: string | undefined): string[] | undefined {
  return list?.split(',').map((s) => s.trim()).filter((s) => s !== '');
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
