import { basename, dirname, join, resolve } from 'node:path';
import type { RagValidateConfig } from '@rag-validate/config';
import { AREA_TITLES, findMonitoringFiles, writeReport, type WrittenReport } from '@rag-validate/report';
import type { Command } from 'commander';
import type { CliContext } from '../cli-context.js';
import { EXIT } from '../exit-codes.js';
import { runAction } from '../run-action.js';
import { UsageError } from '../usage-error.js';

export interface ReportOptions {
  readonly in?: string;
  readonly out?: string;
  readonly monitoringDir?: string;
}

/**
 * `rag-validate report [--in <dir>] [--out <file>]`: renders the result files of a results
 * directory as one self-contained HTML report (report.html, plots as inline SVG), report.md for a
 * pull-request comment and report.junit.xml for CI. Exit 0 when the report is written, whatever
 * the results say; 2 when the results directory is missing or holds no result file.
 */
export function registerReportCommand(program: Command, ctx: CliContext): void {
  program
    .command('report')
    .description('render the results directory as report.html (inline plots, no network), report.md and report.junit.xml')
    .option('--in <dir>', 'results directory to read (default: output.resultsDir)')
    .option('--out <file>', 'HTML file to write; the .md and .junit.xml go beside it (default: <in>/report.html)')
    .option('--monitoring-dir <dir>', 'generated monitoring files to link (default: <in>/monitoring, else deployment/monitoring beside <in> or in the working directory)')
    .action((options: ReportOptions) =>
      runAction(ctx, async () => {
        const config = await ctx.loadConfig();
        const written = await renderReport(ctx, config, options);
        ctx.output.table(
          ['area', 'verdict', 'summary'],
          written.verdict.areas.map((a) => [AREA_TITLES[a.area], a.status.toUpperCase(), a.summary]),
        );
        printWritten(ctx, written);
        ctx.output.result({ ok: true, html: written.html, markdown: written.markdown, junit: written.junit, verdict: written.verdict });
        return EXIT.OK;
      }),
    );
}

/** Writes report.html (+ .md, .junit.xml) for a results directory; shared with `rag-validate run`. */
export async function renderReport(ctx: CliContext, config: RagValidateConfig, options: ReportOptions): Promise<WrittenReport> {
  const dir = resolve(ctx.cwd, options.in ?? config.output.resultsDir);
  let monitoringDirs = [join(dir, 'monitoring'), join(dirname(dir), 'deployment', 'monitoring'), join(ctx.cwd, 'deployment', 'monitoring')];
  if (options.monitoringDir !== undefined) {
    const given = resolve(ctx.cwd, options.monitoringDir);
    if ((await findMonitoringFiles([given])) === null) throw new UsageError(`--monitoring-dir ${options.monitoringDir}: no prometheus.yml there (generate the files with \`rag-validate monitoring generate --out ${options.monitoringDir}\`)`);
    monitoringDirs = [given];
  }
  return writeReport(dir, options.out === undefined ? undefined : resolve(ctx.cwd, options.out), { monitoringDirs });
}

/** `report: <path>` and the files beside it. */
export function printWritten(ctx: CliContext, written: WrittenReport): void {
  ctx.output.info(`report: ${written.html} (${Math.round(written.htmlBytes / 1024)} KB; also ${basename(written.markdown)}, ${basename(written.junit)})`);
}
