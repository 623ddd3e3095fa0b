import { resolve } from 'node:path';
import { generateMonitoring, writeMonitoringFiles, type MonitoringOptions } from '@rag-validate/monitoring-config';
import type { ServiceName } from '@rag-validate/config';
import type { Command } from 'commander';
import type { CliContext } from '../cli-context.js';
import { EXIT } from '../exit-codes.js';
import { runAction } from '../run-action.js';

interface GenerateOptions {
  out: string;
  check?: boolean;
  tests: boolean;
  scrapeInterval?: string;
  evaluationInterval?: string;
  alertmanagerUrl?: string;
  prometheusUrl?: string;
  runbookUrl?: string;
  credentialsDir?: string;
  dashboardsPath?: string;
  probe?: string[];
  blackboxExporterUrl?: string;
}

/** `--probe rag,embedding` → ['rag', 'embedding'] (the package rejects unknown names). */
function serviceList(value: string): string[] {
  return value
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
}

/** The generator options given on the command line (the package validates them). */
function monitoringOptions(options: GenerateOptions): MonitoringOptions {
  return {
    ruleTests: options.tests,
    ...(options.scrapeInterval === undefined ? {} : { scrapeInterval: options.scrapeInterval }),
    ...(options.evaluationInterval === undefined ? {} : { evaluationInterval: options.evaluationInterval }),
    ...(options.alertmanagerUrl === undefined ? {} : { alertmanagerUrl: options.alertmanagerUrl }),
    ...(options.prometheusUrl === undefined ? {} : { prometheusUrl: options.prometheusUrl }),
    ...(options.runbookUrl === undefined ? {} : { runbookUrl: options.runbookUrl }),
    ...(options.credentialsDir === undefined ? {} : { credentialsDir: options.credentialsDir }),
    ...(options.dashboardsPath === undefined ? {} : { dashboardsPath: options.dashboardsPath }),
    ...(options.probe === undefined ? {} : { probedServices: options.probe as ServiceName[] }),
    ...(options.blackboxExporterUrl === undefined ? {} : { blackboxExporterUrl: options.blackboxExporterUrl }),
  };
}

/**
 * `rag-validate monitoring generate --out <dir> [--check]`: writes prometheus.yml, the rule files,
 * promtool tests, Grafana dashboards and provisioning generated from the config. With --check it
 * writes nothing and exits 1 when a file in <dir> is stale, missing or left over.
 */
export function registerMonitoringCommand(program: Command, ctx: CliContext): void {
  const monitoring = program.command('monitoring').description('Prometheus config, alert rules and Grafana dashboards generated from the SLOs');

  monitoring
    .command('generate')
    .description('write prometheus.yml, recording.yml, alerts.yml, tests/, grafana/ into <dir> (--check: only compare)')
    .requiredOption('-o, --out <dir>', 'output directory (created if needed)')
    .option('--check', 'write nothing; exit 1 when files in <dir> are stale, missing or no longer generated')
    .option('--no-tests', 'do not write the promtool unit tests (tests/rules.test.yml)')
    .option('--scrape-interval <duration>', 'Prometheus scrape interval (default: 15s)')
    .option('--evaluation-interval <duration>', 'Prometheus rule evaluation interval (default: 15s)')
    .option('--alertmanager-url <url>', 'send alerts to this Alertmanager (default: no alerting section)')
    .option('--prometheus-url <url>', 'URL Grafana reaches Prometheus at (default: http://localhost:9090)')
    .option('--runbook-url <url>', 'runbook the alerts link to, #<alert> is appended (default: docs/incident-response.md)')
    .option('--credentials-dir <dir>', 'where prometheus.yml expects API-key files (default: secrets)')
    .option('--dashboards-path <path>', 'directory Grafana loads the dashboards from (default: /var/lib/grafana/dashboards/rag-validate)')
    .option('--probe <services>', 'services without /metrics to health-probe through a blackbox exporter, e.g. rag,embedding,llm (default: none)', serviceList)
    .option('--blackbox-exporter-url <url>', 'the blackbox exporter that runs the --probe probes, e.g. http://blackbox-exporter:9115')
    .action((options: GenerateOptions) =>
      runAction(ctx, async () => {
        const config = await ctx.loadConfig();
        const generation = generateMonitoring(config, monitoringOptions(options));
        const dir = resolve(ctx.cwd, options.out);
        const check = options.check === true;
        const result = await writeMonitoringFiles(dir, generation.files, { check });
        const rows = [
          ...result.current.map((path) => [path, check ? 'current' : 'unchanged']),
          ...result.stale.map((path) => [path, check ? 'STALE' : 'updated']),
          ...result.missing.map((path) => [path, check ? 'MISSING' : 'created']),
          ...result.orphaned.map((path) => [path, check ? 'NO LONGER GENERATED' : 'removed']),
        ].sort((a, b) => ((a[0] ?? '') < (b[0] ?? '') ? -1 : 1));
        ctx.output.table(['file', check ? 'state' : 'action'], rows);
        for (const file of generation.credentialFiles) ctx.output.info(`prometheus.yml reads ${file.path}: create it with ${file.contents} (never commit it)`);
        ctx.output.result({
          ok: result.upToDate,
          dir,
          check,
          current: result.current,
          stale: result.stale,
          missing: result.missing,
          orphaned: result.orphaned,
          credentialFiles: generation.credentialFiles.map((file) => file.path),
        });
        if (result.upToDate) {
          ctx.output.info(check ? `${dir}: all ${result.current.length} generated files are current` : `wrote ${generation.files.length} files to ${dir}`);
          return EXIT.OK;
        }
        const count = result.stale.length + result.missing.length + result.orphaned.length;
        ctx.output.error(`${count} file${count === 1 ? ' is' : 's are'} out of date in ${dir}; regenerate with the same config and options: rag-validate monitoring generate --out ${options.out}`);
        return EXIT.FAILED;
      }),
    );
}
