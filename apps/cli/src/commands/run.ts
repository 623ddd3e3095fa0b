import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { isRagValidateError } from '@rag-validate/config';
import type { RunSummary } from '@rag-validate/report';
import { Option, type Command } from 'commander';
import type { CliContext } from '../cli-context.js';
import { EXIT } from '../exit-codes.js';
import { ResultsWriter } from '../results-writer.js';
import { runAction } from '../run-action.js';
import { PHASE_NAMES, type PhaseName, type PhaseOutcome } from '../run/phase.js';
import { PHASES } from '../run/phases.js';
import { withTarget } from '../target/with-target.js';
import { printWritten, renderReport } from './report.js';

/**
 * `rag-validate run`: the main job. Uses the configured target or starts the embedded reference
 * stack, runs every area in order, writes `results/` and the report (report.html, .md,
 * .junit.xml), prints a summary, exits 0 when everything passed and 1 otherwise (a report that
 * cannot be written fails the run too).
 */
export function registerRunCommand(program: Command, ctx: CliContext): void {
  program
    .command('run')
    .description('the main job: run every area (health, e2e, …) against the target and write results/')
    .addOption(new Option('--only <area...>', 'run only these areas').choices([...PHASE_NAMES]))
    .addOption(new Option('--skip <area...>', 'skip these areas').choices([...PHASE_NAMES]))
    .option('--full', 'full-length perf runs instead of the short smoke profile')
    .option('--out <dir>', 'results directory (default: output.resultsDir)')
    .option('--compose <file>', `compose file of the deployment, for the readiness checklist (default: ${DEFAULT_COMPOSE} when it exists)`)
    .option('--env-file <file>', `.env file of the deployment, for the readiness checklist (default: ${DEFAULT_ENV_FILE} when it exists)`)
    .action((options: { only?: PhaseName[]; skip?: PhaseName[]; full?: boolean; out?: string; compose?: string; envFile?: string }) =>
      runAction(ctx, async () => {
        const config = await ctx.loadConfig();
        const selected = PHASE_NAMES.filter((p) => (options.only ? options.only.includes(p) : true) && !(options.skip ?? []).includes(p));
        const writer = new ResultsWriter(options.out ?? config.output.resultsDir, ctx.cwd);
        const started = Date.now();
        const outcomes: PhaseOutcome[] = [];
        await withTarget(ctx, config, async (target) => {
          for (const [index, name] of selected.entries()) {
            if (target.signal.aborted) break;
            const phase = PHASES[name];
            ctx.output.info(`\n== [${index + 1}/${selected.length}] ${phase.title}`);
            const phaseStarted = Date.now();
            const deployment = deploymentFiles(ctx.cwd, options);
            const outcome = await phase.run({ target, output: ctx.output, writer, full: options.full ?? false, cli: ctx, deployment });
            outcomes.push({ phase: name, durationMs: Date.now() - phaseStarted, ...outcome });
          }
        });
        const phasesStatus = outcomes.length === selected.length && outcomes.every((o) => o.status !== 'fail') ? 'pass' : 'fail';
        const summary: RunSummary = {
          kind: 'run',
          version: 1,
          status: phasesStatus,
          startedAt: new Date(started).toISOString(),
          durationMs: Date.now() - started,
          target: { mode: config.target.mode },
          phases: outcomes,
        };
        const summaryFile = await writer.json('run.json', summary);
        ctx.output.info('\n== summary');
        ctx.output.table(
          ['area', 'status', 'time', 'summary'],
          outcomes.map((o) => [o.phase, o.status.toUpperCase(), `${(o.durationMs / 1000).toFixed(1)} s`, o.summary]),
        );
        const report = await renderReport(ctx, config, { in: writer.dir }).then(
          (written) => {
            printWritten(ctx, written);
            return written.html;
          },
          (error: unknown) => {
            const what = isRagValidateError(error) ? `${error.code}: ${error.message}` : `RV_ERR_INTERNAL: ${error instanceof Error ? error.message : String(error)}`;
            ctx.output.error(`report: not written — ${what}`);
            return null;
          },
        );
        const status = phasesStatus === 'pass' && report !== null ? 'pass' : 'fail';
        ctx.output.info(`\nrag-validate run ${status.toUpperCase()} — results in ${writer.dir} (${summaryFile})`);
        ctx.output.result({ ok: status === 'pass', phases: outcomes, resultsDir: writer.dir, report });
        return status === 'pass' ? EXIT.OK : EXIT.FAILED;
      }),
    );
}

const DEFAULT_COMPOSE = 'deployment/production.yml';
const DEFAULT_ENV_FILE = 'deployment/env.example';

/** The deployment files readiness checks: the given ones, else the repository's own when run from its root. */
function deploymentFiles(cwd: string, options: { compose?: string; envFile?: string }): { compose?: string; envFile?: string } {
  const pick = (given: string | undefined, fallback: string) => given ?? (existsSync(join(cwd, fallback)) ? fallback : undefined);
  const compose = pick(options.compose, DEFAULT_COMPOSE);
  const envFile = pick(options.envFile, DEFAULT_ENV_FILE);
  return { ...(compose === undefined ? {} : { compose }), ...(envFile === undefined ? {} : { envFile }) };
}
