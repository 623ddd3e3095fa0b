import { e2eToJUnitXml, runE2e, SUITE_NAMES, type E2eResult, type SuiteName } from '@rag-validate/e2e';
import { Option, type Command } from 'commander';
import type { CliContext } from '../cli-context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import type { Output } from '../output.js';
import { ResultsWriter } from '../results-writer.js';
import { runAction } from '../run-action.js';
import { withTarget } from '../target/with-target.js';

const MARK = { pass: 'PASS', fail: 'FAIL', finding: 'NOTE', skip: 'SKIP' } as const;

/** `rag-validate e2e [--suite <name>...]`: the e2e suites with a readable reporter. */
export function registerE2eCommand(program: Command, ctx: CliContext): void {
  program
    .command('e2e')
    .description('run the e2e suites (workflow, service integration, error scenarios, retrieval quality) against the target')
    .addOption(new Option('--suite <name...>', 'suites to run (default: all)').choices([...SUITE_NAMES]))
    .option('--out <dir>', 'results directory (default: output.resultsDir)')
    .action((options: { suite?: SuiteName[]; out?: string }) =>
      runAction(ctx, async () => {
        const config = await ctx.loadConfig();
        return withTarget(ctx, config, async (target) => {
          const result = await runE2eWithProgress(ctx.output, target.config, options.suite, target.signal);
          const writer = new ResultsWriter(options.out ?? config.output.resultsDir, ctx.cwd);
          await writer.json('e2e.json', result);
          await writer.text('e2e-junit.xml', e2eToJUnitXml(result));
          printE2eSummary(ctx.output, result);
          ctx.output.info(`results: ${writer.written.join(', ')}`);
          ctx.output.result({ ok: result.status === 'pass', e2e: result, files: writer.written });
          return result.status === 'pass' ? EXIT.OK : EXIT.FAILED;
        });
      }),
    );
}

/** Runs the e2e suites, printing one line per case as it finishes. */
export async function runE2eWithProgress(output: Output, config: Parameters<typeof runE2e>[0]['config'], suites: readonly SuiteName[] | undefined, signal: AbortSignal): Promise<E2eResult> {
  return runE2e({
    config,
    ...(suites ? { suites } : {}),
    signal,
    progress: {
      onSuiteStart: (suite, title) => output.info(`\n${suite}: ${title}`),
      onCaseStart: (suite, id) => output.progress(`  … ${suite}/${id}`),
      onCaseEnd: (c) => output.info(`  ${MARK[c.status]}  ${c.title} (${c.durationMs} ms)${c.message && c.status !== 'pass' ? `\n        ${c.message}` : ''}`),
    },
  });
}

/** One line per suite plus the verdict. */
export function printE2eSummary(output: Output, result: E2eResult): ExitCode {
  output.info('');
  output.table(
    ['suite', 'status', 'pass', 'fail', 'finding', 'skip', 'time'],
    result.suites.map((s) => [s.suite, s.status.toUpperCase(), String(s.counts.pass), String(s.counts.fail), String(s.counts.finding), String(s.counts.skip), `${(s.durationMs / 1000).toFixed(1)} s`]),
  );
  output.info(`e2e ${result.status.toUpperCase()} against ${result.target.mode} target (${result.target.contract})`);
  return result.status === 'pass' ? EXIT.OK : EXIT.FAILED;
}
