import type { RagValidateConfig } from '@rag-validate/config';
import { buildDashboards } from './dashboards/build-dashboards.js';
import type { GeneratedFile } from './files/generated-file.js';
import { commentHeader, renderJson, renderYaml } from './files/render.js';
import { dashboardProvisioning, datasourceProvisioning } from './grafana/provisioning.js';
import { resolveMonitoringOptions, type MonitoringOptions } from './options.js';
import { prometheusConfig, RULE_FILES, type CredentialFile } from './prometheus/prometheus-config.js';
import { alertRuleGroups } from './rules/alert-rules.js';
import { recordingRuleGroups } from './rules/recording-rules.js';
import { ruleUnitTests } from './rules/rule-unit-tests.js';
import { sloObjectives, type SloObjective } from './rules/slo-objectives.js';

/** The parts of the rag-validate config the monitoring files are built from. */
export type MonitoringConfigInput = Pick<RagValidateConfig, 'target' | 'slos'>;

/** Everything one generation produces. */
export interface MonitoringGeneration {
  /** The files, sorted by path. */
  readonly files: GeneratedFile[];
  /** Secret files prometheus.yml reads that the user must create (never generated). */
  readonly credentialFiles: readonly CredentialFile[];
  /** The SLOs the rules enforce. */
  readonly objectives: readonly SloObjective[];
}

/** Path of the generated promtool unit tests, relative to the output directory. */
export const RULE_TESTS_FILE = 'tests/rules.test.yml';

/**
 * Builds prometheus.yml, recording.yml, alerts.yml, the Grafana dashboards and provisioning files
 * and (unless `ruleTests: false`) promtool unit tests, all from one config. Pure and deterministic:
 * the same config and options always give byte-identical files. Throws `MonitoringOptionsError`
 * or `SloThresholdError` for input it cannot turn into valid files.
 */
export function generateMonitoring(config: MonitoringConfigInput, options: MonitoringOptions = {}): MonitoringGeneration {
  const resolved = resolveMonitoringOptions(options);
  const objectives = sloObjectives(config.slos);
  const prometheus = prometheusConfig(config, resolved);
  const files: GeneratedFile[] = [
    { path: 'prometheus.yml', kind: 'prometheus-config', content: renderYaml(prometheus.document, { comments: prometheus.comments }) },
    {
      path: RULE_FILES.recording,
      kind: 'recording-rules',
      content: renderYaml({ groups: recordingRuleGroups(objectives) }, { header: ['', 'SLI error ratios per SLO and window, error budgets (naming: slo:sli_error:ratio_rate<window>).'] }),
    },
    {
      path: RULE_FILES.alerts,
      kind: 'alert-rules',
      content: renderYaml({ groups: alertRuleGroups(config.slos, objectives, resolved) }, { header: ['', 'Runbook: every alert links to its section of the incident-response document (runbook_url).'] }),
    },
    ...buildDashboards(config.slos, objectives, resolved).map(
      ({ fileName, dashboard }): GeneratedFile => ({ path: `grafana/dashboards/${fileName}`, kind: 'grafana-dashboard', content: renderJson(dashboard) }),
    ),
    { path: 'grafana/provisioning/datasources/rag-validate.yml', kind: 'grafana-provisioning', content: renderYaml(datasourceProvisioning(resolved)) },
    { path: 'grafana/provisioning/dashboards/rag-validate.yml', kind: 'grafana-provisioning', content: renderYaml(dashboardProvisioning(resolved)) },
  ];
  if (resolved.ruleTests) {
    files.push({
      path: RULE_TESTS_FILE,
      kind: 'rule-tests',
      content: renderYaml(ruleUnitTests(config, objectives, resolved), { header: ['', 'Run: promtool test rules tests/rules.test.yml'] }),
    });
  }
  if (prometheus.credentialFiles.length > 0 && !resolved.credentialsDir.startsWith('/')) {
    files.push({
      path: `${resolved.credentialsDir}/.gitignore`,
      kind: 'gitignore',
      content: `${commentHeader(['', 'The API-key files prometheus.yml reads live here; never commit them.'])}\n*\n!.gitignore\n`,
    });
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, credentialFiles: prometheus.credentialFiles, objectives };
}

/** The generated files only (see `generateMonitoring`). */
export function generateMonitoringFiles(config: MonitoringConfigInput, options: MonitoringOptions = {}): GeneratedFile[] {
  return generateMonitoring(config, options).files;
}
