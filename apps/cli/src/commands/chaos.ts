import { resolve } from 'node:path';
import {
  ChaosJournal,
  createEmbeddedEnvironment,
  createExternalEnvironment,
  exportChaosMesh,
  planChaos,
  rollbackJournal,
  rollbackOnSignals,
  runChaos,
  SHIPPED_EXPERIMENTS,
  selectExperiments,
  writeChaosMeshFiles,
  writeChaosResults,
  type ChaosDriverName,
  type ChaosEnvironment,
  type ChaosRunResult,
} from '@rag-validate/chaos';
import { isRagValidateError, SERVICE_DISPLAY_NAMES, type RagValidateConfig } from '@rag-validate/config';
import { InvalidArgumentError, type Command } from 'commander';
import type { CliContext } from '../cli-context.js';
import { embeddedStackLauncher } from '../embedded-stack.js';
import { EXIT } from '../exit-codes.js';
import { runAction } from '../run-action.js';
import { experimentRunbook } from '../runbook.js';
import { UsageError } from '../usage-error.js';

const DRIVERS: readonly ChaosDriverName[] = ['process', 'docker', 'tcp-proxy'];
/** Chaos errors that mean "nothing was run" (exit 2), like a config error. */
const REFUSALS: ReadonlySet<string> = new Set(['RV_ERR_CHAOS_NOT_ALLOWED', 'RV_ERR_CHAOS_EXTERNAL_TARGET', 'RV_ERR_CHAOS_UNKNOWN_EXPERIMENT', 'RV_ERR_CHAOS_UNSUPPORTED_FAULT', 'RV_ERR_CHAOS_TARGET_NOT_FOUND']);

function parseDriver(value: string): ChaosDriverName {
  if (!(DRIVERS as readonly string[]).includes(value)) throw new InvalidArgumentError(`expected one of ${DRIVERS.join(', ')}, got "${value}"`);
  return value as ChaosDriverName;
}

function parseUrl(value: string): string {
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:') return value.replace(/\/+$/, '');
  } catch {
    // fall through
  }
  throw new InvalidArgumentError(`expected an http(s) URL, got "${value}"`);
}

/** Turns a refusal (policy, unknown experiment, missing injector) into a usage error: nothing was touched. */
async function refusalsAreUsageErrors<T>(body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (error) {
    if (isRagValidateError(error) && REFUSALS.has(error.code)) throw new UsageError(`${error.code}: ${error.message}`, { cause: error });
    throw error;
  }
}

/**
 * `rag-validate chaos list | run <experiment...> | rollback | export --chaos-mesh <dir>`:
 * fault injection with recovery times, a data-consistency proof and guaranteed rollback.
 */
export function registerChaosCommand(program: Command, ctx: CliContext): void {
  const chaos = program.command('chaos').description('fault injection: recovery time, clean errors, data consistency, guaranteed rollback');

  chaos
    .command('list')
    .description('list the shipped experiments and what a healthy system does under each')
    .action(() =>
      runAction(ctx, async () => {
        ctx.output.table(
          ['experiment', 'fault', 'load', 'expected outcome'],
          SHIPPED_EXPERIMENTS.map((e) => [e.name, `${e.fault.kind} ${SERVICE_DISPLAY_NAMES[e.fault.service]}`, e.load.join('+'), e.expectedOutcome]),
        );
        ctx.output.result({
          experiments: SHIPPED_EXPERIMENTS.map((e) => ({
            name: e.name,
            title: e.title,
            fault: e.fault,
            load: e.load,
            expectedOutcome: e.expectedOutcome,
            alerts: e.alerts,
            runbook: experimentRunbook(e.name),
          })),
        });
        return EXIT.OK;
      }),
    );

  chaos
    .command('run')
    .description('run experiments (names from `chaos list`, or `all`) against the target; writes results/chaos.json and chaos.md')
    .argument('<experiments...>', 'experiment names, or all')
    .option('--driver <driver>', 'how service faults are injected: process, docker or tcp-proxy (default: chaos.driver)', parseDriver)
    .option('--dry-run', 'print the plan (what would be touched) and touch nothing')
    .option('--prometheus-url <url>', 'check that the matching alert fires during each fault (default: chaos.prometheusUrl)', parseUrl)
    .action((names: string[], options: { driver?: ChaosDriverName; dryRun?: boolean; prometheusUrl?: string }) =>
      runAction(ctx, () =>
        refusalsAreUsageErrors(async () => {
          const loaded = await ctx.loadConfig();
          const config: RagValidateConfig = options.driver === undefined ? loaded : { ...loaded, chaos: { ...loaded.chaos, driver: options.driver } };
          const experiments = selectExperiments(names);
          const selection = names.includes('all') ? 'all' : 'explicit';
          const journal = new ChaosJournal(config.chaos.journalFile, ctx.cwd);
          const embedded = config.target.mode === 'embedded';
          if (embedded && config.chaos.driver === 'docker') {
            throw new UsageError('--driver docker needs containers: start the stack with docker-compose and point rag-validate at it (target URLs and chaos.docker.composeProject)');
          }

          if (options.dryRun) {
            const environment = embedded ? undefined : await createExternalEnvironment(config, { journal });
            const plan = await planChaos(experiments, environment ?? { targetKind: 'embedded', driver: config.chaos.driver });
            ctx.output.info(`dry run: nothing is touched. Target: ${embedded ? 'the embedded reference stack (started for the run)' : 'external'}; each fault held ${config.chaos.faultDurationMs} ms.`);
            ctx.output.table(['experiment', 'driver', 'fault', 'would touch', 'runs'], plan.map((p) => [p.name, p.driver, p.fault, p.target, p.runnable ? 'yes' : 'no']));
            ctx.output.result({ dryRun: true, plan });
            return EXIT.OK;
          }

          const { result } = await runChaosAndReport(ctx, config, { experiments, selection, journal, embedded, prometheusUrl: options.prometheusUrl });
          ctx.output.result(result);
          return result.pass ? EXIT.OK : EXIT.FAILED;
        }),
      ),
    );

  chaos
    .command('rollback')
    .description('undo every fault the journal lists (what a killed or crashed run left behind)')
    .option('--force', 'also undo faults of a run that is still running')
    .action((options: { force?: boolean }) =>
      runAction(ctx, async () => {
        const config = await ctx.loadConfig();
        const journal = new ChaosJournal(config.chaos.journalFile, ctx.cwd);
        const report = await rollbackJournal(journal, { force: options.force === true });
        if (report.items.length === 0) ctx.output.info(`no fault in the journal (${report.journalFile}): nothing to undo`);
        else ctx.output.table(['service', 'driver', 'fault', 'status', 'detail'], report.items.map((i) => [i.displayName, i.driver, i.description, i.status, i.detail]));
        ctx.output.result(report);
        return report.clean ? EXIT.OK : EXIT.FAILED;
      }),
    );

  chaos
    .command('export')
    .description('write the experiments as Chaos Mesh manifests (PodChaos, NetworkChaos), checked statically')
    .requiredOption('--chaos-mesh <dir>', 'directory for one YAML file per experiment')
    .option('--namespace <namespace>', 'Kubernetes namespace of the services', 'default')
    .option('--label-key <key>', 'pod label whose value is the service name (rag-server, …)', 'app.kubernetes.io/name')
    .action((options: { chaosMesh: string; namespace: string; labelKey: string }) =>
      runAction(ctx, async () => {
        const config = await ctx.loadConfig();
        const exported = exportChaosMesh(SHIPPED_EXPERIMENTS, { namespace: options.namespace, labelKey: options.labelKey, durationMs: config.chaos.faultDurationMs });
        const written = await writeChaosMeshFiles(resolve(ctx.cwd, options.chaosMesh), exported);
        for (const path of written) ctx.output.info(`wrote ${path}`);
        for (const skip of exported.skipped) ctx.output.info(`skipped ${skip.experiment}: ${skip.reason}`);
        ctx.output.result({ written, skipped: exported.skipped });
        return EXIT.OK;
      }),
    );
}

/**
 * Runs experiments with guaranteed rollback (signals, finally), prints the verdict table and writes
 * chaos.json + chaos.md. Shared by `rag-validate chaos run` and the chaos area of `rag-validate run`.
 */
export async function runChaosAndReport(
  ctx: CliContext,
  config: RagValidateConfig,
  options: {
    readonly experiments: Parameters<typeof runChaos>[0]['experiments'];
    readonly selection: 'explicit' | 'all';
    readonly journal: ChaosJournal;
    readonly embedded: boolean;
    readonly prometheusUrl?: string | undefined;
    readonly resultsDir?: string;
  },
): Promise<{ result: ChaosRunResult; files: readonly string[] }> {
  const { experiments, selection, journal, embedded, prometheusUrl } = options;
  using guard = rollbackOnSignals({
    onSignal: (signal, repeated) => ctx.output.error(repeated ? `${signal} again: still rolling back the faults, please wait` : `${signal}: stopping; rolling back every fault before exiting`),
  });
  const environment: ChaosEnvironment = embedded
    ? await createEmbeddedEnvironment(config, { journal, launch: embeddedStackLauncher(ctx.env) })
    : await createExternalEnvironment(config, { journal });
  let result: ChaosRunResult;
  try {
    result = await runChaos({
      experiments,
      environment,
      selection,
      prometheusUrl,
      signal: guard.signal,
      onExperiment: (name, done) => {
        if (done === undefined) ctx.output.step(`[${name}] starting`);
        else ctx.output.step(`[${name}] ${done.verdict}${done.recovery?.timeToFirstGoodQueryMs == null ? '' : `, recovered in ${done.recovery.timeToFirstGoodQueryMs} ms`}`);
      },
      onEvent: (name, event) => ctx.output.step(`[${name}] ${event.event}${event.sinceFaultMs === null ? '' : ` +${event.sinceFaultMs} ms`}${event.detail ? `: ${event.detail}` : ''}`),
    });
  } finally {
    if (guard.signal.aborted) await guard.rollbackDone;
    await environment.close();
  }
  const files = await writeChaosResults(resolve(ctx.cwd, options.resultsDir ?? config.output.resultsDir), result);
  ctx.output.table(
    ['experiment', 'verdict', 'recovery', 'failed hypotheses'],
    result.experiments.map((e) => [
      e.name,
      e.verdict,
      e.recovery?.timeToFirstGoodQueryMs == null ? '-' : `${(e.recovery.timeToFirstGoodQueryMs / 1_000).toFixed(2)} s`,
      e.error ? `${e.error.code}: ${e.error.message}` : e.hypotheses.filter((h) => h.verdict === 'fail' || h.verdict === 'inconclusive').map((h) => `${h.id}: ${h.reason}`).join('; ') || '-',
    ]),
  );
  ctx.output.info(`results: ${files.json}, ${files.markdown}`);
  return { result, files: [files.json, files.markdown] };
}
